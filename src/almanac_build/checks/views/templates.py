"""Template syntax left in the source (`{{ name }}`, `{% if … %}`) from a content system or a mail
merge: found in the chapter file as written, outside code, each at its own line and column."""

from __future__ import annotations

import re

from ...diagnostics import Loc
from ...source.fences import code_lines

_LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def template_leftovers(path: str) -> list[tuple[str, Loc]]:
    """(the leftover as written, where it starts) for each one outside code blocks and code spans."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    in_code = code_lines(lines)[0]  # fenced code, by CommonMark's rules (the loader's own reading)
    for number, (line, code) in enumerate(zip(lines, in_code), start=1):
        if code:  # indented lines are judged: in this source they are list items' text far more often than code
            continue
        visible = _CODE_SPAN.sub(lambda span: " " * len(span.group()), line)
        for match in _LEFTOVER.finditer(visible):
            found.append((line[match.start():match.end()][:60], Loc(path, number, match.start() + 1)))
    return found
