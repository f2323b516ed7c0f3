"""Keeping a partnership alive (issue 15): the new fields and their errors, meeting hours across
daylight-saving changes (against values worked out by hand), the calendar, the draft agreement,
health and the status filter; the site is built through the CLI as a contributor would."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from sisterlib.content.model import OpenSpan
from sisterlib.resolve.meeting import DEFAULT, meeting_hours, week_hours

from conftest import run_cli
from html_tree import parse_file
from partner_site import FULL, TODAY, partner_site

SOFIA_ROME = ("Europe/Sofia", "Europe/Rome")
SOFIA_DENVER = ("Europe/Sofia", "America/Denver")


def clocks(period) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [row.parts for row in period.together]


# --- meeting hours, worked out by hand ------------------------------------------------------
# Sofia is UTC+2 in winter (EET) and UTC+3 in summer; Rome UTC+1 / UTC+2; Denver UTC-7 / UTC-6.
# In 2027 the US moves its clocks on 14 March and back on 7 November; the EU on 28 March and
# back on 31 October. Both open Mo-Fr 09:00-17:00 unless said.


@pytest.mark.parametrize("monday", [date(2027, 1, 11), date(2027, 7, 12)])
def test_sofia_and_rome_are_one_hour_apart_in_january_and_july(monday: date) -> None:
    week = week_hours(SOFIA_ROME, (DEFAULT, DEFAULT), monday)
    # Sofia 10:00 is Rome 09:00 (Rome opens); Sofia 17:00 (Sofia closes) is Rome 16:00.
    assert clocks(week) == [(("Mo-Fr", "10:00", "17:00"), ("Mo-Fr", "09:00", "16:00"))]
    assert week.ahead == (0, -60) and week.nearest is None


@pytest.mark.parametrize("monday", [date(2027, 1, 11), date(2027, 7, 12)])
def test_sofia_and_denver_never_overlap_in_january_and_july(monday: date) -> None:
    week = week_hours(SOFIA_DENVER, (DEFAULT, DEFAULT), monday)
    # 9 hours apart: Sofia closes at 17:00 = Denver 08:00; Denver opens at 09:00 = Sofia 18:00.
    assert week.together == () and week.ahead == (0, -540)
    n = week.nearest
    assert (n.closes, n.opens, n.gap) == (0, 1, 60)
    assert [(t.day, t.clock) for t in n.close_at] == [("Monday", "17:00"), ("Monday", "08:00")]
    assert [(t.day, t.clock) for t in n.open_at] == [("Monday", "09:00"), ("Monday", "18:00")]


@pytest.mark.parametrize("monday", [date(2027, 3, 15), date(2027, 3, 22), date(2027, 11, 1)])
def test_sofia_and_denver_are_eight_hours_apart_when_only_one_side_has_moved(monday: date) -> None:
    # 15-28 March: Denver already on MDT (UTC-6), Sofia still on EET (UTC+2). 1-7 November:
    # Sofia back on EET, Denver still on MDT. Sofia 17:00 is then Denver 09:00: no wait at all.
    week = week_hours(SOFIA_DENVER, (DEFAULT, DEFAULT), monday)
    assert week.together == () and week.ahead == (0, -480)
    assert week.nearest.gap == 0
    assert [t.clock for t in week.nearest.close_at] == ["17:00", "09:00"]
    # With Denver open from 07:00 the two overlap: 2 hours in those weeks, 1 hour otherwise.
    early = (OpenSpan(d, 7 * 60, 17 * 60) for d in range(5))
    early = tuple(early)
    assert clocks(week_hours(SOFIA_DENVER, (DEFAULT, early), monday)) == [
        (("Mo-Fr", "15:00", "17:00"), ("Mo-Fr", "07:00", "09:00"))
    ]
    assert clocks(week_hours(SOFIA_DENVER, (DEFAULT, early), date(2027, 1, 11))) == [
        (("Mo-Fr", "16:00", "17:00"), ("Mo-Fr", "07:00", "08:00"))
    ]


def test_the_year_lists_exactly_the_weeks_when_the_gap_differs() -> None:
    year = meeting_hours(SOFIA_DENVER, ((), ()), date(2026, 12, 1))
    assert year.usual.ahead == (0, -540)
    assert [(p.first, p.last, p.ahead) for p in year.other] == [
        (date(2027, 3, 15), date(2027, 3, 28), (0, -480)),
        (date(2027, 11, 1), date(2027, 11, 7), (0, -480)),
    ]
    assert meeting_hours(SOFIA_ROME, ((), ()), date(2026, 12, 1)).other == ()  # the EU moves together


def test_a_saturday_and_a_day_across_midnight_are_placed_on_their_own_days() -> None:
    # Aurora Sa 10:00-13:00 is Sofia Sa 19:00-22:00 in winter; a Sofia evening opening meets it.
    sofia = (*DEFAULT, OpenSpan(5, 18 * 60, 24 * 60))
    aurora = (*DEFAULT, OpenSpan(5, 600, 780))
    week = week_hours(SOFIA_DENVER, (sofia, aurora), date(2027, 1, 11))
    assert clocks(week) == [(("Sa", "19:00", "22:00"), ("Sa", "10:00", "13:00"))]


# --- the fields and their errors ------------------------------------------------------------


BAD = {
    "content/libraries/aurora-public-library.md": """
        ---
        name: Aurora Public Library
        city: Aurora
        country: US
        type: public
        timezone: America/Denvr
        hours: Mo-Fr 9-5
        ---
        x
    """,
    "content/libraries/rome-library.md": """
        ---
        name: Biblioteca di Roma
        city: Rome
        country: IT
        type: public
        hours: Mo-Fr 09:00-25:00
        ---
        x
    """,
}

BAD_PARTNERSHIP = """
    ---
    libraries: [silistra-public-library, aurora-public-library]
    status: active
    contacts:
      silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilov}
      aurora-library: {primary: Ann Reader}
    celebrates:
      - Thanksgiving
      - Independence Day
      - {name: Martenitsa, date: 31-02, country: BG}
    ---
    x
