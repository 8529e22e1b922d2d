"""The printed edition's page numbers, read from the pagination the print PDF writer records
(`ctx.data_dir/pagination.json`, contract in HELPERS.md), so HTML readers can cite "page 12".

Each page is placed at the block where it begins: `(chapter id, block index)` with the index into
`list(iter_blocks(chapter.blocks))`, -1 for the chapter's own title. Pages before the first chapter
(cover, contents) go at the start of the contents list; pages after the last chapter at the footer.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ...diagnostics import ToolError

FILE = "pagination.json"


@dataclass
class PageMarks:
    """Printed page labels by where they begin; empty when the PDF has not recorded its pages."""

    source: str = ""
    at_block: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    before: list[str] = field(default_factory=list)  # cover, contents: before any chapter
    after: list[str] = field(default_factory=list)  # back matter after the last chapter

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
        marks.at_block.setdefault((str(chapter), int(page["block"])), []).append(label)
    return marks


def anchor_id(label: str) -> str:
    """`page-12`: the same id the EPUB page list and citations use."""
    return "page-" + "".join(ch if ch.isalnum() else "-" for ch in label)
