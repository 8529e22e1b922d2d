"""Diagnostics stay one `file:line:col: error:` line, and name every place an editor must look (#18)."""

from __future__ import annotations

import pytest

from almanac_build.diagnostics import AlmanacError, Collector, Diagnostic, Loc, quoted
from almanac_build.source.loader import load
from almanac_build.source.markdown import parse_chapter
from conftest import SAMPLE

DATA = (SAMPLE / "chapters" / "03-data.md").read_text()


def _errors(sample_copy, extra: str) -> list[str]:
    source = sample_copy({"chapters/03-data.md": DATA + "\n" + extra})
    with pytest.raises(AlmanacError) as raised:
        load(str(source))
    return [str(d).replace(f"{source}/", "") for d in raised.value.diagnostics]


def test_raw_html_across_two_lines_is_quoted_on_one_line(sample_copy):
    (error,) = _errors(sample_copy, 'Raw <a href="x"\nclass="y"> tag.\n')
    line = (DATA + "\n").count("\n") + 1
    assert error == (f"chapters/03-data.md:{line}:5: error: raw HTML (<a href=\"x\"⏎class=\"y\">) is not allowed in "
                     "the source — use Markdown instead: '**bold**', '*italic*', or a link written [text](address)")


def test_every_diagnostic_is_one_line_and_long_quotes_are_shortened():
    diagnostic = Diagnostic(Loc("a.md", 3, 1), "bad\nthing", "fix\r\nit")
    assert str(diagnostic) == "a.md:3:1: error: bad⏎thing — fix⏎it"
    assert quoted("x" * 100) == "x" * 39 + "…" and quoted(" a\nb ") == "a⏎b"


def test_an_address_refused_through_a_reference_definition_names_both_lines():
    body = "\n\nRead [the rules] and [more][Rules].\n\n[the rules]: javascript:alert(1)\n[rules]: file:///etc/passwd\n"
    out = Collector()
    parse_chapter("/s/chapter.md", body, out)
    first, second = (str(d) for d in out.errors)
    assert first.startswith("/s/chapter.md:3:6: error: the link address 'javascript:alert(1)' (from the definition of "
                            "[the rules] at /s/chapter.md:5) ")
    assert second.startswith("/s/chapter.md:3:22: error: the link address 'file:///etc/passwd' (from the definition "
                             "of [Rules] at /s/chapter.md:6) ")


def test_an_inline_link_names_only_its_own_place():
    out = Collector()
    parse_chapter("/s/chapter.md", "See [this](javascript:x).\n\n[this]: https://example.org\n", out)
    (error,) = (str(d) for d in out.errors)
    assert error.startswith("/s/chapter.md:1:5: error: the link address 'javascript:x' is not allowed")


def test_duplicate_id_names_the_first(sample_copy):
    (error,) = _errors(sample_copy, "## One {#twice}\n\nText.\n\n## Two {#twice}\n")
    lines = (DATA + "\n").split("\n")
    first = len(lines)
    assert error.startswith(f"chapters/03-data.md:{first + 4}:1: error: duplicate id 'twice' (first used at "
                            f"chapters/03-data.md:{first}:1) — ")
