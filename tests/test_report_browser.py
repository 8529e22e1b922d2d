"""The accessibility report and the draft statement pass the same axe-core run as the almanac's HTML
(WCAG 2.2 A/AA and best practice, in the machine's headless Chromium) and reflow at 320 px."""

from __future__ import annotations

import json
import subprocess

import pytest

from almanac_build.checks.run import run_checks
from almanac_build.report import write_reports
from almanac_build.source.loader import load
from conftest import ROOT, SOURCE

pytestmark = pytest.mark.validators


@pytest.fixture(scope="module")
def pages(built_almanac, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-pages")
    write_reports(run_checks(load(str(SOURCE)), str(SOURCE), str(built_almanac)), str(out))
    pages = [out / "reports" / "accessibility.html", out / "accessibility-statement.html"]
    done = subprocess.run(["node", str(ROOT / "tools" / "browser-check.js"), *map(str, pages)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return {page.name: result[str(page)] for page in pages}


@pytest.mark.parametrize("name", ["accessibility.html", "accessibility-statement.html"])
def test_axe_finds_no_violations(pages, name):
    violations = pages[name]["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


@pytest.mark.parametrize("name", ["accessibility.html", "accessibility-statement.html"])
def test_pages_reflow_at_320_px_and_at_200_percent_text(pages, name):
    assert pages[name]["scrollWidth320"] <= 320
    assert pages[name]["scrollWidth640Text200"] <= 640
