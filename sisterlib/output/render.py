"""Render: template name + context -> bytes. Knows no content kinds.

Jinja is set up as SECURITY-NOTES R4 asks: autoescape on for every template, undefined
variables fail, content is only ever passed as data (never compiled as a template), and
`|safe` is used on the Markdown renderer's output alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..config import Config
from ..content.hours import written_hours
from ..i18n import current, labels
from ..i18n.catalogs import translations
from ..i18n.environment import install as install_language
from ..resolve import partner_views
from ..search import fields as search
from ..search import listings as search_lists
from . import basemap, calendar, csp, mapview, twoscripts, urls
from .meeting_text import meeting_text
from .pictures import picture_html

RAW = "raw"  # the template name of an output whose bytes are made in Python, in context["data"]
FILE = "file"  # ... of an output copied from a trusted file: a processed photo in the cache, context["file"]
MADE = "made"  # ... of an output made in Python while rendering: context["make"](context) gives its bytes


def make_environment(config: Config, lang: str = "", compiled: Path | None = None) -> jinja2.Environment:
    """The environment that renders pages in one interface language (the default one if ""),
    keeping its compiled templates in `compiled` when given (see Renderer)."""
    lang = lang or config.language
    code = jinja2.FileSystemBytecodeCache(str(compiled / lang)) if compiled else None
    if compiled:
        (compiled / lang).mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates_dir)),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=code,
    )

    install_language(env, config, lang)  # gettext, links, names, dates and entries in this language
    env.filters.update(source_file=urls.source_file)
    labels.register(env)  # names of statuses, library types, kinds (i18n/labels.py)
    env.globals.update(  # site paths, for the `url` filter
        section_url=urls.section_url,
        country_url=urls.country_url,
        stories_url=urls.stories_url,
        feed_url=urls.feed_url,
        data_url=urls.data_url,
        search_lists_url=urls.search_lists_url,
        agreement_url=urls.agreement_url,
        calendar_url=urls.calendar_url,
        status_url=urls.status_url,
    )
    env.globals.update(
        config=config,
        search_fields=search.search_fields,
        search_options=search_lists.options,
        search_list_size=search_lists.PER_PAGE,
        search_lists_version=lambda site: search_lists.listings(site).version,
    )
    env.globals.update(csp_policy=csp.POLICY, day_text=calendar.day_text, written_hours=written_hours)
    env.globals.update(next_days=partner_views.next_days, meeting_text=meeting_text)  # partnerships (issue 15)
    env.globals.update(partner_map=mapview.partner_map, basemap_url=basemap.URL)  # the maps (issue 14)
    env.filters.update(latin_form=twoscripts.latin_form, script_sort_key=twoscripts.sort_key, match_keys=twoscripts.match_keys)
    env.globals.update(by_latin_name=twoscripts.by_latin_name)

    def picture(shown: Any, where: str = "body", lazy: bool = True, link: bool = True) -> Markup:
        """A photo (resolve.images.Shown) as <picture>: output/pictures.py escapes every value."""
        return Markup(picture_html(shown.picture, shown.alt, config.base_path, where, lazy, link))

    env.globals.update(picture=picture)
    return env


class Renderer:
    """Holds one Jinja environment per interface language, and its compiled templates, for a whole build."""

    def __init__(self, config: Config, compiled: Path | None = None):
        """`compiled`: a folder of the cache for the templates' compiled code, one per language and
        per render key (cache/pages.py: code, config, templates, catalogs). Jinja's optimizer folds
        filters of constants into the code at compile time (`{{ "/seeking/"|url }}` becomes the
        page language's link), so compiled code is only valid for the environment that made it.
        Compiling 30 templates in three languages takes about 0.9 s of every build."""
        self.config = config
        self.envs = {lang: make_environment(config, lang, compiled) for lang in config.languages}
        # Each language's catalog, read once for the build: rendering a page sets its language for
        # the text Python makes (i18n/current.py), and reading it again each time cost 50 µs a page.
        self.catalogs = {lang: translations(config.locale_dir, lang) for lang in config.languages}
        self.env = self.envs[config.language]
        self._templates: dict[tuple[str, str], jinja2.Template] = {}

    def load_all(self) -> None:
        """Compile every template now, so worker processes forked later share them."""
        for env in self.envs.values():
            for name in env.list_templates():
                env.get_template(name)

    def render(self, template: str, context: dict[str, Any]) -> bytes:
        if template == RAW:  # a file made in Python (open data): already bytes
            return context["data"]
        if template == MADE:  # in the render workers, with the Site as the page reads it (a calendar)
            return context["make"](context)
        if template == FILE:
            with open(context["file"], "rb") as f:
                return f.read()
        lang = context["page"].lang if "page" in context else self.config.language
        compiled = self._templates.get((lang, template))
        if compiled is None:
            compiled = self._templates[lang, template] = self.envs[lang].get_template(template)
        with current.using(self.config.locale_dir, lang, self.catalogs[lang]):  # the text Python makes for this page
            return compiled.render(context).encode("utf-8")
