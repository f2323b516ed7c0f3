"""The interactive parts of the wiki in Chromium: the planning checklist and the directory."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(bundled_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(bundled_site)


def test_checklist_keeps_ticks_across_reload(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/guides/planning-checklist/")
    boxes = page.locator("input.task-list-item-checkbox")
    total = boxes.count()
    assert total >= 20
    progress = page.locator("[data-checklist-progress]")
    assert progress.inner_text() == f"0 of {total} done"
    boxes.nth(0).check()
    boxes.nth(3).check()
    assert progress.inner_text() == f"2 of {total} done"
    first_section = page.locator(".section-progress").first
    assert first_section.inner_text().startswith("2 of ")  # both ticks are in the first section

    page.reload()
    assert page.locator("input.task-list-item-checkbox").nth(0).is_checked()
    assert page.locator("input.task-list-item-checkbox").nth(3).is_checked()
    assert not page.locator("input.task-list-item-checkbox").nth(1).is_checked()
    assert page.locator("[data-checklist-progress]").inner_text() == f"2 of {total} done"

    page.get_by_role("button", name="Reset all ticks").click()
    assert page.locator("[data-checklist-progress]").inner_text() == f"0 of {total} done"
    page.reload()
    assert page.locator("input.task-list-item-checkbox:checked").count() == 0


def test_checklist_works_with_keyboard_only(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/guides/planning-checklist/")
    page.locator("input.task-list-item-checkbox").first.focus()
    page.keyboard.press("Space")
    assert page.locator("input.task-list-item-checkbox").first.is_checked()
    assert page.locator("[data-checklist-progress]").inner_text().startswith("1 of ")


def test_checklist_without_javascript_shows_the_whole_list(browser, base: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "/guides/planning-checklist/")
    assert pg.locator("input.task-list-item-checkbox").count() >= 20
    assert not pg.locator("[data-checklist-toolbar]").is_visible()  # no controls that cannot work
    context.close()


def test_checklist_prints_without_navigation(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/guides/planning-checklist/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("input.task-list-item-checkbox").first.is_visible()


def test_directory_filters_and_sorts(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/libraries/")
    rows = page.locator("tbody tr:visible")
    total = rows.count()
    page.get_by_label("Country").select_option(label="Bulgaria")
    assert 0 < rows.count() < total
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {"Bulgaria"}
    assert page.locator("[data-directory-count]").inner_text() == f"{rows.count()} libraries shown"
    page.get_by_label("Country").select_option(value="")
    assert rows.count() == total

    page.get_by_role("button", name="City").click()
    cities = rows.locator("td:nth-child(3)").all_inner_texts()
    assert cities == sorted(cities, key=str.lower)
    page.get_by_role("button", name="City").press("Enter")  # keyboard: sort descending
    cities = rows.locator("td:nth-child(3)").all_inner_texts()
    assert cities == sorted(cities, key=str.lower, reverse=True)
    assert page.locator("th[data-sort=city]").get_attribute("aria-sort") == "descending"


def test_directory_without_javascript_is_a_plain_list(browser, base: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "/libraries/")
    assert pg.locator("tbody tr").count() >= 14
    assert not pg.locator("[data-directory-filters]").is_visible()
    context.close()
