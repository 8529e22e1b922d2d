"""Fuzzing the loader (and the source checks, when the code base has them): for any chapter text and
any YAML, valid, nearly valid or garbage, `load` either returns a Book or raises AlmanacError whose every
diagnostic names a file and a line. Never another exception, never a traceback.

The default run is short (FUZZ_EXAMPLES, 100); `FUZZ_EXAMPLES=5000 FUZZ_RANDOM=1 pytest tests/test_fuzz.py` runs a random
campaign (results in docs/robustness.md)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from almanac_build.diagnostics import AlmanacError
from almanac_build.source.loader import load
from conftest import SAMPLE

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_RANDOM" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = st.sampled_from(["council", "data", "Dorset", "£9m", "“quoted”", "é", "日本", "\u200b", "\t", "  ", "*",
                         "_", "`", "\\", "[", "]", "(", ")", "{", "}", "#", ":", "|", "<", ">", "&", "!", "-", "1."])
TEXT = st.lists(WORDS, max_size=12).map(" ".join)
ATTR = st.sampled_from(['organisation="Brent"', 'council="brent"', 'council="nowhere"', 'caption="C"',
                        "row-headers=1", "row-headers=x", 'status="traffic-light"', 'title="T"', "#an-id",
                        ".extra", 'onclick="x"', 'list="contributors"', "", "=", '"', "{"])
BLOCK_NAME = st.sampled_from(["case-study", "practice", "theme", "table", "outcomes-overview", "leader-checklist",
                              "council-table", "casestudy", "", "script"])


@st.composite
def fenced_block(draw, depth: int = 0) -> str:
    name = draw(BLOCK_NAME)
    attrs = " ".join(draw(st.lists(ATTR, max_size=3)))
    opener = f"::: {{.{name} {attrs}}}" if draw(st.booleans()) else f"::: {name}"
    inner = draw(st.lists(markdown_block(depth + 1), max_size=3)) if depth < 3 else []
    closer = draw(st.sampled_from([":::", ":::", "", "::::"]))
    return "\n".join([opener, *inner, closer])


@st.composite
def markdown_block(draw, depth: int = 0) -> str:
    kind = draw(st.integers(0, 11))
    text = draw(TEXT)
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + " " + text + draw(st.sampled_from(["", " {#h}", " {#h .x}", " {"]))
    if kind == 1:
        return "\n".join(draw(st.sampled_from(["-", "*", "1.", "  -", "    -", "- -"])) + " " + draw(TEXT)
                         for _ in range(draw(st.integers(1, 4))))
    if kind == 2:
        return draw(st.sampled_from([">", "> >", ">>>"])) + " " + text
    if kind == 3:
        cols = draw(st.integers(1, 4))
        rows = [" | ".join(draw(TEXT) or "x" for _ in range(draw(st.integers(1, 5)))) for _ in range(3)]
        return "\n".join([f"| {rows[0]} |", "|" + "---|" * cols, *(f"| {r} |" for r in rows[1:])])
    if kind == 4:
        return draw(fenced_block(depth))
    if kind == 5:
        src = draw(st.sampled_from(["images/chart.svg", "images/none.svg", "../x.svg", "/etc/passwd", "",
                                    "https://e.com/a.png", "data:image/png;base64,AA", "images"]))
        return f"![{text}]({src})" + draw(st.sampled_from(["", "{.decorative}", '{caption="c"}', "{bad=1}"]))
    if kind == 6:
        url = draw(st.sampled_from(["#", "#data", "#nowhere", "https://e.com", "javascript:x", "mailto:a@b.c",
                                    "", "ftp://x", " #data "]))
        return f"{text} [{draw(TEXT)}]({url}) {text}"
    if kind == 7:
        return draw(st.sampled_from(["```", "~~~", "````"])) + "\n" + text + "\n" + draw(st.sampled_from(
            ["```", "~~~", ""]))
    if kind == 8:
        return draw(st.sampled_from(["<b>x</b>", "<!-- c -->", "<script>x</script>", "&amp;", "&#0;", "[^1]",
                                     "$x$", "\\", "---", "***", "[x]{.status-red}", "<https://e.com>"]))
    if kind == 9:
        return draw(st.text(max_size=40))  # anything at all, including control characters and surrogates' kin
    return text


FRONT_MATTER = st.one_of(
    st.just("id: data\ntitle: Data\nkind: outcome\noutcome: O.\ncolour: \"#5A2D82\"\nicon: images/icons/data.svg"),
    st.just("id: data\ntitle: Data\nkind: front"),
    st.lists(st.sampled_from(["id: data", "id: Data!", "title: T", "title:", "title: a: b", "kind: outcome",
                              "kind: nope", "colour: red", "colour: \"#00629B\"", "icon: images/none.svg",
                              "icon: ../../etc/passwd", "outcome: [1, 2", "&a x", "*a", "!!python/object:os.system",
                              "- list", "  indented: 1", "\tx: y", "id: data\nid: other", "leader_check: 5", "? k"]),
             max_size=6).map("\n".join),
    st.text(max_size=80),
)


@st.composite
def chapter(draw) -> bytes:
    front = draw(FRONT_MATTER)
    body = "\n\n".join(draw(st.lists(markdown_block(), max_size=8)))
    text = draw(st.sampled_from(["---\n{f}\n---\n{b}\n", "---\n{f}\n{b}\n", "{b}", "---\n{f}\n...\n{b}"]))
    data = text.format(f=front, b=body).encode("utf-8", "surrogatepass")
    return draw(st.sampled_from([data, data, b"\xef\xbb\xbf" + data, data.replace(b"\n", b"\r\n"),
                                 data[: len(data) // 2] + b"\xff" + data[len(data) // 2:]]))


@pytest.fixture(scope="module")
def fuzz_source():
    with tempfile.TemporaryDirectory(prefix="almanac-fuzz-") as tmp:
        root = Path(tmp) / "source"
        shutil.copytree(SAMPLE, root)
        yield root


def assert_loads_or_reports(source: Path) -> None:
    try:
        book = load(str(source))
    except AlmanacError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            assert diagnostic.loc.file and diagnostic.loc.file != "?", str(diagnostic)
            assert diagnostic.loc.line >= 1, str(diagnostic)
        return
    _run_source_checks(book, source)


def _run_source_checks(book, source: Path) -> None:
    """The source checks run on whatever loads, once the code base has them (with no outputs built, only
    the source's own rules have anything to read)."""
    try:
        from almanac_build.checks.run import run_checks
    except ImportError:
        return
    run_checks(book, str(source), str(source.parent / "no-outputs"))


@FUZZ
@given(text=chapter())
def test_chapter_text_never_crashes_the_loader(fuzz_source, text):
    (fuzz_source / "chapters" / "03-data.md").write_bytes(text)
    assert_loads_or_reports(fuzz_source)


YAML_LINES = st.sampled_from(["title: T", "chapters:", "  - 03-data.md", "- x", "councils:", "  - id: dorset",
                              "    name: D", "    region: [", "date: 2023-02-30", "date: 2023-03-21", "language: e",
                              "contact: 5", "cover:", "  image: ../x.svg", "&a b: *a", "key: !!binary aGk=",
                              "\t- t", "'unclosed", "{a: 1", "? complex", "edition: 2023", "a: b: c", "%YAML 1.1"])


@FUZZ
@given(lines=st.lists(YAML_LINES | st.text(max_size=30), max_size=10), which=st.sampled_from(
    ["almanac.yaml", "data/councils.yaml"]))
def test_yaml_files_never_crash_the_loader(fuzz_source, lines, which):
    original = (SAMPLE / which).read_text(encoding="utf-8")
    (fuzz_source / "chapters" / "03-data.md").write_bytes((SAMPLE / "chapters" / "03-data.md").read_bytes())
    path = fuzz_source / which
    path.write_bytes((original + "\n".join(lines)).encode("utf-8", "surrogatepass"))
    try:
        assert_loads_or_reports(fuzz_source)
    finally:
        path.write_text(original, encoding="utf-8")
