"""The every-block fixture (quotes, code, Welsh, Greek, Cyrillic, arrows) through the external
validators: pdfua on both PDFs, EPUBCheck and Ace on the EPUB, axe and the Nu checker on the HTML."""

from __future__ import annotations

import subprocess

import pytest

from epub_support import ace_violations, epubcheck_messages
from test_blocks import PDFS, built_blocks  # noqa: F401  (the module's fixture)
from test_html_browser import browser_check, describe, nu_check

pytestmark = pytest.mark.validators


@pytest.mark.parametrize("name", PDFS)
def test_pdfua_reports_no_errors(built_blocks, name):  # noqa: F811
    from test_pdf_checkers import BIN

    result = subprocess.run([str(BIN / "pdfua"), "check", str(built_blocks[1] / name)], capture_output=True, text=True)
    assert "errors=0" in result.stdout and "[skip" not in result.stdout, result.stdout[-2000:]


def test_epubcheck_and_ace_find_nothing(built_blocks, tmp_path):  # noqa: F811
    epub = built_blocks[1] / "almanac.epub"
    assert epubcheck_messages(epub) == []
    assert ace_violations(epub, tmp_path) == []


def test_axe_and_the_nu_checker_find_nothing(built_blocks):  # noqa: F811
    page = built_blocks[1] / "almanac.html"
    result = browser_check(page)[str(page)]
    assert result["violations"] == [], describe(result["violations"])
    assert result["scrollWidth320"] <= 320
    errors = [m["message"] for m in nu_check(page) if m["type"] == "error"]
    assert errors == []


def test_openxml_audit_and_libreoffice_take_the_docx(built_blocks, tmp_path):  # noqa: F811
    import json
    import os
    import sys
    from pathlib import Path

    from conftest import pdf_text
    from test_blocks import WORDS

    path = built_blocks[1] / "almanac.docx"
    done = subprocess.run([str(Path(sys.executable).with_name("openxml-audit")), "-o", "json", "-m", "0", str(path)],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ))
    report = json.loads(done.stdout)[0]
    assert (report["error_count"], report["warning_count"], report["errors"]) == (0, 0, [])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    text = " ".join(pdf_text(tmp_path / "almanac.pdf").split())
    for words in WORDS:
        assert words in text, words
