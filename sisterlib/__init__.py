"""sisterlib: a static site generator for the Sister Libraries wiki."""

__version__ = "0.1.0"
