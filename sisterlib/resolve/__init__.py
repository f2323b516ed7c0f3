"""Resolve: names and references between entries, Markdown bodies, and the Site with its derived views."""
