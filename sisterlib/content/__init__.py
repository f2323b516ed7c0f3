"""Content: the one table of kinds, the model, and reading files into checked entries."""
