"""`almanac import FILE.docx --chapter ID`: the tool's own almanac.docx, cut chapter by chapter, comes
back with the source's text and structure; real Word files made by others import without a traceback;
nothing is overwritten without --force; what cannot be carried over is reported with its paragraph."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from almanac_build import model as m
from almanac_build.diagnostics import AlmanacError
from almanac_build.editors.docx_import import import_docx
from almanac_build.source.loader import load
from almanac_build.text import plain
from almanac_build.walk import iter_inlines

from conftest import ROOT, SAMPLE, SOURCE, run_cli
from docx_slices import chapter_slices

FIXTURES = ROOT / "tests" / "roots" / "word"


def shape(chapter: m.Chapter) -> list[tuple]:
    """A chapter as its Word edition carries it: the heading tree (case-study and theme titles are
    headings there, one level below the heading before them), paragraphs, lists, tables with their
    header rows, figures with alt text; the outcome line and the icon as the DOCX shows them."""
    out: list[tuple] = [("h", 1, chapter.title)]
    if chapter.icon:
        out.append(("figure", "", True, ""))
    if chapter.outcome:
        out.append(("p", "Outcome: " + _squash(chapter.outcome)))
    last = [1]

    def blocks(items: list) -> None:
        for b in items:
            if isinstance(b, m.Heading):
                last[0] = b.level
                out.append(("h", b.level, _squash(plain(b.children))))
            elif isinstance(b, m.Paragraph):
                out.append(("p", _squash(plain(b.children))))
            elif isinstance(b, m.ListBlock):
                out.append(("list", b.ordered, tuple(_squash(" ".join(_texts(item))) for item in b.items)))
            elif isinstance(b, m.Table):
                out.append(("table", _squash(b.caption), len(b.head), _cells(b)))
                if b.description:
                    out.append(("p", _squash(b.description)))
            elif isinstance(b, m.Figure):
                out.append(("figure", "" if b.decorative else b.alt, b.decorative, b.caption))
            elif isinstance(b, m.CaseStudy):
                out.append(("h", last[0] + 1, _squash(b.organisation)))
                if b.category:
                    out.append(("p", "Category: " + _squash(b.category)))
                blocks(b.blocks)
            elif isinstance(b, m.Practice):
                level = last[0] + 1
                for theme in b.themes:
                    out.append(("h", level, _squash(theme.title)))
                    out.append(("list", False, tuple(_squash(" ".join(_texts(a))) for a in theme.actions)))
            elif isinstance(b, m.BlockQuote):
                blocks(b.blocks)

    blocks(chapter.blocks)
    return out


def _cells(table: m.Table) -> tuple:
    """Every grid position's text; a cell spanning rows gives its text to each (the DOCX repeats a row
    group's header in each row, the source writes it once)."""
    grid = table.grid()
    covering: dict[tuple[int, int], m.Cell] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covering.setdefault((r + dr, c + dc), cell)
    return tuple(tuple(_squash(" ".join(_texts(covering[(r, c)].blocks))) if (r, c) in covering else ""
                       for c in range(len(row))) for r, row in enumerate(grid))


def _texts(blocks: list) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, (m.Paragraph, m.Heading)):
            out.append(plain(b.children))
        elif isinstance(b, m.ListBlock):
            out.extend(t for item in b.items for t in _texts(item))
        elif isinstance(b, m.Figure):
            out.append(b.alt)
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def links(chapter: m.Chapter) -> list[tuple[str, str]]:
    return [(_squash(plain(n.children)), n.url) for n in iter_inlines(chapter.blocks)
            if isinstance(n, m.Link) and not n.placeholder]


