"""The designed pages: cover, contents (TOC > TOCI > Reference > Link, entries and page numbers both
links), chapter openers and the back page. Backgrounds are drawn by the page templates (pages.py)."""

from __future__ import annotations

from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from ... import model as m
from ...diagnostics import Loc
from ...failures import element_failure
from ...locales import month_year
from ..publication import block_lines
from .inlines import InlineMarkup
from .lists_figures import FigureFlowable, load_graphic
from .page_record import loc_text
from .paragraphs import TaggedParagraph
from .tables import make_table
from .tagging import StructElem, marked


class ChapterStart(ActionFlowable):
    """The chapter whose running head and colour the next pages use. An action, not a drawn flowable:
    a zero-size flowable at a full page's foot would start a page of its own."""

    def __init__(self, chapter: m.Chapter | None):
        super().__init__()
        self.chapter = chapter

    def apply(self, doc):
        doc._next_chapter = self.chapter


def publication_date(meta: m.Metadata) -> str:
    """'March 2023' (cy: 'Mawrth 2023'), from the table in locales.py, never the machine's locale."""
    return month_year(meta.date, meta.language)


def cover(book: m.Book, styles: dict, root: StructElem, height: float) -> list[Flowable]:
    meta = book.meta
    title = TaggedParagraph(f'<a name="top"/>{escape(meta.title)}', styles["Title"], elem=root.add("H1"))
    title._outline = (0, meta.title, "top")
    out: list[Flowable] = [Spacer(1, height * 0.02), title]
    for text, style in ((meta.subtitle, "Subtitle"), (meta.publisher, "CoverMeta"),
                        (publication_date(meta), "CoverMeta")):
        if text:
            out.append(TaggedParagraph(escape(text), styles[style], elem=root.add("P")))
    return out


def cover_graphic(book: m.Book, font: str, width: float, height: float):
    """The cover illustration, full page; decorative unless almanac.yaml gives it alt text."""
    if not book.meta.cover_image:
        return None
    return load_graphic(book.meta.cover_image, font, width, height, grow=True)


def contents(book: m.Book, styles: dict, root: StructElem, tagger, width: float, theme) -> list[Flowable]:
    """Each entry is one Link (TOCI > Reference > Link) with two annotations: title and page number."""
    heading = TaggedParagraph('<a name="contents"/>Contents', styles["ContentsTitle"], elem=root.add("H2"))
    heading._outline = (1, "Contents", "contents")
    toc, link = root.add("TOC"), InlineMarkup(theme.colour("link"))
    page_col = styles["TocPage"].fontSize * 3
    rows = []
    in_part = ParagraphStyle("TocEntryInPart", parent=styles["TocEntry"], leftIndent=styles["TocEntry"].fontSize * 1.5)
    part = ParagraphStyle("TocPart", parent=styles["TocEntry"], fontName=styles["Caption"].fontName)  # bold
    for chapter in book.chapters:
        target = toc.add("TOCI").add("Reference").add("Link")
        tagger.late_contents[id(target)] = partial(_entry_text, chapter, tagger)
        style = in_part if chapter.part else part if chapter.kind == "part" else styles["TocEntry"]
        rows.append([TaggedParagraph(link.link(f"#{chapter.id}", escape(chapter.title)), style,
                                     forced_link=target),
                     PageNumber(chapter.id, target, styles["TocPage"], page_col, theme.colour("link"))])
    pad = styles["TocEntry"].fontSize * 0.35
    commands = [("FONT", (0, 0), (-1, -1), styles["TocEntry"].fontName),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(theme.colour("rule"))),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    return [heading, make_table(rows, [width - page_col, page_col], commands)]


def _entry_text(chapter: m.Chapter, tagger) -> str:
    return f"{chapter.title} {tagger.anchor_pages[chapter.id]}"


