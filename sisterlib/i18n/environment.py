"""What makes a Jinja environment render in one interface language: the gettext callables
(escaping every translation), links to the pages of that language, names, dates and numbers
in it, and each entry as written in it. output/render.py installs it in each language's
environment; everything else about rendering stays there."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from ..config import Config
from ..content.model import ContentDate
from ..output import matcher, urls
from . import names, reasons
from .catalogs import escaping_callables, translations


def install(env: jinja2.Environment, config: Config, lang: str) -> None:
    gettext, ngettext = escaping_callables(translations(config.locale_dir, lang))
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # {% trans %} blocks pass their values by name
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)  # called directly, not through the wrappers
    default = config.language

    def link(path: str) -> str:
        return urls.site_url(config, urls.in_language(path, lang, default))

    def date_text(value: ContentDate | None) -> str:
        return names.date_text(value, lang) if value else ""

    # Every link in a template comes from urls.py through these: no template builds a URL.
    env.filters.update(
        url=link,
        href=lambda entry: link(urls.url_of(entry)),
        absolute=lambda path: urls.absolute_url(config, urls.in_language(path, lang, default)),
        in_lang=lambda path, other: urls.site_url(config, urls.in_language(path, other, default)),
        absolute_in=lambda path, other: urls.absolute_url(config, urls.in_language(path, other, default)),
        date_text=date_text,
        country_name=lambda code: names.country_name(code, lang),
        language_name=lambda code: names.language_name(code, lang),
        number=lambda n: format_decimal(n, locale=lang),
        day_month=lambda day: format_date(day, format="d MMMM", locale=lang),  # a day of the year: "3 March", "3 март"
    )
    rewrite = _link_rewriter(config.base_path, lang, default)

    @jinja2.pass_context
    def body_html(context: Any, entry: Any) -> Markup:
        """An entry's rendered Markdown in this language (its translation, else the original),
        its links to the site's pages pointing at the pages of this language."""
        return Markup(rewrite(context["site"].body_in(entry, lang).html))

    @jinja2.pass_context
    def reason_text(context: Any, reason: Any) -> str:
        return reason_in(context["site"], reason, lang)

    def content_lang_attr(page: Any) -> Markup:
        """` lang="bg"` for the element holding an entry's text, when it is not in the page's language."""
        other = getattr(page, "content_lang", "")
        return Markup(' lang="%s"') % other if other and other != page.lang else Markup("")

    env.globals.update(
        ui_lang=lang,
        languages=config.languages,
        language_self_name=names.self_name,
        body_html=body_html,
        content_lang_attr=content_lang_attr,
        reason_text=reason_text,
    )


def reason_in(site: Any, reason: Any, lang: str) -> str:
    """A partner suggestion's reason (resolve/partners.Reason) in `lang`, the current language
    (i18n/current.py) of the page being rendered; assets/partners.js says it the same way."""
    words = {name: _reason_word(site, name, value, lang) for name, value in reason.values}
    return reasons.sentence(reason.code, words)


def _reason_word(site: Any, name: str, value: str, lang: str) -> str:
    if name == "country":
        return names.country_name(value, lang)
    if name == "language":  # inside a sentence: CLDR's names are written as running text needs ("на български")
        return matcher.reason_word(value, lang)
    if name == "size":
        return reasons.size_text(int(value))
    if name == "activity":
        entry = site.entries.get(("activity", value))
        return site.localized(entry, lang).title if entry is not None else value
    return reasons.type_word(value)


def _link_rewriter(base_path: str, lang: str, default: str) -> Any:
    """Rendered Markdown links pages by their default-language paths: in another language, the
    same pages in it (`href="/stories/x/"` -> `href="/bg/stories/x/"`); files stay shared."""
    if lang == default:
        return lambda html: html
    pattern = re.compile(r'href="' + re.escape(base_path) + r'(/[^"#?]*)')

    def one(match: re.Match[str]) -> str:
        return 'href="' + base_path + urls.in_language(match[1], lang, default)

    return lambda html: pattern.sub(one, html)