@pytest.fixture(scope="module", params=["almanac", "sample"])
def imported(request, tmp_path_factory):
    """Every chapter of the real almanac, and of the sample book (which has a figure with alt text and a
    caption): (source chapter, chapter read back from its Word slice, import report)."""
    root = SOURCE if request.param == "almanac" else SAMPLE
    built = request.getfixturevalue("built_almanac" if request.param == "almanac" else "built_sample")
    work = tmp_path_factory.mktemp("import")
    book = load(str(root))
    slices = chapter_slices(built / "almanac.docx", [c.title for c in book.chapters], work)
    pairs = []
    target = work / "source"
    shutil.copytree(root, target)
    for chapter in book.chapters:  # each as a new chapter beside the original, as a contribution arrives
        report = import_docx(str(slices[chapter.title]), str(target), chapter.id + "-again")
        pairs.append((chapter, report))
    again = {c.id: c for c in load(str(target)).chapters}
    return [(chapter, again[chapter.id + "-again"], report) for chapter, report in pairs]


def test_every_chapter_comes_back_with_its_text_and_structure(imported):
    assert len(imported) >= 4
    kinds = set()
    for original, again, _report in imported:
        assert shape(again) == shape(original), original.path
        kinds.update(item[0] for item in shape(original))
    assert {"h", "p", "list", "table", "figure"} <= kinds  # the comparison met every kind of block


def test_links_and_figures_come_back_chapter_by_chapter(imported):
    for original, again, _report in imported:
        assert links(again) == links(original), original.path


def test_the_imported_markdown_uses_the_source_blocks(imported):
    by_id = {original.id: report.markdown for original, _again, report in imported}
    if "coverage-chart" in "".join(by_id.values()) or "Bar chart of broadband coverage" in "".join(by_id.values()):
        sample = "".join(by_id.values())
        assert "![Bar chart of broadband coverage rising from 40 to 70 per cent](images/connectivity-again/" in sample
        assert '{caption="Gigabit coverage"}' in sample
        return
    connectivity = by_id["connectivity"]
    assert '::: {.table caption="Broadband and mobile speeds"' in connectivity
    assert "![](images/connectivity-again/" in connectivity and "{.decorative}" in connectivity
    assert "## What we mean by connectivity" in connectivity and "### Understand connectivity speeds" in connectivity


def _docx(tmp_path: Path, markdown: str, name: str = "contribution.docx") -> Path:
    """A Word file written by Pandoc from Markdown (pictures decorated by hand below where needed)."""
    from almanac_build.source import pandoc

    source = tmp_path / "in.md"
    source.write_text(markdown, encoding="utf-8")
    out = tmp_path / name
    pandoc._run(["-f", "markdown", "-t", "docx", "-o", str(out), str(source)], cwd=str(tmp_path))
    return out


