"""Issue 15's "done when", on the bundled silistra-aurora: the agreement prints on one page with
both libraries and blanks, the calendar has both countries' holidays with Martenitsa and
Thanksgiving Day, the page says Sofia and Denver hours never overlap and gives the nearest
times, and the health line gives the latest story's date."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from html_tree import parse_file
from partner_site import pdf_pages

PAGE = "partnerships/silistra-aurora/"


def test_the_calendar_lists_both_countries_with_martenitsa_and_thanksgiving(bundled_site: Path) -> None:
    cal = Calendar.from_ical((bundled_site / PAGE / "calendar.ics").read_bytes())
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any(s.startswith("Martenitsa in Bulgaria") for s in summaries)
    assert any(s.startswith("Thanksgiving Day in United States") for s in summaries)
    assert any(s.startswith("Liberation Day in Bulgaria") for s in summaries)  # a public holiday of each country
    assert any(s.startswith("Memorial Day in United States") for s in summaries)


def test_the_page_shows_no_overlap_the_nearest_times_and_the_latest_story(bundled_site: Path) -> None:
    main = parse_file(bundled_site / PAGE / "index.html").find("main")
    text = " ".join(main.text.split())
    assert "No hours in common (Sofia is 9 hours ahead of Denver). Nearest times: Denver 08:00 is Sofia 17:00" in text
    health = main.find("p", class_="health")
    assert health.text.startswith("Latest story:") and health.find("time").attrs["datetime"] == "2011"


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_agreement_prints_on_one_page_with_both_libraries_and_blanks(page, bundled_site: Path, serve_dir, paper: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(bundled_site) + "/" + PAGE + "agreement/")
    text = page.locator(".agreement").inner_text()
    assert "Silistra Public Library" in text and "Aurora Public Library" in text
    assert page.locator(".agreement .blank").count() >= 8  # since, Aurora's two contacts, the signatures
    assert pdf_pages(page.pdf(format=paper)) == 1
