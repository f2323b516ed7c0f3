"""The draft agreement in a real browser (Debian Chromium): it prints on one page of A4 and of
US Letter with no navigation, and it and the partnership page pass axe and the Nu checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import axe_violations, run_cli
from partner_site import TODAY, partner_site, pdf_pages
from test_publishing_html import nu_errors

pytestmark = pytest.mark.browser

AGREEMENTS = ["/partnerships/silistra-aurora/agreement/", "/partnerships/silistra-rome/agreement/"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = partner_site(tmp_path_factory.mktemp("partners-browser"))
    result = run_cli("build", "--out", str(site / "site"), "--no-search", cwd=site, env=TODAY)
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_the_page_counter_counts_pages(page) -> None:  # type: ignore[no-untyped-def]
    page.set_content("<p style='break-after: page'>one</p><p>two</p>")
    assert pdf_pages(page.pdf(format="A4")) == 2


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("url", AGREEMENTS)
def test_the_agreement_prints_on_one_page(page, built: Path, serve_dir, paper: str, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(built) + url)
    assert pdf_pages(page.pdf(format=paper, prefer_css_page_size=False)) == 1


def test_the_print_view_has_no_navigation_and_all_of_the_agreement(page, built: Path, serve_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(serve_dir(built) + AGREEMENTS[0])
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "agreement-print.png"), full_page=True)
    hidden = page.evaluate(
        "[...document.querySelectorAll('.site-header, .site-footer, .skip-link')].every(e => getComputedStyle(e).display === 'none')"
    )
    assert hidden
    shown = page.locator(".agreement").inner_text()
    assert "Signatures" in shown and "For Aurora Public Library" in shown and "Print this page" not in shown


@pytest.mark.parametrize("url", [*AGREEMENTS, "/partnerships/silistra-aurora/", "/partnerships/status/active/"])
def test_partnership_pages_have_no_axe_violations(page, built: Path, serve_dir, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(built) + url)
    assert axe_violations(page) == []


def test_partnership_pages_are_valid_html(built: Path) -> None:
    pages = [
        built / "partnerships" / rel / "index.html"
        for rel in ("silistra-aurora/agreement", "silistra-rome/agreement", "silistra-aurora", "status/active")
    ]
    assert nu_errors(pages) == []
