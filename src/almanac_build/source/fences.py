"""Which lines of a chapter are inside a fenced code block, by CommonMark 0.31.2's rules (§4.5).

The checks that run before Pandoc (unclosed blocks, `:::` balance, table rows, link reference
definitions) must skip code exactly as Pandoc will, or they refuse valid text and miss real mistakes:
- a fence is three or more backticks or tildes, indented at most three spaces inside its container; a
  backtick fence's info string may not contain a backtick (then the line is text, not a fence);
- it may open on a list-marker or block-quote line (`- ``` `, `> ~~~`);
- it closes on a line of the same character, at least as long, indented at most three spaces, with
  nothing after it but spaces (a closing fence has no info string);
- it also ends, closed, where its list item or block quote ends (a line indented less than the item's
  text, or a quoted fence's line without `>`). Only a fence still open at the chapter's end is unclosed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r" {0,3}> ?")
_LIST_MARKER = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])( {1,4}|$)")
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")


@dataclass(slots=True)
class Fence:
    line: int  # where it opened (counting from 1)
    marker: str  # the opening run of ` or ~
    quotes: int  # block quotes it sits in
    indent: int  # columns of list-item indentation its lines keep


def opening_fence(line: str) -> tuple[Fence, str] | None:
    """The fence this line opens, with its info string, or None (`Fence.line` is left 0). A fence on a
    list-marker line keeps the item's indentation: a line indented less ends the item, and the code."""
    inner, quotes = line, 0
    while quote := _QUOTE.match(inner):
        inner, quotes = inner[quote.end():], quotes + 1
    rest = inner
    while (marker := _LIST_MARKER.match(rest)) and marker.group(1):  # `- ``` `, `1. - ~~~`
        rest = rest[marker.end():]
    found = _FENCE.match(rest)
    if not found:
        return None
    _, marker, info = found.groups()
    if marker[0] == "`" and "`" in info:
        return None  # CommonMark: a backtick fence's info string may not contain a backtick
    return Fence(0, marker, quotes, len(inner) - len(rest)), info


def continues(fence: Fence, line: str) -> tuple[bool, str]:
    """Whether `line` still belongs to the fence's container, and the line inside that container."""
    for _ in range(fence.quotes):
        quote = _QUOTE.match(line)
        if not quote:
            return False, line
        line = line[quote.end():]
    if fence.indent and line.strip():
        if len(line) - len(line.lstrip(" ")) < fence.indent:
            return False, line
        line = line[fence.indent:]
    return True, line


def closes(fence: Fence, line: str) -> bool:
    """Whether `line` (inside the fence's container) is its closing fence."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return False
    run = len(stripped) - len(stripped.lstrip(fence.marker[0]))
    return run >= len(fence.marker) and not stripped[run:].strip(" \t")


def code_lines(lines: list[str]) -> tuple[list[bool], Fence | None]:
    """For each line, whether it is part of a fenced code block (its fences included); and the fence
    still open at the end of the text, if any (it would swallow the rest of the chapter)."""
    fence: Fence | None = None
    inside: list[bool] = []
    for number, line in enumerate(lines, start=1):
        if fence:
            within, content = continues(fence, line)
            if within:
                if closes(fence, content):
                    fence = None
                inside.append(True)
                continue
            fence = None  # its list item or quote ended: so did the code block
        opened = opening_fence(line)
        if opened:
            fence = opened[0]
            fence.line = number
        inside.append(bool(opened))
    return inside, fence
