"""Command line: argument parsing and printing only; the work is in pipeline.py."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import blame, pipeline
from .config import Config, ConfigError, load_config
from .content import scaffold
from .content.gitdates import last_updated
from .content.kinds import BY_WORD
from .content.today import Today, today
from .errors import BuildFailed, ContentError, count_line, relative, warning_count
from .i18n import current
from .i18n.current import _
from .i18n.locale_env import environment_language
from .report import REPORT_RULES, run_rules
from .resolve.site import Site
from .search.pagefind import SearchIndexFailed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sisterlib", description="Build the Sister Libraries wiki from Markdown files.")
    sub = parser.add_subparsers(dest="command")

    def language(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            default=None,
            metavar="LANG",
            help="the language of the messages, one of the config's languages (default: from LANGUAGE, LC_ALL,"
            " LC_MESSAGES or LANG, else the first)",
        )

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
        p.add_argument("--config", type=Path, default=None, help="config file (default: sisterlib.toml)")
        p.add_argument("--base-url", default=None, help="where the site is published, e.g. https://owner.github.io/repo/")

    build = sub.add_parser("build", help="build the site into the output folder (the default command)")
    common(build)
    build.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    build.add_argument("--no-git-dates", action="store_true", help='skip "Last updated" dates from git history')
    build.add_argument(
        "--no-search", action="store_true", help="skip the search index (faster; /search/ then says search is not available)"
    )
    build.add_argument("--jobs", type=int, default=None, help="processes to render with (default: one per core)")
    build.add_argument(
        "--no-cache", action="store_true", help="do not read or write the build cache (rendered Markdown, last build)"
    )
    check = sub.add_parser("check", help="check the content and print every problem; writes nothing")
    common(check)
    language(check)
    check.add_argument("--stale", action="store_true", help="the maintainers' report: what to follow up (exit 0); see report/")
    check.add_argument(
        "--changed-since",
        metavar="REF",
        default=None,
        help="put each error on a file changed since this git commit (a pull request's check)",
    )
    serve = sub.add_parser("serve", help="preview the site in a browser; it rebuilds and reloads when you save a file")
    serve.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    serve.add_argument("--config", type=Path, default=None, help="config file (default: sisterlib.toml)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    translations = sub.add_parser(
        "translations", help="gather the interface messages into locale/ and update each language's catalog (Babel)"
    )
    translations.add_argument("--config", type=Path, default=None, help="config file (default: sisterlib.toml)")
    new = sub.add_parser("new", help="start a new content file from a commented skeleton")
    new.add_argument("kind", choices=list(BY_WORD), help="what to add")
    new.add_argument("slug", help="the file name without .md: lowercase a-z, 0-9 and hyphens, e.g. my-visit")
    new.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    new.add_argument("--partnership", default=None, help="for a story: the partnership it belongs to (its file name)")
    new.add_argument(
        "--photos", action="store_true", help="give the entry its own folder (SLUG/index.md) to keep its photos beside it"
    )
    language(new)
    return parser


def _translations(args: argparse.Namespace) -> int:
    from .i18n.extract import update  # Babel's extractors load only for this command

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    changed = update(config)
    for path in changed:
        print(f"updated {relative(path)}")
    print("catalogs up to date" if not changed else f"{len(changed)} catalog file(s) updated: translate the new entries")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "new":
        try:
            new_config = load_config(None)
        except ConfigError as exc:
            if args.lang is not None:  # asked for a language, and no config says which there are
                print(f"error: {exc}", file=sys.stderr)
                return 2
        else:
            _speak(parser, new_config, args.lang)
        return _new(args)
    if args.command == "translations":
        return _translations(args)
    if args.command == "serve":
        from .preview.serve import serve  # livereload and tornado load only for this command

        return serve(args.content, args.config, args.host, args.port)
    try:
        config = load_config(args.config, base_url=args.base_url)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        _speak(parser, config, args.lang)  # before any work: forked workers inherit the language
        return _check(config, args)
    try:
        report = pipeline.build(
            config,
            args.content,
            args.out,
            search=not args.no_search,
            git_dates=not args.no_git_dates,
            jobs=args.jobs,
            cache=not args.no_cache,
        )
    except BuildFailed as failed:
        print_errors(failed.errors, failed.warnings)
        return 1
    except SearchIndexFailed as exc:
        print(f"error: {exc}\nthe site was not updated: {args.out}/ was left as it was", file=sys.stderr)
        return 1
    print_warnings(report.warnings)
    if report.unchanged:
        print(f"nothing changed since the last build: {args.out}/ is up to date ({report.timings['total']:.2f} s)")
        return 0
    seconds = report.timings.get("search")
    indexed = f"search index {seconds:.2f} s" if seconds is not None else "search index skipped: --no-search"
    memo = report.pages_memo  # None: a first build into this folder, which renders every page
    pages_line = f"pages: {memo[1]} rendered, {memo[0]} unchanged; " if memo else ""
    no_sitemap = "" if report.sitemap else "no sitemap.xml: base_url is not a full address (see --base-url); "
    print(
        f"built {report.pages} pages into {args.out}/ in {report.timings['total']:.2f} s"
        f" ({report.files} files written; {pages_line}texts: {report.markdown_cache[1]} rendered,"
        f" {report.markdown_cache[0]} from the cache; {no_sitemap}{indexed})"
    )
    return 0


def _speak(parser: argparse.ArgumentParser, config: Config, lang: str | None) -> None:
    """Make `--lang`, or else the environment's locale when it is one of the site's languages,
    the language of the messages from now on; English (the first language) otherwise."""
    if lang is not None and lang not in config.languages:
        choices = ", ".join(repr(code) for code in config.languages)
        parser.error(f"argument --lang: invalid choice: {lang!r} (choose from {choices})")
    chosen = lang or environment_language(os.environ, config.languages) or config.language
    current.use(config.locale_dir, chosen)


def _check(config: Config, args: argparse.Namespace) -> int:
    try:
        changes = blame.changes_since(args.changed_since, args.content) if args.changed_since else None
    except blame.GitError as exc:
        print(_("error: %(problem)s", problem=exc), file=sys.stderr)
        return 2
    updated = last_updated(args.content) if args.stale else None  # the report reads "last edited"
    try:
        site, warnings = pipeline.check(config, args.content, updated)
    except BuildFailed as failed:
        errors = blame.blame(failed.errors, changes) if changes is not None else failed.errors
        print_errors(errors, failed.warnings)
        return 1
    day = today(args.content, site.entries.values())
    if args.stale:
        return _report(site, day)
    print_warnings(warnings)
    entries = len(site.entries)
    if warnings:
        print(
            current.ngettext(
                "ok: %(num)s entries checked, no errors found; %(warnings)s",
                "ok: %(num)s entries checked, no errors found; %(warnings)s",
                entries,
                warnings=warning_count(warnings),
            )
        )
    else:
        print(
            current.ngettext(
                "ok: %(num)s entries checked, no problems found", "ok: %(num)s entries checked, no problems found", entries
            )
        )
    return 0


def _report(site: Site, day: Today) -> int:
    """`check --stale`: every report rule's findings, one per line, then what was looked for."""
    findings = run_rules(REPORT_RULES, site, day.day)
    for finding in findings:
        print(finding.format(relative(finding.path)))
    rules = "; ".join(rule.about for rule in REPORT_RULES)
    print(f"{len(findings)} to follow up; today is {day}; the report looks for: {rules}")
    return 0


