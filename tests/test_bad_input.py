"""Bad input: every case gets exactly the expected `path:line:col: error: what — how` lines, exit status 2,
no traceback, and the previous outputs are left byte for byte as they were.

The broken sources are in bad_inputs.py (changes applied to a copy of the sample book)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from almanac_build import cli
from almanac_build.diagnostics import AlmanacError
from almanac_build.build import build
from almanac_build.source.loader import load
from bad_inputs import CASES, DATA, DATA_CH
from conftest import SAMPLE, copy_sample

EXPECTED: dict[str, list[str]] = {
    'invalid-utf8': [
        'chapters/03-data.md:10:4: error: the file is not UTF-8 text (byte 0xff cannot be read) — save the file as UTF-8 in your editor',
    ],
    'invalid-utf8-yaml': [
        'almanac.yaml:8:16: error: the file is not UTF-8 text (byte 0xe9 cannot be read) — save the file as UTF-8 in your editor',
    ],
    'nul-byte': [
        'chapters/03-data.md:26:1: error: the file contains a NUL character — this looks like a binary file; save the chapter as plain text',
    ],
    'yaml-front-matter': [
        "chapters/03-data.md:3:12: error: YAML syntax error: mapping values are not allowed in this context — check the indentation and that text containing ': ' or '#' is in quotes",
    ],
    'yaml-front-matter-indent': [
        "chapters/03-data.md:5:9: error: YAML syntax error: mapping values are not allowed in this context — check the indentation and that text containing ': ' or '#' is in quotes",
    ],
    'yaml-data-file': [
        "data/councils.yaml:4:9: error: YAML syntax error: did not find expected ',' or ']' — check the indentation and that text containing ': ' or '#' is in quotes",
    ],
    'yaml-almanac-tab': [
        "almanac.yaml:3:1: error: YAML syntax error: found a tab character that violates indentation — check the indentation and that text containing ': ' or '#' is in quotes",
    ],
    'yaml-alias': [
        'almanac.yaml:4:10: error: YAML anchors (&name) and aliases (*name) are not supported — write the value out in full',
    ],
    'yaml-tag': [
        'almanac.yaml:4:10: error: YAML tag !!python/object:os.system is not supported — remove the tag: write the value alone',
    ],
    'no-front-matter': [
        "chapters/03-data.md:1:1: error: the chapter does not start with front matter — begin the file with a line '---', the chapter's id, title and kind, and another '---'",
    ],
    'front-matter-not-closed': [
        "chapters/03-data.md:1:1: error: the front matter is never closed — add a line '---' after the last front matter line",
    ],
    'missing-title': [
        "chapters/03-data.md:2:1: error: the front matter is missing the required key 'title' — add a line such as 'title: Connectivity'",
    ],
    'misspelled-title': [
        "chapters/03-data.md:2:1: error: the front matter is missing the required key 'title' — add a line such as 'title: Connectivity'",
        "chapters/03-data.md:3:1: error: unknown key 'titel' in the front matter — did you mean 'title'?",
    ],
    'council-missing-region': [
        "data/councils.yaml:2:5: error: a council entry is missing the required key 'region' — add a line such as 'region: South West'",
    ],
    'unknown-block': [
        "chapters/03-data.md:26:1: error: unknown block '.casestudy' — blocks are case-study, practice, theme, table, outcomes-overview, leader-checklist and council-table (see docs/source-format.md)",
    ],
    'unclosed-code': [
        "chapters/03-data.md:26:1: error: the code block opened here with '```' is never closed — add a line '```' after the code (at most three spaces before it, nothing after it)",
    ],
    'unopened-block': [
        "chapters/03-data.md:27:1: error: this ':::' closes a block that was never opened — delete the line, or add the block's opening line (such as '::: {.case-study …}') above",
    ],
    'ragged-pipe-table': [
        "chapters/03-data.md:28:1: error: this table row has 3 cells but the table has 2 columns — give every row 2 cells between '|' signs (an empty cell is '|  |'); write a '|' inside a cell as '\\|'",
        "chapters/03-data.md:29:1: error: this table row has 1 cell but the table has 2 columns — give every row 2 cells between '|' signs (an empty cell is '|  |'); write a '|' inside a cell as '\\|'",
    ],
    'ragged-list-table': [
        'chapters/03-data.md:26:1: error: the rows of the list table have different numbers of cells ([2, 3]) — give every row the same number of \'- \' cells (an empty cell is \'- ""\' or \'-\')',
    ],
    'image-missing': [
        "chapters/03-data.md:26:1: error: the image 'images/nothing.svg' does not exist — check the file name (paths are relative to source/)",
    ],
    'image-not-an-image': [
        "chapters/03-data.md:26:1: error: 'images/notes.png' is not a PNG, JPEG, GIF or SVG image — export the picture as SVG or PNG",
    ],
    'image-outside-dotdot': [
        "chapters/03-data.md:26:1: error: the image '../outside.svg' lies outside the source folder — copy the image into source/images/ and write its path as images/name.svg",
    ],
    'image-absolute': [
        "chapters/03-data.md:26:1: error: the image '/etc/passwd' is not a file inside source/ — copy the image into source/images/ and write its path as images/name.svg",
    ],
    'image-url': [
        "chapters/03-data.md:26:1: error: the image 'https://example.com/chart.svg' is not a file inside source/ — copy the image into source/images/ and write its path as images/name.svg",
    ],
    'image-symlink-outside': [
        "chapters/03-data.md:26:1: error: the image 'images/link.svg' lies outside the source folder — copy the image into source/images/ and write its path as images/name.svg",
    ],
    'svg-script': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains a <script> element (line 1 of the SVG): scripts are not allowed — remove it from the SVG, or export the image again",
    ],
    'svg-entities': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' declares XML entities (<!ENTITY …>) — remove it from the SVG, or export the image again",
    ],
    'svg-xxe': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' declares XML entities (<!ENTITY …>) — remove it from the SVG, or export the image again",
    ],
    'svg-javascript-link': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' refers to another file or address (javascript:alert(1)) on <a> (line 1 of the SVG) — remove it from the SVG, or export the image again",
    ],
    'svg-event-handler': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains an event handler (onload) on <svg> (line 1 of the SVG) — remove it from the SVG, or export the image again",
    ],
    'duplicate-heading-id': [
        "chapters/03-data.md:30:1: error: duplicate id 'same' (first used at chapters/03-data.md:26:1) — choose another {#id} for this heading",
    ],
    'empty-chapter': [
        "chapters/03-data.md:1:1: error: the chapter has no text after its front matter — write the chapter's text, or remove the file and its line in almanac.yaml",
    ],
    'listed-not-found': [
        "almanac.yaml:20:3: error: chapter '05-extra.md' is listed in almanac.yaml but source/chapters/05-extra.md does not exist — create the file, or correct the name in almanac.yaml",
    ],
    'not-listed': [
        "chapters/05-extra.md:1:1: error: this chapter file is not listed under 'chapters:' in almanac.yaml — add '  - 05-extra.md' to the chapters list where it belongs in the reading order",
    ],
    'raw-html-inline': [
        'chapters/03-data.md:26:7: error: raw HTML (<span onclick="alert(1)">) is not allowed in the source — use Markdown instead: \'**bold**\', \'*italic*\', or a link written [text](address)',
        "chapters/03-data.md:26:36: error: raw HTML (</span>) is not allowed in the source — use Markdown instead: '**bold**', '*italic*', or a link written [text](address)",
    ],
    'raw-html-comment': [
        "chapters/03-data.md:26:1: error: raw HTML is not allowed in the source — use Markdown instead (for example '**bold**', '- item', or a ':::' block)",
    ],
    'raw-html-iframe': [
        "chapters/03-data.md:26:1: error: raw HTML is not allowed in the source — use Markdown instead (for example '**bold**', '- item', or a ':::' block)",
    ],
    'javascript-autolink': [
        "chapters/03-data.md:26:5: error: the link address 'javascript:alert(1)' is not allowed — use a full https:// address, mailto:, tel:, an #id in the almanac, or (#) as a placeholder",
    ],
    'data-link': [
        "chapters/03-data.md:26:5: error: the link address 'data:text/html;base64,PHNjcmlwdD4=' is not allowed — use a full https:// address, mailto:, tel:, an #id in the almanac, or (#) as a placeholder",
    ],
    'vbscript-link': [
        "chapters/03-data.md:26:5: error: the link address 'VBScript:msgbox' is not allowed — use a full https:// address, mailto:, tel:, an #id in the almanac, or (#) as a placeholder",
    ],
    'huge-file': [
        'chapters/03-data.md:1:1: error: the file is 50 MB, more than the 1 MB a source file may be — split it into several chapters, or remove pasted binary data',
    ],
    'nested-quotes': [
        "chapters/03-data.md:26:1: error: the text here is nested too deeply (more than 24 levels of lists, quotes and ':::' blocks) — use fewer levels: a list inside a list inside a block is usually enough",
    ],
    'nested-lists': [
        "chapters/03-data.md:50:1: error: the text here is nested too deeply (more than 24 levels of lists, quotes and ':::' blocks) — use fewer levels: a list inside a list inside a block is usually enough",
    ],
    'nested-blocks': [
        "chapters/03-data.md:50:1: error: the text here is nested too deeply (more than 24 levels of lists, quotes and ':::' blocks) — use fewer levels: a list inside a list inside a block is usually enough",
    ],
    'yaml-nested-too-deeply': [
        'data/councils.yaml:19:24: error: the YAML is nested too deeply (more than 16 levels) — write the data with fewer lists and groups inside each other',
    ],
    'chapter-symlink-outside': [
        'chapters/03-data.md:1:1: error: this file is a link to a file outside the source folder — copy the file into the source folder instead of linking to it',
    ],
    'long-line': [
        'chapters/03-data.md:26:1: error: this line is 100,025 characters long; the most allowed is 100,000 — break it into paragraphs, with a blank line between them',
    ],
    'nested-spans': [
        "chapters/03-data.md:1:1: error: the text here is nested too deeply to read — use fewer levels of lists, quotes, ':::' blocks, emphasis or links inside each other",
    ],
    # a publication's totals (bad_inputs.TOTALS)
    'chapters-over-total': [
        "chapters/04-annex.md:1:1: error: with this chapter the publication's chapters add up to 2.3 MB of text; together they may be at most 2 MB — split the publication into several publications",
    ],
    'pictures-over-total': [
        "chapters/03-data.md:34:1: error: the image 'images/big4.png' brings the publication's pictures to 228 megapixels; together they may have at most 200 — scale pictures down (300 dpi at the printed size is enough)",
    ],
    # shape limits (bad_inputs.SHAPE)
    'list-too-many-items': [
        'chapters/03-data.md:26:1: error: this list has 2,001 items; the most a list may have is 2,000 — split it into several lists under their own headings, or make it a table',
    ],
    'table-too-many-cells': [
        'chapters/03-data.md:27:1: error: this table has 10,004 cells; the most a table may have is 10,000 — split it into several tables (for example one per region or year)',
    ],
    'table-too-many-columns': [
        'chapters/03-data.md:27:1: error: this table has 60 columns; the most a table may have is 50 — split it into tables of at most 50 columns, or turn it round so that the long side runs down the page',
    ],
    'too-many-headings': [
        'chapters/03-data.md:2018:1: error: this chapter has more than 500 headings (this is heading 501) — split the chapter into several chapter files',
    ],
    # round two (bad_inputs.ROUND_TWO)
    'jpeg-truncated': [
        "chapters/03-data.md:26:1: error: the image 'images/bad.jpg' is a damaged JPEG: it ends before its size is given — export the image again",
    ],
    'png-bomb-header': [
        "chapters/03-data.md:26:1: error: the image 'images/bad.png' is 100,000 × 100,000 pixels (10,000 megapixels); the most allowed is 50 megapixels and 30,000 pixels a side — scale it down (300 dpi at the printed size is enough)",
    ],
    'png-lying-header': [
        "chapters/03-data.md:26:1: error: the image 'images/bad.png' says it is 300 × 300 pixels, but its data holds less than that — export it again",
    ],
    'png-over-budget': [
        "chapters/03-data.md:26:1: error: the image 'images/bad.png' is 8,000 × 8,000 pixels (64 megapixels); the most allowed is 50 megapixels and 30,000 pixels a side — scale it down (300 dpi at the printed size is enough)",
    ],
    'png-truncated': [
        "chapters/03-data.md:26:1: error: the image 'images/bad.png' cannot be read: it is truncated (a chunk runs past the end of the file) — export it again",
    ],
    'svg-animate-href': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains an <animate> element (line 2 of the SVG): animation is not allowed — remove it from the SVG, or export the image again",
    ],
    'svg-css-escape': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' has a CSS escape (\\) in <style> (line 2 of the SVG); write the CSS without escapes — remove it from the SVG, or export the image again",
    ],
    'svg-css-external-fill': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' refers to another file or address in url(http://example.com/#x) in 'style' on <rect> (line 2 of the SVG); only url(#id) of an element in the same SVG is allowed — remove it from the SVG, or export the image again",
    ],
    'svg-css-import': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' has CSS @import in <style> (line 2 of the SVG); it can load or run something else — remove it from the SVG, or export the image again",
    ],
    'svg-external-dtd': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' refers to an external DTD (http://example.com/evil.dtd) — remove it from the SVG, or export the image again",
    ],
    'svg-extreme-aspect': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' is 100000 × 1 units (size); the most allowed is 20,000 a side — scale the drawing down",
    ],
    'svg-fill-attribute-url': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' refers to another file or address in url(https://example.com/p.svg#p) in 'fill' on <rect> (line 2 of the SVG); only url(#id) of an element in the same SVG is allowed — remove it from the SVG, or export the image again",
    ],
    'svg-image-element': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains an <image> element (line 2 of the SVG): it loads another picture (export it as its own PNG) — remove it from the SVG, or export the image again",
    ],
    'svg-long-thin': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' is 1000 × 10 units (viewBox), more than 20 times as long as it is wide — crop it, or split it into several pictures",
    ],
    'svg-set-handler': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains a <set> element (line 2 of the SVG): animation is not allowed — remove it from the SVG, or export the image again",
    ],
    'svg-stylesheet-pi': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' has a processing instruction <?xml-stylesheet …?> (line 1 of the SVG), which can load a stylesheet — remove it from the SVG, or export the image again",
    ],
    'svg-xhtml-script': [
        "chapters/03-data.md:26:1: error: the SVG image 'images/bad.svg' contains a <script> element from another vocabulary (http://www.w3.org/1999/xhtml) (line 2 of the SVG) — remove it from the SVG, or export the image again",
    ],
}


def apply(target: Path, changes: dict) -> Path:
    """A copy of the sample with `changes` written: text, bytes, None (delete) or ("symlink", target)."""
    copy_sample(target)
    for name, value in changes.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            path.unlink()
        elif isinstance(value, tuple):
            path.unlink(missing_ok=True)
            os.symlink(value[1], path)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")
    return target


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("previous") / "out"
    build(str(SAMPLE), str(out))
    return out


def test_every_case_has_an_expectation():
    assert set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case, tmp_path, previous_build, capsys):
    before = digests(previous_build)
    source = apply(tmp_path / "source", CASES[case])
    status = cli.main(["--source", str(source), "--output", str(previous_build), "build"])
    err = capsys.readouterr().err
    found = [line.split(f"{source}/", 1)[1].replace(f"{source}/", "") for line in err.splitlines() if ": error: " in line]
    assert status == 2
    assert found == EXPECTED[case]
    assert "Traceback" not in err
    assert "The previous outputs were left as they were." in err
    assert digests(previous_build) == before
    assert not [p for p in previous_build.iterdir() if p.name.startswith(".staging")]


def test_cli_subprocess_reports_deep_nesting_without_traceback(tmp_path, previous_build):
    """The same through a real process: Python's recursion limit must never show as a traceback."""
    from conftest import run_cli

    source = apply(tmp_path / "source", CASES["nested-spans"])
    done = run_cli("--source", str(source), "--output", str(previous_build), "build")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert "03-data.md:1:1: error: the text here is nested too deeply to read" in done.stderr


