"""Which pages a change touches: the pages of the last good build, and what each one read.

Every group of pages (output/pages.py) is planned with a SiteReader, and every page rendered
with one (resolve/reads.py), so each records the parts of the Site it read. After a change,
`changed_tokens` says which parts of the new Site differ from the old one: a group is planned
again, and a page rendered again, only when something it read is different. Nothing here
knows a view of the Site by name, so a new view is tracked like every other.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import BuildFailed
from ..output.pages import DISCOVERY, GroupId, OutputPage, collisions, groups, plan_discovery, plan_group
from ..output.urls import output_path
from ..resolve.reads import SiteReader, Token
from ..resolve.site import Site


@dataclass
class PlannedGroup:
    pages: dict[str, OutputPage]  # output path -> page
    reads: set[Token]


def plan_tracked(site: Site, group: GroupId, others: Iterable[OutputPage] = ()) -> PlannedGroup:
    """Plan one group as the build does, recording what it read; `others` are the HTML pages, for DISCOVERY."""
    reads: set[Token] = set()
    reader = SiteReader(site, reads)
    pages = plan_discovery(reader, list(others)) if group == DISCOVERY else plan_group(reader, group)  # type: ignore[arg-type]
    for page in pages:  # kept without their Site (it is given when they are rendered): no old Site stays alive
        if "site" in page.context:
            page.context["site"] = None
    return PlannedGroup({page.path: page for page in pages}, reads)


def plan_all_tracked(site: Site) -> dict[GroupId, PlannedGroup]:
    """Every group, as `plan` plans them, each with what it read."""
    planned = {group: plan_tracked(site, group) for group in groups(site)}
    html = [page for group in planned.values() for page in group.pages.values()]
    planned[DISCOVERY] = plan_tracked(site, DISCOVERY, html)
    return planned


@dataclass
class Tracker:
    """The planned groups and rendered pages of the last good build, indexed by what they read."""

    groups: dict[GroupId, PlannedGroup] = field(default_factory=dict)
    paths: dict[str, tuple[GroupId, OutputPage]] = field(default_factory=dict)  # output path -> (group, page)
    page_reads: dict[str, set[Token]] = field(default_factory=dict)  # output path -> what its rendering read
    _group_readers: dict[Token, set[GroupId]] = field(default_factory=dict)
    _page_readers: dict[Token, set[str]] = field(default_factory=dict)

    def set_group(self, group_id: GroupId, group: PlannedGroup | None) -> None:
        old = self.groups.pop(group_id, None)
        if old is not None:
            _unindex(self._group_readers, old.reads, group_id)
            for path in old.pages:
                self.paths.pop(path, None)
        if group is not None:
            self.groups[group_id] = group
            _index(self._group_readers, group.reads, group_id)
            for path, page in group.pages.items():
                self.paths[path] = (group_id, page)

    def apply_plan(self, planned: dict[GroupId, PlannedGroup], gone: set[GroupId]) -> tuple[set[str], set[str]]:
        """Take newly planned groups in place of their old selves, and drop the `gone` ones. Returns the
        pages whose template or context changed (to render) and the paths no group has any more.
        Raises BuildFailed, changing nothing, when a new page takes another page's path."""
        before = {path for g in [*planned, *gone] if g in self.groups for path in self.groups[g].pages}
        new_paths = [path for group in planned.values() for path in group.pages]
        clashes = [self.paths[p][1] for p in new_paths if p in self.paths and p not in before]
        if clashes or len(set(new_paths)) != len(new_paths):
            pages = clashes + [page for group in planned.values() for page in group.pages.values()]
            raise BuildFailed(collisions(pages))
        to_render = set()
        for group in planned.values():
            for path, page in group.pages.items():
                old = self.paths.get(path)
                if old is None or old[1].template != page.template or _context(old[1]) != _context(page):
                    to_render.add(path)
        for group_id in gone:
            self.set_group(group_id, None)
        for group_id, group in planned.items():
            self.set_group(group_id, group)
        removed = before - self.paths.keys()
        for path in removed:
            self.set_page_reads(path, None)
        return to_render, removed

    def set_page_reads(self, path: str, reads: set[Token] | None) -> None:
        _unindex(self._page_readers, self.page_reads.pop(path, set()), path)
        if reads is not None:
            self.page_reads[path] = reads
            _index(self._page_readers, reads, path)

    def groups_reading(self, tokens: Iterable[Token]) -> set[GroupId]:
        return {g for token in tokens for g in self._group_readers.get(token, ())}

    def pages_reading(self, tokens: Iterable[Token]) -> set[str]:
        return {p for token in tokens for p in self._page_readers.get(token, ())}

    def other_languages(self, group_ids: set[GroupId], urls: Collection[str]) -> set[GroupId]:
        """The groups of interface languages none of the pages at `urls` is in (the preview plans them
        later: a story edit plans its listings again in every language, and a reload needs one)."""
        langs = set()
        for url in urls:
            found = self.paths.get(output_path(url))
            if found is not None and len(found[0]) == 3:
                langs.add(found[0][2])
        return {g for g in group_ids if len(g) == 3 and g[0] != "photo" and g[2] not in langs} if langs else set()


def _context(page: OutputPage) -> dict[str, Any]:
    return {k: v for k, v in page.context.items() if k != "site"}


def _index(readers: dict, tokens: set[Token], who: object) -> None:
    get = readers.get
    for token in tokens:  # a full build indexes about a million reads: no new set for a token already known
        found = get(token)
        if found is None:
            readers[token] = {who}
        else:
            found.add(who)


def _unindex(readers: dict, tokens: set[Token], who: object) -> None:
    for token in tokens:
        found = readers.get(token)
        if found is not None:
            found.discard(who)
            if not found:
                del readers[token]