def _new(args: argparse.Namespace) -> int:
    try:
        path = scaffold.new_entry(args.kind, args.slug, args.content, args.partnership, args.photos)
    except scaffold.ScaffoldError as exc:
        print(_("error: %(problem)s", problem=exc), file=sys.stderr)
        return 1
    print(_("created %(path)s", path=relative(str(path))))
    if args.photos:
        print(_("photos: %(note)s", note=scaffold.photos_note(path)))
    print(
        _(
            "next: edit the file (replace every %(placeholder)s), then run: %(command)s",
            placeholder=scaffold.PLACEHOLDER,
            command="python build.py check",
        )
    )
    return 0


def print_errors(errors: list[ContentError], warnings: list[ContentError] | None = None) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for error in errors:
        print(error.format(relative(error.path)), file=sys.stderr)
    for warning in warnings or ():
        print(_warning_line(warning), file=sys.stderr)
    if annotate:  # the same errors as workflow commands, so GitHub shows them on the pull request's lines
        for error in errors:
            print(github_annotation(error, relative(error.path)))
        for warning in warnings or ():
            print(github_annotation(warning, relative(warning.path), "warning"))
    print(count_line(errors, warnings), file=sys.stderr)


def print_warnings(warnings: list[ContentError]) -> None:
    """Warnings never fail a build: printed, and on GitHub annotated as ::warning."""
    for warning in warnings:
        print(_warning_line(warning), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for warning in warnings:
            print(github_annotation(warning, relative(warning.path), "warning"))


def _warning_line(warning: ContentError) -> str:
    message = _("warning: %(problem)s", problem=warning.message)
    return ContentError(warning.path, warning.line, message, warning.hint).format(relative(warning.path))


def github_annotation(error: ContentError, path: str, level: str = "error") -> str:
    """`::error file=...,line=...::message`, escaped as GitHub's workflow-command parser expects."""
    message = f"{error.message}; {error.hint}" if error.hint else error.message
    return f"::{level} file={_escape_property(path)},line={error.line}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