def test_byte_order_mark_is_accepted_and_changes_nothing(tmp_path):
    """Decision: a UTF-8 byte-order mark (Windows Notepad writes one) is dropped silently. The book
    loaded from a file with a BOM equals the book loaded without it, position for position."""
    source = apply(tmp_path / "source", {})
    plain = load(str(source))
    (source / DATA_CH).write_bytes(b"\xef\xbb\xbf" + DATA.encode("utf-8"))
    yaml_path = source / "almanac.yaml"
    yaml_path.write_bytes(b"\xef\xbb\xbf" + yaml_path.read_bytes())
    with_bom = load(str(source))
    assert with_bom.chapters == plain.chapters
    assert with_bom.meta == plain.meta
    assert [str(w) for w in with_bom.warnings] == [str(w) for w in plain.warnings]


def test_all_problems_of_several_files_in_one_run(tmp_path, capsys):
    """Problems in different files that do not hide each other are all reported together, sorted."""
    changes = {**CASES["ragged-pipe-table"], "data/councils.yaml": CASES["council-missing-region"]["data/councils.yaml"]}
    source = apply(tmp_path / "source", changes)
    status = cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build"])
    err = capsys.readouterr().err
    found = [line.split(f"{source}/", 1)[1].replace(f"{source}/", "") for line in err.splitlines() if ": error: " in line]
    assert status == 2
    assert found == EXPECTED["ragged-pipe-table"] + EXPECTED["council-missing-region"]
    assert "3 problems in the source" in err


def test_pandoc_running_out_of_memory_is_reported_at_the_file(tmp_path, monkeypatch):
    """Pandoc reads with a memory cap, since hostile Markdown can ask for gigabytes (270 KB of '{' take
    400 MB); hitting it is reported at the file, not as a crash. The cap is lowered here to hit it fast."""
    from almanac_build.source import pandoc

    monkeypatch.setattr(pandoc, "READ_MEMORY", "100m")
    source = apply(tmp_path / "source", {DATA_CH: DATA + ("{" * 9000 + "\n\n") * 30})
    with pytest.raises(AlmanacError) as caught:
        load(str(source))
    assert [str(d).split("/source/", 1)[1] for d in caught.value.diagnostics] == [
        "chapters/03-data.md:1:1: error: the text is too complex to read (Pandoc ran out of memory) — look for long "
        "runs of punctuation such as '[', '{' or '*', and for blocks nested inside each other; or split the chapter"]
