"""What a publication actually contains, counted once from the model, so that every claim made about it
(the EPUB's accessibility metadata and summary, the statement, the manual checks) rests on the same
evidence and none is fixed text that may be false of another publication."""

from __future__ import annotations

from dataclasses import dataclass

from . import model as m
from .walk import iter_blocks, iter_inlines

SVG_ANIMATION = (b"<animate", b"<set ", b"<set>", b"<animateTransform", b"<animateMotion")


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
    moving_images: int  # animated GIFs and SVGs with animation elements
    forms: int = 0  # the source format has no form controls, so no edition has any

    @property
    def images(self) -> int:
        return self.described_images + self.decorative_images


def gather(book: m.Book) -> Evidence:
    described = decorative = tables = captions = col_headers = row_headers = coloured = links = headings = 0
    pictures: list[str] = []
    for chapter in book.chapters:
        if chapter.icon:
            decorative += 1
            pictures.append(chapter.icon)
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, m.Heading):
                headings += 1
            elif isinstance(block, m.Figure):
                described, decorative = _count_image(block, described, decorative)
                pictures.append(block.src)
            elif isinstance(block, m.Table):
                tables += 1
                captions += bool(block.caption.strip())
                col_headers += bool(block.head)
                row_headers += block.row_header_cols > 0
                coloured += sum(1 for row in block.head + block.body for cell in row if cell.status)
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.InlineImage):
                described, decorative = _count_image(inline, described, decorative)
                pictures.append(inline.src)
            elif isinstance(inline, m.Link):
                links += 1
    meta = book.meta
    cover = "none" if not meta.cover_image else "decorative" if meta.cover_decorative else "described"
    if meta.cover_image:
        pictures.append(meta.cover_image)
    return Evidence(len(book.chapters), headings, described, decorative, cover, tables, captions, col_headers, row_headers,
                    coloured, links, sum(_moves(p) for p in set(pictures)))


def _count_image(image, described: int, decorative: int) -> tuple[int, int]:
    if image.decorative or not image.alt.strip():
        return described, decorative + 1
    return described + 1, decorative


def _moves(path: str) -> bool:
    """An animated GIF (more than one frame) or an SVG with animation elements."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return gif_frames(data) > 1
    return any(tag in data for tag in SVG_ANIMATION)


def gif_frames(data: bytes) -> int:
    """The number of image descriptors in a GIF, walking its blocks (no decoding)."""
    if len(data) < 13:
        return 0
    pos = 13
    if data[10] & 0x80:  # global colour table
        pos += 3 * (2 << (data[10] & 7))
    frames = 0
    while pos < len(data):
        kind = data[pos]
        if kind == 0x3B:  # trailer
            break
        if kind == 0x21:  # extension: label, then sub-blocks
            pos = _skip_sub_blocks(data, pos + 2)
        elif kind == 0x2C:  # image descriptor, optional local colour table, LZW size, sub-blocks
            frames += 1
            if pos + 10 > len(data):
                break
            flags = data[pos + 9]
            pos += 10 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
            pos = _skip_sub_blocks(data, pos + 1)
        else:
            break
    return frames


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    while pos < len(data) and data[pos]:
        pos += data[pos] + 1
    return pos + 1
