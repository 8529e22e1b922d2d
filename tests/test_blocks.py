"""Every block in the PDFs: quotes and code set apart and tagged, code in an embedded monospace font,
space after lists, and characters beyond the theme's font (Welsh, Greek, Cyrillic, arrows, ticks) drawn
by the fallback font and present in the text layer. Built from the sample book plus tests/blocks/."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from almanac_build.build import build
from almanac_build.checks.run import run_checks
from conftest import copy_sample, pdf_text
from pdf_verify import verify

CHAPTER = Path(__file__).parent / "blocks" / "05-blocks.md"
PDFS = ("almanac.pdf", "almanac-large-print.pdf")
FORMATS = ["pdf", "html", "docx", "epub"]  # the editions that embed fonts (and the DOCX's table merge)
WORDS = ("Dŷ’r", "Tŷ Hywel", "ŵyr", "ŷd", "Ελληνική Δημοκρατία", "Київська міська рада", "Жж",
         "data → insight → action ✓ done", "Ελλάδα")


def blocks_source(target: Path, extra: str = "") -> Path:
    yaml = (Path(__file__).parent / "roots" / "sample" / "almanac.yaml").read_text(encoding="utf-8")
    return copy_sample(target, {"chapters/05-blocks.md": CHAPTER.read_text(encoding="utf-8") + extra,
                                "almanac.yaml": yaml.replace("  - 04-annex.md\n", "  - 04-annex.md\n  - 05-blocks.md\n")})


@pytest.fixture(scope="module")
def built_blocks(tmp_path_factory):
    root = tmp_path_factory.mktemp("blocks")
    source = blocks_source(root / "source")
    result = build(str(source), str(root / "out"), FORMATS)
    return source, root / "out", result


@pytest.mark.parametrize("name", PDFS)
def test_every_script_is_in_the_text_layer(built_blocks, name):
    text = " ".join(pdf_text(built_blocks[1] / name).split())
    for words in WORDS:
        assert words in text, words


@pytest.mark.parametrize("name", PDFS)
def test_fallback_and_monospace_fonts_are_embedded_with_unicode_maps(built_blocks, name):
    with pikepdf.open(built_blocks[1] / name) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                embedded = "/FontFile2" in font.FontDescriptor and "/ToUnicode" in font
                fonts[str(font.BaseFont).split("+")[-1]] = embedded
    for base in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"):
        assert fonts.get(base), (base, sorted(fonts))


@pytest.mark.parametrize("name", PDFS)
def test_quotes_and_code_are_tagged_and_the_tree_stays_valid(built_blocks, name):
    report = verify(str(built_blocks[1] / name))
    assert not report.problems, report.problems[:5]
    tagged = [(role, " ".join(text.split())) for role, text in report.structure if role in ("Code", "BlockQuote")]
    assert ("BlockQuote", "Digital services are only as good as the data behind them. Start with the data.") in tagged
    assert ("Code", "almanac build --source source") in tagged  # the inline span, inside its paragraph
    assert ("Code", "almanac build --source source --output output make check STRICT=1") in tagged


def _page_with(pdf_path: Path, needle: str):
    with pikepdf.open(pdf_path) as pdf:
        for index in range(len(pdf.pages)):
            if needle in pdf_text_page(pdf_path, index + 1):
                return index + 1
    raise AssertionError(needle)


def pdf_text_page(path: Path, page: int) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_quote_and_code_block_are_indented_and_lists_are_followed_by_space(built_blocks):
    path = built_blocks[1] / "almanac.pdf"
    layout = pdf_text_page(path, _page_with(path, "Digital services"))
    lines = layout.splitlines()
    indent = {key: next(len(line) - len(line.lstrip()) for line in lines if key in line)
              for key in ("A council officer said", "Digital services", "make check STRICT=1", "The paragraph after")}
    assert indent["Digital services"] > indent["A council officer said"]
    assert indent["make check STRICT=1"] > indent["The paragraph after"]
    after = lines.index(next(line for line in lines if "Another list item" in line))
    assert not lines[after + 1].strip(), "no space between the list and the next paragraph"


def test_code_keeps_its_indentation(tmp_path):
    source = blocks_source(tmp_path / "source", "\n```\nif ready:\n    build()\n```\n")
    build(str(source), str(tmp_path / "out"), ["pdf"])
    path = tmp_path / "out" / "almanac.pdf"
    lines = pdf_text_page(path, _page_with(path, "build()")).splitlines()
    start = {key: next(line.index(key) for line in lines if key in line) for key in ("if ready:", "build()")}
    assert start["build()"] >= start["if ready:"] + 3


def test_a_character_no_font_draws_fails_the_check_at_its_source_line(tmp_path):
    source = blocks_source(tmp_path / "source", "\nIn Chinese: 漢字.\n")
    result = build(str(source), str(tmp_path / "out"), FORMATS)
    checked = run_checks(result.book, str(source), str(tmp_path / "out"))
    hits = [f for f in checked.findings if f.rule == "glyph-missing"]
    line = CHAPTER.read_text(encoding="utf-8").count("\n") + 2
    assert {f.format for f in hits} == {"S", "H", "E", "D", "P"}
    for f in hits:
        assert f.source_file.endswith("05-blocks.md") and f.source_line == line and f.severity == "error"
    assert {f.source_col for f in hits if f.format == "S"} == {13, 14}
    assert any("U+6F22" in f.message for f in hits)


def test_the_scripts_the_fallback_draws_pass_the_check(built_blocks):
    source, out, result = built_blocks
    checked = run_checks(result.book, str(source), str(out))
    assert not [f for f in checked.findings if f.rule == "glyph-missing"]


def test_html_and_epub_carry_the_fallback_font_only_when_the_text_needs_it(built_blocks, built_sample):
    import zipfile

    out = built_blocks[1]
    css = next(out.glob("*-assets/*.css")).read_text(encoding="utf-8")
    assert '"DejaVu Sans"' in css and (next(out.glob("*-assets")) / "fonts" / "DejaVuSans.ttf").is_file()
    with zipfile.ZipFile(next(out.glob("*.epub"))) as epub:
        names = epub.namelist()
        epub_css = next(epub.read(n).decode("utf-8") for n in names if n.endswith(".css"))
    assert any(n.endswith("fonts/DejaVuSans.ttf") for n in names) and '"DejaVu Sans"' in epub_css
    plain_css = next(built_sample.glob("*-assets/*.css")).read_text(encoding="utf-8")
    assert "DejaVuSans.ttf" not in plain_css and '"Atkinson Hyperlegible", "DejaVu Sans"' not in plain_css


def test_the_braille_edition_takes_every_script(tmp_path):
    """liblouis writes a character its table lacks as an escape with a dot-7 backslash; the BRF (six
    dots) keeps the escape rather than failing the build."""
    from almanac_build.writers.braille.translator import TO_BRF

    source = blocks_source(tmp_path / "source", "\nIn Chinese: 漢字.\n")
    build(str(source), str(tmp_path / "out"), ["braille"])
    brf = next((tmp_path / "out").glob("*.brf")).read_text(encoding="ascii")
    assert set(brf) <= set(TO_BRF.values()) | {"\r", "\n", "\f"}
    assert "'\\X" in brf  # the escape of a character the table lacks (Cyrillic, Chinese)


def test_the_docx_draws_what_the_theme_font_lacks_with_the_embedded_fallback(built_blocks, built_sample):
    import docx
    from docx.oxml.ns import qn

    from almanac_build.writers.docx.fonts import embedded_fonts

    document = docx.Document(str(built_blocks[1] / "almanac.docx"))
    marked = {}
    for run in document.element.body.iter(qn("w:r")):
        style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if style is not None and style.get(qn("w:val")) == "FallbackFont":
            marked[text] = True
    assert {"ŷ", "ŵ", "→", "✓"} <= set(marked) and any("Ελλ" in t for t in marked) and any("Жж" in t for t in marked)
    fallback = document.styles.get_by_id("FallbackFont", docx.enum.style.WD_STYLE_TYPE.CHARACTER)
    assert fallback.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")) == "DejaVu Sans"
    fonts = embedded_fonts(document)
    assert len(fonts) == 6 and all(f[:4] == b"\x00\x01\x00\x00" for f in fonts)  # TrueType, de-obfuscated
    plain = docx.Document(str(built_sample / "almanac.docx"))
    assert len(embedded_fonts(plain)) == 4
    assert "FallbackFont" not in {s.style_id for s in plain.styles}


def test_a_definition_list_reads_as_a_list_with_bold_terms(built_blocks):
    report = verify(str(built_blocks[1] / "almanac.pdf"))
    items = [" ".join(text.split()) for role, text in report.structure if role == "LI"]
    assert any(item.startswith("•Broadband") and item.endswith("A fast internet connection that is always on.")
               for item in items), items[-3:]  # the verifier joins the item's paragraphs without a space
    html = (built_blocks[1] / "almanac.html").read_text(encoding="utf-8")
    assert "<li><p><strong>Broadband</strong></p>" in html.replace("\n", "")
