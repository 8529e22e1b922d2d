"""Strict validation: each problem reported as `path:line:col: error: what — how`, all in one run,
exit status 2 and no traceback."""

from __future__ import annotations

import pytest

from almanac_build.diagnostics import AlmanacError
from almanac_build.source.loader import load
from conftest import SAMPLE, run_cli

CONNECTIVITY = (SAMPLE / "chapters" / "02-connectivity.md").read_text()
ALMANAC = (SAMPLE / "almanac.yaml").read_text()


def problems(source) -> list[str]:
    with pytest.raises(AlmanacError) as caught:
        load(str(source))
    return [str(d).split("source/", 1)[1].replace(f"{source}/", "") for d in caught.value.diagnostics]


def test_unknown_front_matter_key(sample_copy):
    text = CONNECTIVITY.replace("kind: outcome", "kind: outcome\ncolor: blue")
    assert problems(sample_copy({"chapters/02-connectivity.md": text})) == [
        "chapters/02-connectivity.md:5:1: error: unknown key 'color' in the front matter — did you mean 'colour'?"]


def test_wrong_type(sample_copy):
    text = CONNECTIVITY.replace('colour: "#00629B"', "colour: blue")
    assert problems(sample_copy({"chapters/02-connectivity.md": text})) == [
        "chapters/02-connectivity.md:7:9: error: 'colour' in the front matter must be a colour like \"#00629B\", "
        "not 'blue' — write a value such as \"#00629B\""]


def test_missing_field(sample_copy):
    text = ALMANAC.replace("publisher: Local Government Association\n", "")
    assert problems(sample_copy({"almanac.yaml": text})) == [
        "almanac.yaml:1:1: error: almanac.yaml is missing the required key 'publisher' — "
        "add a line such as 'publisher: Local Government Association'"]


def test_duplicate_id(sample_copy):
    text = (SAMPLE / "chapters" / "03-data.md").read_text().replace("id: data", "id: connectivity")
    text = text.replace("[the data chapter](#data)", "")
    intro = (SAMPLE / "chapters" / "01-introduction.md").read_text().replace(" and to [the data chapter](#data)", "")
    assert problems(sample_copy({"chapters/03-data.md": text, "chapters/01-introduction.md": intro})) == [
        "chapters/03-data.md:2:5: error: duplicate chapter id 'connectivity' (first used at chapters/02-connectivity.md:2:5) — give each chapter its own id in "
        "its front matter"]


def test_unknown_council(sample_copy):
    text = CONNECTIVITY.replace('council="dorset"', 'council="dorsett"')
    assert problems(sample_copy({"chapters/02-connectivity.md": text})) == [
        "chapters/02-connectivity.md:41:1: error: case study 'Dorset Council' names council 'dorsett', which is "
        "not in data/councils.yaml — add the council to data/councils.yaml, or correct the id in council=\"…\""]


def test_all_problems_reported_in_one_run(sample_copy):
    text = CONNECTIVITY.replace("kind: outcome", "kind: chapters").replace('council="dorset"', 'council="nowhere"')
    found = problems(sample_copy({"chapters/02-connectivity.md": text,
                                  "almanac.yaml": ALMANAC.replace("language: en-GB", "language: English!")}))
    assert len(found) == 3
    assert found[0].startswith("almanac.yaml:6:11: error: 'language' in almanac.yaml must be a language tag")
    assert ("'kind' in the front matter must be one of chapter, front, part, annex, appendix, outcome, not 'chapters'"
            " — write a value such as chapter" in found[1])
    assert "names council 'nowhere'" in found[2]


def test_unclosed_block_is_reported_where_it_opens(sample_copy):
    text = CONNECTIVITY.replace("- Work with network providers.\n:::\n", "- Work with network providers.\n")
    assert problems(sample_copy({"chapters/02-connectivity.md": text})) == [
        "chapters/02-connectivity.md:50:1: error: the block 'practice' opened here is never closed — add a line "
        "':::' after the block's last line"]


def test_raw_html_and_unsafe_links_are_errors(sample_copy):
    text = CONNECTIVITY + "\n<script>alert(1)</script>\n\nSee [this](javascript:alert(1)).\n"
    found = problems(sample_copy({"chapters/02-connectivity.md": text}))
    assert found[0].startswith("chapters/02-connectivity.md:60:1: error: raw HTML is not allowed")
    assert found[1].startswith("chapters/02-connectivity.md:62:5: error: the link address 'javascript:alert(1)'")


def test_cli_exits_2_without_traceback(sample_copy, tmp_path):
    source = sample_copy({"chapters/02-connectivity.md": CONNECTIVITY.replace("kind: outcome", "kind: nope")})
    done = run_cli("--source", str(source), "--output", str(tmp_path / "out"), "build")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "02-connectivity.md:4:7: error: 'kind' in the front matter must be one of" in done.stderr
    assert "The previous outputs were left as they were." in done.stderr
