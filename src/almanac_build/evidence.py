"""What a publication actually contains, counted once from the model, so that every claim made about it
(the EPUB's accessibility metadata and summary, the statement, the manual checks) rests on the same
evidence and none is fixed text that may be false of another publication."""

from __future__ import annotations

from dataclasses import dataclass

from . import model as m
from .walk import iter_blocks, iter_inlines

@dataclass(frozen=True)
class Evidence:
    chapters: int
    section_headings: int  # headings inside chapters (the chapter titles are headings too)
    described_images: int  # figures and inline pictures with alt text
    decorative_images: int  # figures, inline pictures and chapter icons marked decorative
    cover: str  # "described" | "decorative" | "none": the source's cover illustration
    tables: int
    tables_with_captions: int
    tables_with_column_headers: int
    tables_with_row_headers: int
    colour_coded_cells: int  # status cells: the word stays in the cell, the colour repeats it
    links: int
    placeholder_links: int  # links whose address the text lost, written (#): plain text in every edition
    forms: int = 0  # the source format has no form controls, so no edition has any

    @property
    def images(self) -> int:
        return self.described_images + self.decorative_images


def gather(book: m.Book) -> Evidence:
    placeholders = described = decorative = tables = captions = col_headers = row_headers = coloured = links = headings = 0
    for chapter in book.chapters:
        if chapter.icon:
            decorative += 1
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, m.Heading):
                headings += 1
            elif isinstance(block, m.Figure):
                described, decorative = _count_image(block, described, decorative)
            elif isinstance(block, m.Table):
                tables += 1
                captions += bool(block.caption.strip())
                col_headers += bool(block.head)
                row_headers += block.row_header_cols > 0
                coloured += sum(1 for row in block.head + block.body for cell in row if cell.status)
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.InlineImage):
                described, decorative = _count_image(inline, described, decorative)
            elif isinstance(inline, m.Link):
                links += 1
                placeholders += inline.placeholder
    meta = book.meta
    cover = "none" if not meta.cover_image else "decorative" if meta.cover_decorative else "described"
    return Evidence(len(book.chapters), headings, described, decorative, cover, tables, captions, col_headers, row_headers,
                    coloured, links, placeholders)


def _count_image(image, described: int, decorative: int) -> tuple[int, int]:
    if image.decorative or not image.alt.strip():
        return described, decorative + 1
    return described + 1, decorative
