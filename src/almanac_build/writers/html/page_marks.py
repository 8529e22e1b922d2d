"""Where the printed edition's page numbers go in the HTML page, so readers can cite "page 12".

The pages come from the shared reader (`writers/pagination.py`: parsed, checked against the book, each
with its id). Each page is placed at the block where it begins: `(chapter id, block index)` with the
index into `list(iter_blocks(chapter.blocks))`, -1 for the chapter's own title. Pages before the first
chapter (cover, contents) go at the start of the contents list; pages after the last chapter at the footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import model as m
from .. import pagination
from ..pagination import Page


@dataclass
class PageMarks:
    """Printed pages by where they begin; empty when the PDF has not recorded its pages."""

    at_block: dict[tuple[str, int], list[Page]] = field(default_factory=dict)
    before: list[Page] = field(default_factory=list)  # cover, contents: before any chapter
    after: list[Page] = field(default_factory=list)  # back matter after the last chapter

    def pages(self, chapter_id: str, block: int) -> list[Page]:
        return self.at_block.get((chapter_id, block), [])

    @property
    def count(self) -> int:
        return len(self.before) + len(self.after) + sum(len(v) for v in self.at_block.values())


def read_marks(data_dir: str, book: m.Book) -> PageMarks:
    """The marks for this book from the print PDF's record (none without one; a stale one is a ToolError)."""
    return marks_from(pagination.read(data_dir, book))


def marks_from(pages: list[Page]) -> PageMarks:
    """Group the pages (in page order) by the place their anchor goes."""
    marks = PageMarks()
    seen_chapter = False
    for page in pages:
        if page.chapter is None:
            (marks.after if seen_chapter else marks.before).append(page)
            continue
        seen_chapter = True
        marks.at_block.setdefault((page.chapter, page.block), []).append(page)
    return marks