class PageNumber(Flowable):
    """A contents entry's page number: a link whose digits are a form XObject drawn once the page is
    known (canvas.before_save), inside the Link's marked content. Saves a second layout pass."""

    def __init__(self, key: str, link: StructElem, style, width: float, colour: str):
        super().__init__()
        self.key, self.link, self.style, self.width, self.colour = key, link, style, width, colour
        self.height = style.leading

    def wrap(self, *_):
        return self.width, self.height

    def draw(self):
        canv, name = self.canv, f"page-of-{self.key}"
        if not canv.before_save or canv.before_save[-1] is not _define_numbers:
            canv.before_save.append(_define_numbers)
        canv._page_numbers = {**getattr(canv, "_page_numbers", {}), name: self}
        with marked(canv, self.link):
            canv.doForm(name)
        canv._link_override = (self.link, "")
        try:
            canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)
        finally:
            canv._link_override = None


def _define_numbers(canv) -> None:
    pages = canv._tagger.anchor_pages
    for name, ref in getattr(canv, "_page_numbers", {}).items():
        style, text = ref.style, str(pages[ref.key])
        baseline = ref.height - style.fontSize
        canv.beginForm(name, 0, 0, ref.width, ref.height)
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(HexColor(ref.colour))
        canv.drawRightString(ref.width, baseline, " " + text)  # the space keeps "Title 12" apart when read
        canv.setStrokeColor(HexColor(ref.colour))
        canv.setLineWidth(style.fontSize / 14)
        left = ref.width - canv.stringWidth(text, style.fontName, style.fontSize)
        canv.line(left, baseline - style.fontSize * 0.125, ref.width, baseline - style.fontSize * 0.125)
        canv.endForm()


def opener(chapter: m.Chapter, styles: dict, section: StructElem, icon_size: float, base: str) -> list[Flowable]:
    """An opener page on the chapter's colour (or the brand colour): an outcome chapter's icon (decorative),
    title and outcome statement; a part's title."""
    out: list[Flowable] = [NextPageTemplate("opener"), ChapterStart(chapter), PageBreak()]
    if chapter.icon:
        try:
            icon = load_graphic(chapter.icon, styles["Body"].fontName, icon_size, icon_size, grow=True)
        except Exception as exc:  # the chapter's icon: located at its file
            raise element_failure(exc, Loc(chapter.icon), "the PDF writer") from None
        out += [FigureFlowable(icon, None), Spacer(1, icon_size * 0.4)]
    out.append(chapter_title(chapter, styles["OpenerTitle"], section, base))
    if chapter.outcome:
        out.append(TaggedParagraph("Outcome:", styles["OpenerLabel"], elem=section.add("P")))
        out.append(TaggedParagraph(escape(chapter.outcome), styles["OpenerText"], elem=section.add("P")))
    return out + [NextPageTemplate("body"), PageBreak()]


def chapter_title(chapter: m.Chapter, style, section: StructElem, base: str) -> TaggedParagraph:
    title = TaggedParagraph(f'<a name="{chapter.id}"/>{escape(chapter.title)}', style, elem=section.add("H2"))
    title._outline = (2 if chapter.part else 1, chapter.title, chapter.id)  # a part's chapters under the part
    title._starts = ((chapter.id, -1, loc_text(chapter.loc, base) if chapter.loc else chapter.path),)
    return title


def back_page(book: m.Book, styles: dict, root: StructElem, theme) -> list[Flowable]:
    """The publication block (publication.py), one paragraph per line; the address's lines kept together."""
    meta = book.meta
    section = root.add("Sect")
    link = InlineMarkup(theme.colour("on_brand"))
    lines = [(escape(meta.publisher), "BackStrong")]
    if meta.contact.address:
        lines.append(("<br/>".join(escape(line) for line in meta.contact.address), "Back"))
    for piece in block_lines(meta)[1 + len(meta.contact.address):]:
        text = link.link(piece.href, escape(piece.text)) if piece.href else escape(piece.text)
        lines.append((f"{escape(piece.label)} {text}" if piece.label else text, "Back"))
    out: list[Flowable] = [NextPageTemplate("back"), ChapterStart(None), PageBreak()]
    out += [TaggedParagraph(text, styles[style], elem=section.add("P")) for text, style in lines]
    return out
