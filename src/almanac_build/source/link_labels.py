"""Link references (`[the standard]`, `[text][label]`) that only another chapter defines.

Each chapter is read as its own document, so a reference takes its address from its own chapter's
`[label]: address` lines alone. A use whose label is defined only elsewhere would silently print as
bracketed text: it is an error at the use, saying where the definition is and where one would go.
"""

from __future__ import annotations

import re

from .. import model as m
from ..diagnostics import Collector, Loc
from ..walk import child_nodes
from .fences import code_lines

_DEFINITION = re.compile(r" {0,3}(?:> ?)*\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(\S*)")
_USE = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\](?![(:])")


def label_key(label: str) -> str:
    """CommonMark's label matching: case-insensitive, runs of white space as one space."""
    return " ".join(label.split()).casefold()


def definitions(lines: list[str], in_code: list[bool]) -> dict[str, tuple[int, str]]:
    """Each label defined in a chapter's text → (line, address) of its first definition."""
    found: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        match = None if in_code[number - 1] else _DEFINITION.match(line)
        if match:
            found.setdefault(label_key(match.group(1)), (number, match.group(2)))
    return found


def check_foreign_references(chapters: list[tuple[str, str, list[m.Block]]], out: Collector) -> None:
    """`chapters`: (path, body, blocks) in reading order."""
    scanned = []
    defined_at: dict[str, tuple[str, int, str]] = {}
    for path, body, blocks in chapters:
        lines = body.split("\n")
        in_code, _ = code_lines(lines)
        own = definitions(lines, in_code)
        scanned.append((path, lines, in_code, own, blocks))
        for key, (line, address) in own.items():
            defined_at.setdefault(key, (path, line, address))
    if not defined_at:
        return
    for path, lines, in_code, own, blocks in scanned:
        foreign = {key for key in _bracketed(blocks) if key in defined_at and key not in own}
        for key in sorted(foreign, key=lambda k: _first_use(lines, in_code, k)):
            where, line, address = defined_at[key]
            number, col, label = _first_use(lines, in_code, key)
            out.error(Loc(path, number, col), f"the link reference '[{label}]' is defined only in another chapter "
                      f"({Loc(where, line)}); each chapter is read on its own",
                      f"add the line '[{label}]: {address or 'https://…'}' to this chapter, after the paragraph "
                      "that uses it, or write the link as [text](address)")


def _bracketed(blocks: list[m.Block]) -> set[str]:
    """The label keys of every `[…]` left in the chapter's text (code excepted): references that found
    no definition stay as text. Walked without recursion (the model is not yet checked for depth)."""
    keys: set[str] = set()
    stack: list = list(blocks)
    while stack:
        node = stack.pop()
        if isinstance(node, m.Text):
            keys.update(label_key(found.group(1)) for found in _USE.finditer(node.text))
            continue
        if isinstance(node, m.Code):
            continue
        stack.extend(child_nodes(node))
    return keys


def _first_use(lines: list[str], in_code: list[bool], key: str) -> tuple[int, int, str]:
    """(line, column, label as written) of the first use of `key` in the text."""
    for number, line in enumerate(lines, start=1):
        if in_code[number - 1] or _DEFINITION.match(line):
            continue
        for found in _USE.finditer(line):
            if label_key(found.group(1)) == key:
                return number, found.start() + 1, found.group(1)
    return 1, 1, key
