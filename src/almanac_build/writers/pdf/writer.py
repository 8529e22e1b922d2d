"""The PDF editions: lay the book out with ReportLab in one pass (tagging while drawing), then write
the structure tree with pikepdf. The contents list's page numbers are form XObjects drawn when the
last page is done, so no second layout pass is needed."""

from __future__ import annotations

import os

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak

from ... import model as m
from ...diagnostics import Loc
from ...failures import element_failure
from ..base import BuildContext, Writer
from . import front, lists_figures, page_record
from .flowables import BlockBuilder, HorizontalLine
from .fonts import register_fonts
from .lists_figures import load_graphic
from .pages import LOGO_BOX_MM, AlmanacDoc, page_size
from .structtree import write_tree
from .styles import design, make_styles
from .tagging import StructElem, Tagger


class PdfWriter(Writer):
    large_print = False

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        lists_figures.PRINT_COPIES.clear()
        lists_figures.PRINT_COPIES.update(ctx.options.get("print_copies", {}))
        rl_config.invariant = 1  # no random ids or wall-clock dates: identical bytes for identical input
        fonts = register_fonts(ctx.theme)
        styles, values = make_styles(ctx.theme, fonts, self.large_print), design(ctx.theme, self.large_print)
        target = ctx.path(self.outputs[0])
        raw = target + ".rl"
        layout = Layout(book, ctx.theme, styles, values, fonts.regular)
        layout.edition = "large-print PDF" if self.large_print else "print PDF"
        doc = layout.build(raw)
        write_tree(raw, target, layout.root, layout.tagger, book.meta, ctx.epoch)
        os.remove(raw)
        if layout.tagger.untagged_text:
            raise RuntimeError(f"{layout.tagger.untagged_text} text objects were drawn without tags")
        if not self.large_print and ctx.data_dir:
            page_list = page_record.pages(doc.page, layout.tagger.records, doc.page_chapters)
            page_record.write(ctx.data_dir, os.path.basename(target), page_list)


class Layout:
    """One layout pass: a fresh structure tree and story (ReportLab consumes both while drawing)."""

    edition = "PDF"  # named in errors

    def __init__(self, book: m.Book, theme, styles: dict, values: dict, font: str):
        self.book, self.theme, self.styles, self.values, self.font = book, theme, styles, values, font
        self.root = StructElem("Document")
        self.tagger = Tagger(self.root)

    def build(self, filename: str) -> AlmanacDoc:
        meta = self.book.meta
        try:
            cover = front.cover_graphic(self.book, self.font, *page_size(self.theme))
        except Exception as exc:  # the cover picture: located at its file
            raise element_failure(exc, Loc(meta.cover_image), "the PDF writer") from None
        try:
            logo = load_graphic(self.theme.logo, self.font, *(v * mm for v in LOGO_BOX_MM), grow=True) \
                if self.theme.logo else None
        except Exception as exc:  # the theme's logo: located at its file
            raise element_failure(exc, Loc(self.theme.logo), "the PDF writer") from None
        doc = AlmanacDoc(filename, tagger=self.tagger, theme=self.theme, design=self.values, styles=self.styles,
                         cover=cover, logo=logo, title=meta.title, author=meta.publisher, subject=meta.description,
                         lang=meta.language, displayDocTitle=True, initialFontName=self.font,
                         creator="almanac_build")
        story = self.story(doc)
        try:
            doc.build(story)
        except Exception as exc:  # a library failing on one element: located there, if we know where
            raise element_failure(exc, self._loc(doc.last_start), "the PDF writer") from None
        return doc

    def _loc(self, text: str) -> Loc | None:
        """`source/chapters/x.md:12:1` (relative to the source folder's parent) as a Loc."""
        path, _, rest = text.partition(":")
        line, _, col = rest.partition(":")
        if not path or not line.isdigit():
            return None
        base = os.path.dirname(os.path.abspath(self.book.source_dir))
        return Loc(os.path.join(base, path), int(line), int(col) if col.isdigit() else 0)

    def story(self, doc: AlmanacDoc) -> list:
        book, styles, root = self.book, self.styles, self.root
        story = front.cover(book, styles, root, doc.height)
        story += [NextPageTemplate("front"), PageBreak()]
        story += front.contents(book, styles, root, self.tagger, doc.width, self.theme)
        builder = BlockBuilder(styles, self.theme, self.values, doc.width)
        builder.wide_width, builder.edition = doc.wide_width, self.edition
        icon = self.values["opener_icon_mm"] * 2.835
        base = os.path.dirname(os.path.abspath(book.source_dir)) if book.source_dir else ""
        for chapter in book.chapters:
            section = root.add("Sect")
            builder.start_chapter(chapter, base, section)
            if chapter.kind in ("outcome", "part"):  # a page of its own on the chapter's (or brand) colour
                opener = front.opener(chapter, styles, section, icon, base)
                story += opener if chapter.blocks else opener[:-1]  # a part that is its title alone: no blank page
            else:
                story += [NextPageTemplate("body"), front.ChapterStart(chapter), PageBreak(),
                          front.chapter_title(chapter, styles["ChapterTitle"], section, base),
                          HorizontalLine(doc.width, builder.colour, 2, styles["Body"].fontSize * 0.4)]
            story += builder.blocks(chapter.blocks, section)
        story += front.back_page(book, styles, root, self.theme)
        return story


class LargePrintPdfWriter(PdfWriter):
    large_print = True
