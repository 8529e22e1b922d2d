"""poppler's `pdfinfo -struct-text`, the reference the tests hold the tool's one PDF text reader
(almanac_build/checks/views/pdf_text.py) to. Only the tests run poppler."""

from __future__ import annotations

import re
import shutil
import subprocess

from almanac_build.checks.textutil import squash
from almanac_build.checks.views.pdf import _kids

_ELEMENT = re.compile(r"^( *)([A-Za-z][\w.-]*)(?: <[^>]*>)?(?: \((?:block|inline)\))?:?$")
_TEXT = re.compile(r'^( *)"(.*)"$')


def struct_texts(path: str) -> list[tuple[str, str]] | None:
    """(type, text) of every structure element in depth-first order, from poppler's `pdfinfo -struct-text`
    (which maps marked content back to text); None when poppler is not installed or the run fails."""
    if not shutil.which("pdfinfo"):
        return None
    try:
        run = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode:
        return None
    nodes: list[list] = []  # [indent, type, parts]
    stack: list[list] = []
    for line in run.stdout.splitlines():
        element, text = _ELEMENT.match(line), _TEXT.match(line)
        if element and element.group(2) not in ("Object",):
            node = [len(element.group(1)), element.group(2), []]
            while stack and stack[-1][0] >= node[0]:
                stack.pop()
            nodes.append(node)
            stack.append(node)
        elif text:
            for open_node in stack:
                if open_node[0] < len(text.group(1)):
                    open_node[2].append(text.group(2))
    return [(kind, squash(" ".join(parts))) for _, kind, parts in nodes]


def align(root, texts: list[tuple[str, str]]) -> dict:
    """Pair poppler's depth-first element list with the tree's elements (same order); stop at the
    first disagreement rather than attach text to the wrong element."""
    order: list = []
    stack = list(reversed(_kids(root)))
    while stack:
        el = stack.pop()
        order.append(el)
        stack.extend(reversed(_kids(el)))
    found: dict = {}
    for el, (kind, text) in zip(order, texts):
        if kind != str(el.get("/S", "")).lstrip("/"):
            break
        if el.is_indirect:
            found[el.objgen] = text
    return found
