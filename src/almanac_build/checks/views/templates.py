"""Template syntax left in the source (`{{ name }}`, `{% if … %}`) from a content system or a mail
merge: found in the chapter file as written, outside code, each at its own line and column."""

from __future__ import annotations

import re

from ...diagnostics import Loc

_LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def template_leftovers(path: str) -> list[tuple[str, Loc]]:
    """(the leftover as written, where it starts) for each one outside code blocks and code spans."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found, fence = [], ""
    for number, line in enumerate(lines, start=1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.startswith("    ") or line.startswith("\t"):  # an indented code block line
            continue
        visible = _CODE_SPAN.sub(lambda span: " " * len(span.group()), line)
        for match in _LEFTOVER.finditer(visible):
            found.append((line[match.start():match.end()][:60], Loc(path, number, match.start() + 1)))
    return found
