"""The model → Pandoc AST for the single HTML page: the shared converter, plus what only this page has.

- Chapters, case studies and practice themes become `<section>` elements (raw HTML around Pandoc
  blocks, so Pandoc never regroups them), each chapter ending with "Back to contents".
- Outcome chapters open with their icon (decorative: the heading names the chapter) in the chapter
  colour, and the outcome statement box.
- The printed edition's page anchors go at the start of the block where each PDF page begins. Blocks
  are counted in the order of `walk.iter_blocks`, which is the contract's numbering.
"""

from __future__ import annotations

from html import escape

from ... import model as m
from ..pandoc_ast import PandocConverter, text_inlines
from ..pagination import Page
from .page_marks import PageMarks

CONTENTS_ID = "contents"


def raw(html: str) -> dict:
    return {"t": "RawBlock", "c": ["html", html]}


def raw_inline(html: str) -> dict:
    return {"t": "RawInline", "c": ["html", html]}


def page_anchor(page: Page) -> str:
    """Visually hidden until it is the target of a link (`almanac.html#page-12`); read by screen readers.
    The id is the shared reader's, the one the EPUB page list uses for the same page."""
    return f'<span id="{escape(page.anchor)}" class="page-anchor">Page {escape(page.label)}</span>'


class HtmlConverter(PandocConverter):
    """PandocConverter with sections, chapter openers and printed-page anchors for the HTML page."""

    def __init__(self, marks: PageMarks, icon_src, **kwargs):
        super().__init__(offset=1, **kwargs)
        self.marks = marks
        self.icon_src = icon_src  # absolute icon path -> src relative to the page
        self._chapter = ""
        self._index = -1  # index of the block being converted, in iter_blocks order

    # ------------------------------------------------------------ chapters
    def chapter(self, chapter: m.Chapter) -> list[dict]:
        self._last_level = 1
        self._chapter, self._index = chapter.id, -1
        out = [raw(f'<section class="chapter chapter-{escape(chapter.kind)}" id="chapter-{escape(chapter.id)}">')]
        out += [raw(page_anchor(page)) for page in self.marks.pages(chapter.id, -1)]
        out += self.chapter_opening(chapter)
        out += self.blocks(chapter.blocks)
        out.append(raw(f'<p class="back-to-contents"><a href="#{CONTENTS_ID}">Back to contents</a></p>\n</section>'))
        return out

    def chapter_opening(self, chapter: m.Chapter) -> list[dict]:
        heading = [self.header(1, chapter.id, text_inlines(chapter.title), ["chapter-title"])]
        if chapter.icon:
            icon = f'<img class="chapter-icon" src="{escape(self.icon_src(chapter.icon))}" alt="" width="64" height="64">'
            heading = [raw(f'<div class="chapter-heading">\n<div class="chapter-icon-tile">{icon}</div>'),
                       *heading, raw("</div>")]
        if not chapter.outcome:
            return heading
        statement = [raw('<div class="outcome-statement">'),
                     {"t": "Para", "c": [raw_inline('<span class="outcome-label">'), *text_inlines("Outcome:"),
                                         raw_inline("</span>"), {"t": "Space"}, *text_inlines(chapter.outcome)]},
                     raw("</div>")]
        return heading + statement

    # ------------------------------------------------------------ blocks, counted for page anchors
    def block(self, block: m.Block) -> list[dict]:
        self._index += 1
        pages = self.marks.pages(self._chapter, self._index)
        out = super().block(block)
        return with_anchors(out, pages) if pages else out

    def b_CaseStudy(self, b: m.CaseStudy) -> list[dict]:
        level = self._last_level + 1
        body = [raw('<section class="case-study">'),
                self.header(level, b.id, text_inlines(b.organisation), ["case-study-title"])]
        if b.category:
            body.append({"t": "Para", "c": [raw_inline('<span class="case-study-label">'),
                                            *text_inlines("Category:"), raw_inline("</span>"), {"t": "Space"},
                                            *text_inlines(b.category)]})
        return body + self.blocks(b.blocks) + [raw("</section>")]

    def b_Practice(self, b: m.Practice) -> list[dict]:
        level = self._last_level + 1
        out = [raw('<div class="practice">')]
        for theme in b.themes:  # iter_blocks yields each theme as a block: count it
            self._index += 1
            pages = self.marks.pages(self._chapter, self._index)
            section = [self.header(level, theme.id, text_inlines(theme.title), ["theme-title"]),
                       {"t": "BulletList", "c": [self.blocks(action) for action in theme.actions]}]
            out += [raw('<section class="practice-theme">'), *with_anchors(section, pages), raw("</section>")]
        return out + [raw("</div>")]


def with_anchors(blocks: list[dict], pages: list[Page]) -> list[dict]:
    """Put page anchors at the start of the first paragraph, or just before the block (headings,
    tables, lists), so the anchor never becomes part of a heading's or table's name."""
    spans = "".join(page_anchor(page) for page in pages)
    if blocks and blocks[0]["t"] in ("Para", "Plain"):
        first = dict(blocks[0], c=[raw_inline(spans), *blocks[0]["c"]])
        return [first, *blocks[1:]]
    return [raw(spans), *blocks]
