"""A new derived view, added as a developer adds one, is right in the preview with no preview code.

The test copies the package and the templates, adds a view the way the next features will
(a field of `Site` and its rule in `SiteViews`, in resolve/site.py) and a template that shows
it, and then checks the preview (preview/state.py, untouched) against clean builds after
random edits, byte for byte. Two kinds of rule: one placed entry by entry (`Grouped`), one
computed from all entries at once (`Whole`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

VIEWS = {
    "grouped": (
        "stories_by_year: dict = field(default_factory=dict)",
        '"stories_by_year": Grouped(["story"], lambda story, _: [story.date.year], _DATE_ORDER, reverse=True),',
        "{% for year, stories in site.stories_by_year | dictsort %}<li>{{ year }}: {{ stories | length }}, latest {{ stories[0].title }}</li>{% endfor %}",
    ),
    "whole": (
        "libraries_per_type: tuple = ()",
        '"libraries_per_type": Whole(["library"], lambda libs: tuple(sorted({(l.type, sum(1 for m in libs if m.type == l.type)) for l in libs}))),',
        "{% for type, count in site.libraries_per_type %}<li>{{ type }}: {{ count }}</li>{% endfor %}",
    ),
}

CHECK = """
import sys
from pathlib import Path

package, tests, work, seed, markup = sys.argv[1:6]
sys.path[:0] = [package, tests]
import sisterlib

assert Path(sisterlib.__file__).parent == Path(package) / "sisterlib", sisterlib.__file__
import dataclasses

import test_incremental as ti

# Views do not depend on the interface language: one language keeps this test to half its time.
site_config = ti.project_config
ti.project_config = lambda content: dataclasses.replace(site_config(content), languages=("en",))
tmp = Path(work)
content = ti.fixture_site(tmp)
from sisterlib.content.translations import translation_index, translation_name

for file in list(content.rglob("*.md")):  # one language: no translations
    if translation_name(file.name) or translation_index(file.name):
        file.unlink()
home = tmp / "templates" / "home.html"  # the project's own copy of the templates
text = home.read_text(encoding="utf-8")
home.write_text(text.replace("{% block main %}", '{% block main %}<ul id="new-view">' + markup + "</ul>", 1), encoding="utf-8")
out, reference = tmp / "preview", tmp / "reference"
preview = ti.Preview(ti.project_config(content), content, out, git_dates=False)
assert preview.full_build().errors == []
edit = ti.RandomEditor(int(seed), content)
shown = 0
for step in range(20):
    path = edit()
    report = preview.rebuild({path})
    errors = ti.clean_build(content, reference)
    if errors is not None:
        assert report.errors == errors, step
        continue
    assert report.errors == [], (step, report.errors[:3])
    a, b = ti.file_digests(out), ti.file_digests(reference)
    assert a == b, f"step {step} ({path.name}): " + ", ".join(sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)))
    shown += "<li>" in (out / "index.html").read_text(encoding="utf-8").split('id="new-view"')[1]
assert shown, "the new view is on the home page"
print("ok")
"""


@pytest.mark.parametrize("rule", sorted(VIEWS))
def test_a_new_view_is_right_in_the_preview_with_no_preview_code(tmp_path: Path, rule: str) -> None:
    field_line, view_line, markup = VIEWS[rule]
    package = tmp_path / "package"
    shutil.copytree(ROOT / "sisterlib", package / "sisterlib", ignore=shutil.ignore_patterns("__pycache__"))
    site_py = package / "sisterlib" / "resolve" / "site.py"
    source = site_py.read_text(encoding="utf-8")
    anchor = "    updated: dict[str, str] = field(default_factory=dict)"
    views_anchor = '            "libraries_of": Each('
    assert anchor in source and views_anchor in source, "resolve/site.py changed shape: update this test"
    source = source.replace(anchor, f"    {field_line}\n{anchor}").replace(
        views_anchor, f"            {view_line}\n{views_anchor}"
    )
    source = source.replace("from .views import ", "from .views import Whole, ")
    site_py.write_text(source, encoding="utf-8")
    script = tmp_path / "check.py"
    script.write_text(CHECK, encoding="utf-8")
    for seed in (3, 4):
        run = subprocess.run(
            [sys.executable, str(script), str(package), str(ROOT / "tests"), str(tmp_path / f"s{seed}"), str(seed), markup],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stdout[-2000:] + run.stderr[-4000:]
