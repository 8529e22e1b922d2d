"""The Markdown dialect an editor meets (#18): no surprising extensions, tight lists stay tight, and the
pre-scan skips code exactly as CommonMark does."""

from __future__ import annotations

from almanac_build import model as m
from almanac_build.diagnostics import Collector
from almanac_build.source.fences import code_lines
from almanac_build.source.markdown import parse_chapter
from almanac_build.source.textfile import check_blocks
from almanac_build.text import block_text


def _read(text: str) -> list:
    out = Collector()
    blocks = parse_chapter("/s/chapter.md", text, out)
    assert not out.items, [str(d) for d in out.items]
    return blocks


def test_a_thematic_break_after_a_list_item_is_a_break():
    for rule in ("* * *", "- - -"):
        blocks = _read(f"- an item\n\n{rule}\n\nAfter.\n")
        assert [type(b) for b in blocks] == [m.ListBlock, m.ThematicBreak, m.Paragraph], rule
        assert [block_text(item) for item in blocks[0].items] == ["an item"]


def test_letters_and_roman_numerals_do_not_start_lists():
    blocks = _read("a. Apples\n\ni. Iron\n\n#. Hash\n")
    assert [type(b) for b in blocks] == [m.Paragraph] * 3


def test_tight_lists_stay_tight_and_loose_lists_loose():
    tight, loose = _read("- one\n- two\n\nBetween.\n\n1. one\n\n2. two\n")[0::2]
    assert tight.tight and not tight.ordered
    assert not loose.tight and loose.ordered


def test_a_tab_in_a_code_block_stays_a_tab():
    (code,) = _read("```\na\tb\n```\n")
    assert code.text == "a\tb"


def test_an_empty_address_is_a_placeholder():
    (paragraph,) = _read("See [this]() and [that](<>).\n")
    links = [n for n in paragraph.children if isinstance(n, m.Link)]
    assert [link.url for link in links] == ["#", "#"] and all(link.placeholder for link in links)


def test_the_pre_scan_accepts_what_commonmark_accepts():
    valid = [
        "``` aa ```\nfoo\n",  # a backtick in the info string: not a fence, so nothing is left open
        "```\ncode\n``` not a closing fence\nmore\n```\n",  # a closing fence has no info string
        "- ```\n  code\n  ```\n- next\n",  # a fence on a list-marker line, closed inside its item
        "- ```\n  code\n\nafter the list\n",  # the item ends, and the code block with it
        "> ```\n> code\n\noutside the quote\n",
        "   ```\naaa\n  ```\n",  # closed by a fence indented up to three spaces
    ]
    for text in valid:
        out = Collector()
        check_blocks(text, "/s/chapter.md", out)
        assert not out.items, (text, [str(d) for d in out.items])


def test_an_unclosed_fence_is_reported_where_it_opens():
    text = "Intro.\n\n```text\ncode\n    ```\n\n## Not a heading\n"
    _, fence = code_lines(text.split("\n"))
    assert fence is not None and fence.line == 3
    out = Collector()
    check_blocks(text, "/s/chapter.md", out)
    (error,) = out.errors
    assert str(error).startswith("/s/chapter.md:3:1: error: the code block opened here with '```' is never closed")
