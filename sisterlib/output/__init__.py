"""Output: URLs, the page plan, rendering, the one writer, and the files besides pages."""