"""


def test_bad_input_gives_path_line_errors_with_the_fix(tmp_path: Path) -> None:
    site = partner_site(tmp_path, extra=BAD)
    result = run_cli("check", cwd=site, env=TODAY)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "content/libraries/aurora-public-library.md:6: timezone: 'America/Denvr' is not a time zone name;"
        " did you mean America/Denver or America/Detroit or America/Regina? (or leave timezone out: it is found from location)"
    ) in lines
    assert (
        "content/libraries/aurora-public-library.md:7: hours: '9-5' is not a time range;"
        " write each time with hours and minutes, on the 24-hour clock: 09:00-17:00 (not 9-5)"
    ) in lines
    assert (
        "content/libraries/rome-library.md:6: hours: '25:00' is not a time of day;"
        " write hours from 00 to 23 (24:00 for midnight at the end) and minutes from 00 to 59"
    ) in lines
    assert lines[-1] == "5 errors in 3 files"  # and the partnership's contacts at Aurora, which no longer lists them


def test_contacts_and_celebrates_are_checked_against_the_libraries(tmp_path: Path) -> None:
    site = partner_site(tmp_path, BAD_PARTNERSHIP)
    lines = run_cli("check", cwd=site, env=TODAY).stderr.splitlines()
    path = "content/partnerships/silistra-aurora.md"
    contacts = [
        f"{path}:5: contacts: secondary 'Neli Stoilov' is not in the contacts of Silistra Public Library;"
        " did you mean 'Neli Stoilova'? the contacts of Silistra Public Library are: Neli Stoilova, Krassi Njagolova",
        f"{path}:6: contacts: 'aurora-library' is not a library of this partnership; did you mean 'aurora-public-library'?",
    ]
    assert lines == [
        *contacts,
        f"{path}:10: celebrates: '31-02' is not a real day: February has 29 days;"
        " write the month and then the day as MM-DD, for example 03-01 for 1 March",
        "3 errors in 1 file",
    ]
    fixed = BAD_PARTNERSHIP.replace("31-02", "03-01")  # now the holiday names are checked: they need the countries
    partner_site(tmp_path, fixed)
    lines = run_cli("check", cwd=site, env=TODAY).stderr.splitlines()
    assert lines == [
        *contacts,
        f"{path}:8: celebrates: 'Thanksgiving' is not a public holiday of Bulgaria or United States; did you mean 'Thanksgiving Day'?",
        f"{path}:9: celebrates: both Bulgaria and United States have a holiday called 'Independence Day';"
        " say which country's: {holiday: Independence Day, country: BG} or {holiday: Independence Day, country: US}",
        "4 errors in 1 file",
    ]


def test_one_contact_for_a_library_is_a_warning(tmp_path: Path) -> None:
    site = partner_site(tmp_path, FULL.replace(", secondary: Bob Shelver", ""))
    result = run_cli("check", cwd=site, env=TODAY)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/partnerships/silistra-aurora.md:15: warning: Aurora Public Library names one contact for this partnership:"
        " it fails when that person leaves; write two people from Aurora Public Library's contacts:"
        " contacts: {aurora-public-library: {primary: a name, secondary: another name}}"
    ]


# --- the built pages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = partner_site(tmp_path_factory.mktemp("partners"))
    result = run_cli("build", "--out", str(site / "site"), "--no-search", cwd=site, env=TODAY)
    assert result.returncode == 0, result.stderr
    return site / "site"


def text_of(path: Path) -> str:
    return " ".join(parse_file(path).find("main").text.split())


def test_the_calendar_holds_both_countries_holidays_the_anniversary_and_the_days_celebrated(built: Path) -> None:
    data = (built / "partnerships/silistra-aurora/calendar.ics").read_bytes()
    events = {(e.decoded("dtstart"), str(e["summary"])) for e in Calendar.from_ical(data).walk("VEVENT")}
    assert (date(2027, 3, 3), "Liberation Day in Bulgaria; send greetings to Silistra") in events
    assert (date(2027, 11, 25), "Thanksgiving Day in United States; send greetings to Aurora") in events
    assert (date(2027, 7, 4), "Independence Day in United States; send greetings to Aurora") in events
    assert (date(2027, 3, 1), "Martenitsa in Bulgaria; send greetings to Silistra") in events
    assert (date(2027, 6, 14), "19 years of Silistra – Aurora") in events
    days = sorted(day for day, _ in events)
    assert days[0] >= date(2026, 12, 1) and days[-1] <= date(2027, 11, 30)  # twelve months from today
    assert b"DTSTAMP:20261201T000000Z" in data and data.count(b"BEGIN:VEVENT") == len(events)
    sparse = Calendar.from_ical((built / "partnerships/silistra-rome/calendar.ics").read_bytes())
    summaries = [str(e["summary"]) for e in sparse.walk("VEVENT")]
    assert "Republic Day in Italy; send greetings to Rome" in summaries and not any("years of" in s for s in summaries)


def test_a_name_with_a_newline_or_semicolon_cannot_add_a_property(tmp_path: Path) -> None:
    full = FULL.replace(
        "{name: Martenitsa, date: 03-01, country: BG}", '{name: "Baba Marta;\\nDTSTART:19990101", date: 03-01, country: BG}'
    )
    site = partner_site(tmp_path, full)
    result = run_cli("check", cwd=site, env=TODAY)
    assert result.returncode == 1 and "several lines" in result.stderr  # a name is one line
    full = FULL.replace(
        "{name: Martenitsa, date: 03-01, country: BG}", '{name: "Baba Marta; DTSTART:19990101", date: 03-01, country: BG}'
    )
    site = partner_site(tmp_path, full)
    assert run_cli("build", "--out", str(site / "site"), "--no-search", cwd=site, env=TODAY).returncode == 0
    cal = Calendar.from_ical((site / "site/partnerships/silistra-aurora/calendar.ics").read_bytes())
    assert all(e.decoded("dtstart").year >= 2026 for e in cal.walk("VEVENT"))
    assert "Baba Marta; DTSTART:19990101 in Bulgaria; send greetings to Silistra" in [
        str(e["summary"]) for e in cal.walk("VEVENT")
    ]


def test_the_page_shows_health_next_days_meeting_hours_and_links(built: Path) -> None:
    text = text_of(built / "partnerships/silistra-aurora/index.html")
    assert "Latest story: Holiday books for the children, 3 May 2019 (7 years ago)." in text
    assert "Subscribe to the partnership's calendar" in text
    assert "1 March: Martenitsa in Bulgaria; send greetings to Silistra" in text
    assert "No hours in common (Sofia is 9 hours ahead of Denver)." in text
    assert "Nearest times: Denver 08:00 is Sofia 17:00, when Silistra Public Library closes" in text
    assert "15 March 2027 to 28 March 2027: No hours in common (Sofia is 8 hours ahead of Denver)" in text
    doc = parse_file(built / "partnerships/silistra-aurora/index.html")
    hrefs = [a.attrs.get("href") for a in doc.find_all("a")]
    assert "/partnerships/silistra-aurora/calendar.ics" in hrefs and "/partnerships/silistra-aurora/agreement/" in hrefs
    rome = text_of(built / "partnerships/silistra-rome/index.html")
    assert "Mo-Fr 10:00–17:00 in Sofia = Mo-Fr 09:00–16:00 in Rome" in rome and "No story yet." in rome


def test_the_agreement_has_every_fact_and_blanks_for_the_missing_ones(built: Path) -> None:
    full = text_of(built / "partnerships/silistra-aurora/agreement/index.html")
    for fact in (
        "Silistra Public Library (Silistra, Bulgaria) and Aurora Public Library (Aurora, United States)",
        "partners since 14 June 2008, brought together by Colorado-Bulgarian Library Project",
        "Children learn about the other country",
        "Share cultural events",
        "A teen volunteer group in Silistra",
    ):
        assert fact in full
    doc = parse_file(built / "partnerships/silistra-aurora/agreement/index.html")
    rows = [[cell.text for cell in row.find_all("td")] for row in doc.find("tbody").find_all("tr")]
    assert rows == [
        ["Krassi Njagolova, Librarian", "Neli Stoilova, Director"],
        ["Ann Reader, Outreach librarian", "Bob Shelver, Branch manager"],
    ]
    blanks = doc.find_all("span", class_="blank")
    assert [b.text for b in blanks] == ["name and title", "signature", "date"] * 2  # only the signatures
    sparse = parse_file(built / "partnerships/silistra-rome/agreement/index.html")
    missing = [b.text for b in sparse.find_all("span", class_="blank")]
    assert missing[:3] == ["year", "the goals of the partnership", "name and role"]
    assert missing.count("name and role") == 4 and "what each library expects to gain" in missing


def test_partnerships_are_listed_by_status(built: Path) -> None:
    active = text_of(built / "partnerships/status/active/index.html")
    assert "Silistra – Aurora" in active and "Silistra – Rome" not in active
    dormant = text_of(built / "partnerships/status/dormant/index.html")
    assert "Silistra – Rome" in dormant and "Silistra – Aurora" not in dormant
    everything = text_of(built / "partnerships/index.html")
    assert "Active (1)" in everything and "Dormant (1)" in everything and "Ended" not in everything


def test_two_builds_give_the_same_calendar_bytes(built: Path, tmp_path: Path) -> None:
    site = partner_site(tmp_path)
    assert run_cli("build", "--out", str(tmp_path / "again"), "--no-search", "--no-cache", cwd=site, env=TODAY).returncode == 0
    for rel in ("partnerships/silistra-aurora/calendar.ics", "partnerships/silistra-aurora/index.html"):
        assert (tmp_path / "again" / rel).read_bytes() == (built / rel).read_bytes()


def _icalendar_calendar(p, libraries, days, today) -> bytes:  # type: ignore[no-untyped-def]
    """The reference: the same calendar built as a `Calendar` of `Event`s and written by icalendar."""
    from datetime import UTC, datetime, time, timedelta
    from hashlib import sha256

    from icalendar import Event

    from sisterlib.output.calendar import _english, day_text

    cal = Calendar()
    for name, value in [("prodid", "-//sisterlib//partnership calendar//EN"), ("version", "2.0"), ("calscale", "GREGORIAN")]:
        cal.add(name, value)
    cal.add("x-wr-calname", f"{p.title}: days to celebrate")
    kinds = {"holiday": "Public holiday", "celebrated": "A day the partnership celebrates", "anniversary": "Anniversary"}
    for day in days:
        event = Event()
        facts = f"{p.slug}|{day.day.isoformat()}|{day.name}|{day.country}|{day.kind}"
        event.add("uid", sha256(facts.encode("utf-8")).hexdigest()[:32] + "@sisterlib")
        event.add("dtstamp", datetime.combine(today, time(), tzinfo=UTC))
        event.add("dtstart", day.day)
        event.add("dtend", day.day + timedelta(days=1))
        event.add("summary", day_text(day, libraries, _english))
        event.add("categories", [kinds[day.kind]])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


HOSTILE_NAMES = [
    "Semi;colon, comma \\ back\\",  # TEXT escapes in SUMMARY; X-WR-CALNAME is written as icalendar writes it
    "Силистра – Аврора " * 6,  # long and two bytes a letter: folded by octets
    "a" * 30,
    "b" * 42,  # X-WR-CALNAME lines of 74, 75 and 76 octets: 75 is where folding starts
    "c" * 43,
    "d" * 44,
    "é" * 21,  # 74 octets with two-byte letters, then 76
    "é" * 22,
    "e" * 120 + "\\",  # a fold must not split an escape
    'Gießen & Ústí <nad> "Labem"',
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_calendar_is_what_icalendar_writes(built: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar is written line by line (fast); it must be byte for byte what icalendar's own
    writer makes, for every calendar of the site and with hostile names of towns and partnerships."""
    import dataclasses

    from sisterlib.config import load_config
    from sisterlib.output.calendar import ics
    from sisterlib.pipeline import load_site

    for key, value in TODAY.items():
        monkeypatch.setenv(key, value)
    site_dir = built.parent
    site = load_site(load_config(None), site_dir / "content")
    assert site.partnerships
    for p in site.partnerships:
        libraries, days = site.libraries_of[p.key], site.calendar(p)
        assert days
        assert ics(p, libraries, days, site.today) == _icalendar_calendar(p, libraries, days, site.today)
        renamed = dataclasses.replace(p, title=name)
        towns = tuple(dataclasses.replace(lib, city=name + lib.city) for lib in libraries)
        assert ics(renamed, towns, days, site.today) == _icalendar_calendar(renamed, towns, days, site.today)


