"""The printed edition's page numbers, read from the pagination the print PDF writer records
(`ctx.data_dir/pagination.json`, contract in HELPERS.md), so HTML readers can cite "page 12".

Each page is placed at the block where it begins: `(chapter id, block index)` with the index into
`list(iter_blocks(chapter.blocks))`, -1 for the chapter's own title. Pages before the first chapter
(cover, contents) go at the start of the contents list; pages after the last chapter at the footer.
A pagination left by a build of an older source (`make html` alone after an edit) no longer fits the
blocks: `fits` notices through the recorded source positions, and the page is built without anchors.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ... import model as m
from ...diagnostics import ToolError
from ...walk import iter_blocks

FILE = "pagination.json"


@dataclass
class PageMarks:
    """Printed page labels by where they begin; empty when the PDF has not recorded its pages."""

    source: str = ""
    at_block: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    before: list[str] = field(default_factory=list)  # cover, contents: before any chapter
    after: list[str] = field(default_factory=list)  # back matter after the last chapter
    locs: dict[tuple[str, int], str] = field(default_factory=dict)  # where the PDF saw each block

    def labels(self, chapter_id: str, block: int) -> list[str]:
        return self.at_block.get((chapter_id, block), [])

    @property
    def count(self) -> int:
        return len(self.before) + len(self.after) + sum(len(v) for v in self.at_block.values())


def read_marks(data_dir: str) -> PageMarks:
    """Read pagination.json if the PDF writer left one; a missing file means no page anchors."""
    path = os.path.join(data_dir, FILE) if data_dir else ""
    if not path or not os.path.isfile(path):
        return PageMarks()
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return marks_from(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ToolError(f"{path} does not follow the pagination contract ({exc}); "
                        "rebuild the PDF with 'make pdf'") from None


def marks_from(data: dict) -> PageMarks:
    marks = PageMarks(source=str(data.get("source", "")))
    seen_chapter = False
    taken: set[str] = set()
    for page in data["pages"]:
        label = str(page["label"])
        if label in taken:  # ids must be unique; a repeated label keeps its first place
            continue
        taken.add(label)
        chapter = page["chapter"]
        if chapter is None:
            (marks.after if seen_chapter else marks.before).append(label)
            continue
        seen_chapter = True
        key = (str(chapter), int(page["block"]))
        marks.at_block.setdefault(key, []).append(label)
        if page.get("loc"):
            marks.locs[key] = str(page["loc"])
    return marks


def fits(marks: PageMarks, book: m.Book) -> bool:
    """True when every recorded block exists and sits where the PDF saw it (file name, line, column)."""
    chapters = {c.id: c for c in book.chapters}
    for (chapter_id, index) in marks.at_block:
        chapter = chapters.get(chapter_id)
        blocks = list(iter_blocks(chapter.blocks)) if chapter else []
        if chapter is None or index >= len(blocks) or index < -1:
            return False
        recorded = marks.locs.get((chapter_id, index))
        loc = chapter.loc if index == -1 else blocks[index].loc
        if recorded and loc and not _same_place(recorded, loc):
            return False
    return True


def _same_place(recorded: str, loc) -> bool:
    """'source/chapters/02-connectivity.md:11:1' against a Loc (paths may be shown relative or absolute)."""
    parts = recorded.split(":")
    numbers = [int(p) for p in parts[1:3] if p.isdigit()]
    line, col = (numbers + [0, 0])[:2]
    return (os.path.basename(parts[0]) == os.path.basename(loc.file) and line == loc.line
            and (col == 0 or col == loc.col))


def anchor_id(label: str) -> str:
    """`page-12`: the same id the EPUB page list and citations use."""
    return "page-" + "".join(ch if ch.isalnum() else "-" for ch in label)