def _png(red: int) -> bytes:
    """A real 2×2 PNG (the loader measures pictures)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([red, 0, 0]) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = _png(200)


def test_a_contribution_with_pictures_footnotes_and_bold_lines(tmp_path):
    (tmp_path / "chart.png").write_bytes(PNG)
    (tmp_path / "line.png").write_bytes(_png(10))
    docx = _docx(tmp_path, "# Digital inclusion\n\n## Why it matters\n\nSome text with a note.[^1] See "
                 "[the guide](https://www.local.gov.uk/guide) and [inside](#why-it-matters).\n\n"
                 "**A bold line on its own**\n\n1. first\n2. second\n\n"
                 "![Bar chart of take-up rising from 20 to 60 per cent](chart.png)\n\n"
                 "![](line.png)\n\n"
                 "| Council | Region |\n|---|---|\n| Dorset | South West |\n\n: Councils that took part\n\n"
                 "[^1]: The footnote text.\n")
    _mark_decorative(docx, picture=2)
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    result = run_cli("--source", str(source), "import", str(docx), "--chapter", "digital-inclusion")
    assert result.returncode == 0, result.stderr
    chapter = next(source.glob("chapters/*-digital-inclusion.md")).read_text(encoding="utf-8")
    assert 'title: "Digital inclusion"' in chapter and "id: digital-inclusion" in chapter
    assert "## Why it matters" in chapter and "[the guide](https://www.local.gov.uk/guide)" in chapter
    assert "1. first\n2. second" in chapter
    assert "![Bar chart of take-up rising from 20 to 60 per cent](images/digital-inclusion/" in chapter
    assert "{.decorative}" in chapter and "caption=\"Councils that took part\"}" not in chapter.split(":::")[0]
    assert '::: {.table caption="Councils that took part"}\n| Council | Region |' in chapter
    assert "The footnote text" not in chapter
    stderr = result.stderr
    assert "a footnote was left out" in stderr and "The footnote text." in stderr
    assert "is bold on a line of its own" in stderr and "A bold line on its own" in stderr
    assert "a link to a place inside the Word file" in stderr
    for line in stderr.splitlines():  # each note names the Word paragraph it came from
        assert line.startswith(f"{docx}:") and ": warning: paragraph " in line, line
    assert "at the end of the chapters list in almanac.yaml" in result.stdout
    assert (source / "almanac.yaml").read_text(encoding="utf-8").rstrip().endswith("- 15-annex-b-notable-practice.md\n  - 16-digital-inclusion.md")
    assert run_cli("--source", str(source), "validate-source").returncode == 0
    images = sorted(p.name for p in (source / "images" / "digital-inclusion").iterdir())
    assert len(images) == 2 and all((source / "images" / "digital-inclusion" / n).read_bytes()[:4] == PNG[:4]
                                    for n in images)


def _mark_decorative(docx: Path, picture: int) -> None:
    """Set Word's decorative flag on the Nth picture, as Word's “Mark as decorative” does."""
    with zipfile.ZipFile(docx) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    pieces = xml.split("<wp:docPr ")
    head, rest = pieces[picture].split("/>", 1) if pieces[picture].split(">", 1)[0].endswith("/") else (None, None)
    flag = ('><a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
            '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
            '</a:ext></a:extLst></wp:docPr>')
    if head is not None:
        pieces[picture] = head + flag + rest
    else:
        attrs, rest = pieces[picture].split(">", 1)
        pieces[picture] = attrs + flag[:-len("</wp:docPr>")].replace("><a:extLst", "><a:extLst", 1) + rest
    parts["word/document.xml"] = "<wp:docPr ".join(pieces).encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_an_existing_chapter_is_not_replaced_without_force(tmp_path):
    docx = _docx(tmp_path, "# Data\n\n## New section\n\nNew text.\n")
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    before = (source / "chapters/03-data.md").read_bytes()
    result = run_cli("--source", str(source), "import", str(docx), "--chapter", "data")
    assert result.returncode == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert (source / "chapters/03-data.md").read_bytes() == before
    import_docx(str(docx), str(source), "data", force=True)
    text = (source / "chapters/03-data.md").read_text(encoding="utf-8")
    assert text.startswith(before.decode("utf-8").split("\n---\n", 1)[0] + "\n---\n")  # front matter kept
    assert "## New section\n\nNew text." in text


def test_bad_input_is_a_clear_error(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    not_word = tmp_path / "notes.docx"
    not_word.write_text("just text", encoding="utf-8")
    for args, says in (([str(not_word), "--chapter", "x"], "not a Word document"),
                       ([str(tmp_path / "missing.docx"), "--chapter", "x"], "not a Word document"),
                       ([str(not_word), "--chapter", "Bad Id"], "is not a chapter id")):
        result = run_cli("--source", str(source), "import", *args)
        assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_word_files_made_by_others_import_without_a_traceback(tmp_path):
    """python-docx's test documents (MIT, tests/roots/word/python-docx/): each gives a chapter or a
    clear error, never a traceback."""
    files = sorted((FIXTURES / "python-docx").glob("*.docx"))
    assert len(files) >= 40
    source = tmp_path / "source"
    shutil.copytree(ROOT / "tests" / "roots" / "sample", source)  # small: each import reads the source twice
    chapters, empty = 0, []
    for number, docx in enumerate(files):
        try:
            import_docx(str(docx), str(source), f"contribution-{number}", title="A contribution")
            chapters += 1
        except AlmanacError as exc:  # the only refusal: a document with no text in it
            assert [d.message for d in exc.diagnostics] == ["the Word file has no text to make a chapter of"], docx
            empty.append(docx.name)
    assert chapters + len(empty) == len(files) and chapters >= 35, empty
    assert run_cli("--source", str(source), "validate-source").returncode == 0  # every chapter made is valid