def test_the_report_lists_active_partnerships_with_no_story_in_two_years(tmp_path: Path) -> None:
    site = partner_site(tmp_path)
    result = run_cli("check", "--stale", cwd=site, env=TODAY)
    assert result.returncode == 0
    found = [line for line in result.stdout.splitlines() if "no story" in line and line.startswith("content/")]
    assert found == [
        "content/partnerships/silistra-aurora.md:3: active, but no story in 2 years: the latest is from 2019-05-03"
        " (7 years ago); ask the libraries what they did together and add a story, or set status: dormant"
    ]  # silistra-rome has no story either, but it is dormant
    recent = {"content/stories/recent.md": "---\ntitle: A new visit\ndate: 2026-06\npartnership: silistra-aurora\n---\nx\n"}
    site = partner_site(tmp_path, extra=recent)
    assert "silistra-aurora" not in run_cli("check", "--stale", cwd=site, env=TODAY).stdout
    assert re.search(r"active partnerships with no story in 2 years", result.stdout)


# --- the preview keeps them right with no code of its own -------------------------------------


def test_the_preview_updates_meeting_hours_calendar_and_contact_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sisterlib import pipeline
    from sisterlib.config import load_config
    from sisterlib.errors import BuildFailed
    from sisterlib.preview.state import Preview

    from conftest import file_digests

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY["SOURCE_DATE_EPOCH"])
    content = partner_site(tmp_path / "site") / "content"
    config = load_config(None)
    preview = Preview(config, content, tmp_path / "preview", git_dates=False)
    assert preview.full_build().errors == []
    aurora = content / "libraries/aurora-public-library.md"
    partnership = content / "partnerships/silistra-aurora.md"
    edits = [
        (aurora, "hours: Mo-Fr 09:00-17:00; Sa 10:00-13:00", "hours: Mo-Fr 07:00-17:00"),  # now they overlap
        (
            partnership,
            "  - Thanksgiving Day\n",
            "  - Thanksgiving Day\n  - {name: Library Week, date: 04-12, country: US}\n",
        ),  # a new day
        (aurora, "  - {name: Bob Shelver, role: Branch manager}\n", ""),  # the partnership names someone gone
        (aurora, "hours: Mo-Fr 07:00-17:00", "hours: Mo-Fr 07:00-17:00\ncontacts_again: x"),  # an unknown field too
    ]
    for n, (path, old, new) in enumerate(edits):
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        report = preview.rebuild({path})
        reference = tmp_path / f"reference-{n}"
        try:
            pipeline.build(config, content, reference, search=False, git_dates=False)
        except BuildFailed as failed:
            assert report.errors == failed.errors, n
            assert any("Bob Shelver" in e.message for e in report.errors), n
            continue
        assert report.errors == [], n
        assert file_digests(tmp_path / "preview") == file_digests(reference), n
    page = (tmp_path / "preview/partnerships/silistra-aurora/index.html").read_text(encoding="utf-8")
    assert "Mo-Fr 16:00–17:00 in Sofia = Mo-Fr 07:00–08:00 in Denver" in page
    assert "Library Week in United States" in (tmp_path / "preview/partnerships/silistra-aurora/calendar.ics").read_text(
        encoding="utf-8"
    )
