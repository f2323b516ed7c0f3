"""Search: what each page tells Pagefind, the Pagefind run, and keeping its index stable."""
