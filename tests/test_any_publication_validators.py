"""The handbook (tests/roots/handbook: parts, an appendix, a logo, US Letter, en-US, no telephone) through
the external validators, with the almanac's expected results: axe-core 0 violations and the Nu HTML
Checker 0 errors (HTML edition and download page), EPUBCheck 0 errors and 0 warnings and DAISY Ace 0
violations (EPUB parts with epub:type part / doc-part), pdfua 0 errors and outloud only the judged
patterns on both PDFs, openxml-audit clean on the DOCX (the publication block at its end)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, editions
from epub_support import ace_violations, epubcheck_messages
from outloud_judge import unexplained_outloud_findings
from test_epub_validators import describe as describe_epub
from test_html_browser import browser_check, describe, nu_check

from almanac_build.build import build

pytestmark = pytest.mark.validators
BIN = Path(sys.executable).parent
HANDBOOK = ROOT / "tests" / "roots" / "handbook"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handbook-validated")
    build(str(HANDBOOK), str(out))
    return out


@pytest.fixture(scope="module")
def browser(built) -> dict:
    pages = [editions(built)["html"], built / "index.html"]
    result = browser_check(*pages)
    return {name: result[str(page)] for name, page in zip(("publication", "index"), pages)}


@pytest.mark.parametrize("name", ["publication", "index"])
def test_axe_finds_no_violations(browser, name):
    assert browser[name]["violations"] == [], describe(browser[name]["violations"])


def test_nu_html_checker_finds_no_errors(built):
    messages = nu_check(editions(built)["html"], built / "index.html")
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"] == []


def test_epubcheck_and_ace_find_nothing(built, tmp_path):
    epub = editions(built)["epub"]
    assert describe_epub(epubcheck_messages(epub)) == []
    assert ace_violations(epub, tmp_path) == []


@pytest.mark.parametrize("kind", ["pdf", "large-print"])
def test_pdfua_reports_no_errors_and_outloud_only_the_judged_patterns(built, kind, tmp_path):
    result = subprocess.run([str(BIN / "pdfua"), "check", str(editions(built)[kind])], capture_output=True, text=True)
    assert "errors=0" in result.stdout and "[skip" not in result.stdout, result.stdout[-2000:]
    assert unexplained_outloud_findings(HANDBOOK, editions(built)[kind], tmp_path) == []


def test_openxml_audit_finds_nothing(built):
    done = subprocess.run([str(BIN / "openxml-audit"), "-o", "json", "-m", "0", str(editions(built)["docx"])],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ))
    report = json.loads(done.stdout)[0]
    assert (report["error_count"], report["warning_count"], report["errors"]) == (0, 0, [])
