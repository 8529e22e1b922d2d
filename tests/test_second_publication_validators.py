"""The second real publication (tests/roots/cto-guidance) through the same external validators as the
almanac, with the same expected results: axe-core 0 violations and the Nu HTML Checker 0 errors on the
HTML edition and the download page, EPUBCheck 0 errors and 0 warnings and DAISY Ace 0 violations on the
EPUB (as built and with its conformance claim), pdfua 0 errors and outloud only the judged patterns on
both PDFs, openxml-audit clean on the DOCX."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from almanac_build.writers.epub import claim_conformance
from conftest import SECOND, editions
from epub_support import ace_violations, epubcheck_messages
from outloud_judge import unexplained_outloud_findings
from test_epub_validators import describe as describe_epub
from test_html_browser import browser_check, describe, nu_check

pytestmark = pytest.mark.validators
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def browser(built_second) -> dict:
    pages = [editions(built_second)["html"], built_second / "index.html"]
    result = browser_check(*pages)
    return {name: result[str(page)] for name, page in zip(("publication", "index"), pages)}


@pytest.mark.parametrize("name", ["publication", "index"])
def test_axe_finds_no_violations(browser, name):
    assert browser[name]["violations"] == [], describe(browser[name]["violations"])


@pytest.mark.parametrize("name", ["publication", "index"])
def test_no_horizontal_scrolling_and_only_local_files(browser, name):
    assert browser[name]["scrollWidth320"] <= 320
    assert browser[name]["scrollWidth640Text200"] <= 640
    assert [url for url in browser[name]["requests"] if not url.startswith("file://")] == []


def test_nu_html_checker_finds_no_errors(built_second):
    messages = nu_check(editions(built_second)["html"], built_second / "index.html")
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"] == []


def test_epubcheck_and_ace_find_nothing_as_built(built_second, tmp_path):
    epub = editions(built_second)["epub"]
    assert describe_epub(epubcheck_messages(epub)) == []
    assert ace_violations(epub, tmp_path) == []


def test_epubcheck_and_ace_find_nothing_with_the_conformance_claim(built_second, tmp_path):
    epub = tmp_path / "claimed.epub"
    shutil.copyfile(editions(built_second)["epub"], epub)
    claim_conformance(str(epub), 1464858000)
    assert describe_epub(epubcheck_messages(epub)) == []
    assert ace_violations(epub, tmp_path) == []


@pytest.mark.parametrize("kind", ["pdf", "large-print"])
def test_pdfua_reports_no_errors(built_second, kind):
    result = subprocess.run([str(BIN / "pdfua"), "check", str(editions(built_second)[kind])],
                            capture_output=True, text=True)
    assert "errors=0" in result.stdout, result.stdout[-2000:]
    assert "[skip" not in result.stdout, result.stdout[-2000:]


@pytest.mark.parametrize("kind", ["pdf", "large-print"])
def test_outloud_reports_only_the_judged_patterns(built_second, kind, tmp_path):
    assert unexplained_outloud_findings(SECOND, editions(built_second)[kind], tmp_path) == []


def test_openxml_audit_finds_nothing(built_second):
    done = subprocess.run([str(BIN / "openxml-audit"), "-o", "json", "-m", "0", str(editions(built_second)["docx"])],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ))
    report = json.loads(done.stdout)[0]
    assert (report["error_count"], report["warning_count"], report["errors"]) == (0, 0, [])
    assert report["verdict"]["prediction"] == "opens-clean"
