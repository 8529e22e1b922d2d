"""The PDF editions through independent tools: poppler's pdfinfo/pdffonts/pdftotext, qpdf, and the
PyPI checkers pdfua and outloud; the 4-gram fidelity to the reference text; the pagination record."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks
from almanac_build.writers.pdf.page_record import loc_text
from conftest import ROOT, SOURCE
from fidelity import ngram_coverage
from outloud_judge import unexplained_outloud_findings
from pdf_verify import verify

EDITIONS = ("almanac.pdf", "almanac-large-print.pdf")
BIN = Path(sys.executable).parent


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=300).stdout


@pytest.mark.parametrize("name", EDITIONS)
def test_pdfinfo_pdffonts_and_qpdf(built_almanac, name):
    path = str(built_almanac / name)
    info = run("pdfinfo", path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    fonts = run("pdffonts", path).splitlines()[2:]
    assert fonts, "pdffonts lists no fonts"
    for line in fonts:
        name_, *_rest = line.split()
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), line
        assert "Helvetica" not in name_ and "Times" not in name_ and "Courier" not in name_, line
    subprocess.run(["qpdf", "--check", path], capture_output=True, check=True)


@pytest.mark.parametrize("name", EDITIONS)
def test_fidelity_to_the_reference_text(built_almanac, name):
    """pdftotext keeps 99 % of the reference's word 4-grams (page furniture breaks a few at page ends)."""
    reference = (ROOT / "tests" / "fidelity_reference.txt").read_text(encoding="utf-8")
    coverage = ngram_coverage(reference, run("pdftotext", str(built_almanac / name), "-"))
    assert coverage >= 0.99, f"{name}: {coverage:.4f}"


def test_pagination_record_matches_the_printed_pages(built_almanac):
    data = json.loads((built_almanac / ".build" / "pagination.json").read_text())
    pages = run("pdftotext", str(built_almanac / "almanac.pdf"), "-").split("\f")
    assert data["source"] == "almanac.pdf" and data["page_count"] == len(data["pages"]) == len(pages) - 1
    book = load(str(SOURCE))
    chapters = {c.id: c for c in book.chapters}
    assert [p["chapter"] for p in data["pages"][:2]] == [None, None]  # cover, contents
    checked = 0
    for entry in data["pages"]:
        assert entry["label"] == str(entry["page"])
        chapter = chapters.get(entry["chapter"])
        if chapter is None:
            continue
        page_text = _words(pages[entry["page"] - 1])
        blocks = list(iter_blocks(chapter.blocks))
        if entry["block"] == -1:
            wanted = chapter.title
        else:
            block = blocks[entry["block"]]
            assert entry["loc"] == loc_text(block.loc, str(SOURCE.parent))
            wanted = _first_text(block)
        if entry["continued"] or not wanted:
            continue
        start = " ".join(_words(wanted)[:6])
        assert start in " ".join(page_text), f"page {entry['page']}: {wanted[:50]!r} is not on that page"
        checked += 1
    assert checked > 40


@pytest.mark.validators
@pytest.mark.parametrize("name", EDITIONS)
def test_pdfua_reports_no_errors(built_almanac, built_sample, name):
    for out in (built_almanac, built_sample):
        result = subprocess.run([str(BIN / "pdfua"), "check", str(out / name)], capture_output=True, text=True)
        assert "errors=0" in result.stdout, result.stdout[-2000:]
        assert "[skip" not in result.stdout, result.stdout[-2000:]


@pytest.mark.validators
@pytest.mark.parametrize("name", EDITIONS)
def test_outloud_reports_no_errors(built_almanac, name, tmp_path):
    """outloud's heuristics are judged against the structure (documented in docs/pdf.md and in
    outloud_judge.py): only table findings the structure explains are accepted."""
    assert unexplained_outloud_findings(SOURCE, built_almanac / name, tmp_path) == []


def _first_text(block) -> str:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return plain(block.children)
    if isinstance(block, m.Table):
        return block.caption or block_text([c for r in block.head + block.body for c in r][0].blocks)
    if isinstance(block, m.CaseStudy):
        return block.organisation
    if isinstance(block, m.PracticeTheme):
        return block.title
    if isinstance(block, m.Practice):
        return block.themes[0].title if block.themes else ""
    if isinstance(block, m.ListBlock):
        return block_text(block.items[0])
    return ""


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))



def test_a_page_with_no_new_block_records_the_one_continuing(sample_copy, tmp_path):
    """A paragraph longer than a page: the page it runs onto records it with continued: true."""
    from almanac_build.build import build

    long_text = " ".join(f"Sentence number {n} of a very long paragraph about connectivity." for n in range(400))
    source = sample_copy({"chapters/04-annex.md": "---\nid: annex-a\ntitle: \"Annex A: Contributors\"\n"
                          "kind: annex\n---\n\n## Long\n\n" + long_text + "\n\nAfter the long paragraph.\n"})
    build(str(source), str(tmp_path / "out"), formats=["pdf-print"])
    pages = json.loads((tmp_path / "out" / ".build" / "pagination.json").read_text())["pages"]
    annex = [p for p in pages if p["chapter"] == "annex-a"]
    assert annex[0]["block"] == -1 and annex[0]["continued"] is False  # the chapter title page
    assert [p["block"] for p in annex[1:-1]] == [1] * (len(annex) - 2) and len(annex) >= 3
    assert all(p["continued"] for p in annex[1:-1])
    assert (annex[-1]["block"], annex[-1]["continued"]) == (2, False)  # "After the long paragraph."
