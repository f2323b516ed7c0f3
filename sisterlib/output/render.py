"""Render: template name + context -> bytes. Knows no content kinds.

Jinja is set up as SECURITY-NOTES R4 asks: autoescape on for every template, undefined
variables fail, content is only ever passed as data (never compiled as a template), and
`|safe` is used on the Markdown renderer's output alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from ..config import Config
from ..content import codes
from ..content.model import ContentDate
from ..search import fields as search
from . import csp, urls

RAW = "raw"  # the template name of an output whose bytes are made in Python, in context["data"]


def make_environment(config: Config) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    base = config.base_path

    def url(path: str) -> str:
        """Site-absolute path with the base path: '/stories/' -> '/repo/stories/'."""
        return base + path

    def absolute(path: str) -> str:
        return (config.absolute_base + path) if config.absolute_base else base + path

    def date_text(value: ContentDate | None) -> str:
        return value.display if value else ""

    env.filters.update(
        url=url,
        entry_href=lambda entry: base + urls.entry_url(entry.kind, entry.slug),
        absolute=absolute,
        date_text=date_text,
        country_name=lambda code: codes.country_name(code) or code,
        language_name=lambda code: codes.language_name(code) or code,
    )
    env.globals.update(config=config, search_fields=search.search_fields, search_latin=search.latin_table)
    env.globals.update(csp_policy=csp.POLICY)
    return env


class Renderer:
    """Holds one Jinja environment and its compiled templates for a whole build."""

    def __init__(self, config: Config):
        self.env = make_environment(config)
        self._templates: dict[str, jinja2.Template] = {}

    def load_all(self) -> None:
        """Compile every template now, so worker processes forked later share them."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    def render(self, template: str, context: dict[str, Any]) -> bytes:
        if template == RAW:  # a file made in Python (open data): already bytes
            return context["data"]
        compiled = self._templates.get(template)
        if compiled is None:
            compiled = self._templates[template] = self.env.get_template(template)
        return compiled.render(context).encode("utf-8")


def template_files(config: Config) -> list[Path]:
    return sorted(p for p in config.templates_dir.rglob("*") if p.is_file())
