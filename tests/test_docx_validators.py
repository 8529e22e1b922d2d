"""The real almanac's DOCX opens in LibreOffice (converted to PDF with the embedded font and the
expected text) and passes openxml-audit's schema and semantic checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from almanac_build.source.loader import load
from conftest import SOURCE, pdf_text

pytestmark = pytest.mark.validators


@pytest.fixture(scope="module")
def converted(built_almanac, tmp_path_factory) -> Path:
    """LibreOffice's PDF of the DOCX; a fresh profile folder per run (a profile in use makes the
    conversion silently do nothing)."""
    work = tmp_path_factory.mktemp("lo")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(work), str(built_almanac / "almanac.docx")],
                   check=True, capture_output=True, timeout=300)
    return work / "almanac.pdf"


def test_libreoffice_opens_it_and_shows_the_text(converted):
    assert converted.stat().st_size > 50_000
    text = " ".join(pdf_text(converted).split())
    book = load(str(SOURCE))
    assert book.meta.title in text and "Contents" in text
    for chapter in book.chapters:
        assert chapter.title in text
    assert "Red" in text and "Amber" in text and "Green" in text


def test_libreoffice_uses_the_embedded_font(converted):
    fonts = subprocess.run(["pdffonts", str(converted)], capture_output=True, text=True, check=True).stdout
    assert "AtkinsonHyperlegible-Regular" in fonts and "AtkinsonHyperlegible-Bold" in fonts


def test_openxml_audit_finds_nothing(built_almanac):
    tool = Path(sys.executable).with_name("openxml-audit")
    done = subprocess.run([str(tool), "-o", "json", "-m", "0", str(built_almanac / "almanac.docx")],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ))
    report = json.loads(done.stdout)[0]
    assert (report["error_count"], report["warning_count"], report["errors"]) == (0, 0, [])
    assert report["verdict"]["prediction"] == "opens-clean"
