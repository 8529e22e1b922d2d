"""Cut the tool's own almanac.docx into one Word file per chapter (from the chapter's Heading 1 to the
next), as a council would send a chapter: the round-trip tests import each slice."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def chapter_slices(docx: Path, titles: list[str], target: Path) -> dict[str, Path]:
    """{chapter title: path of a .docx holding only that chapter}."""
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    children = list(body)
    section = children[-1] if children[-1].tag == f"{W}sectPr" else None
    starts = []
    for index, child in enumerate(children):
        style = child.find(f"{W}pPr/{W}pStyle")
        if child.tag == f"{W}p" and style is not None and style.get(f"{W}val") == "Heading1":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            starts.append((index, text))
    out = {}
    for n, (start, text) in enumerate(starts):
        if text not in titles:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else _back_page(children, start)
        for child in list(body):
            body.remove(child)
        for child in children[start:end]:
            body.append(child)
        if section is not None:
            body.append(section)
        path = target / f"chapter-{len(out) + 1:02d}.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                                 if name == "word/document.xml" else data)
        out[text] = path
    return out


def _back_page(children: list, start: int) -> int:
    """Where the last chapter ends: the back page (contact details) starts on a new page of its own."""
    for index in range(start + 1, len(children)):
        child = children[index]
        if child.tag == f"{W}sectPr" or (child.tag == f"{W}p" and child.find(f"{W}pPr/{W}pageBreakBefore") is not None):
            return index
    return len(children)
