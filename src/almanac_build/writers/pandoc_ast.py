"""The model → Pandoc JSON, for the writers that let Pandoc do the serialising (HTML, DOCX, EPUB).

Heading levels: the model's are chapter-relative (chapter title = 1). `offset` shifts them, so the
single-page HTML can put the almanac title at h1 and chapters at h2. Case studies and practice themes
get a heading one level below the heading they follow, so levels never skip.

Placeholder links (`(#)` in the source) become plain text: a reader must never meet a dead link.
"""

from __future__ import annotations

from .. import model as m

API_VERSION = [1, 23, 1, 1]


def attr(id_: str = "", classes: list[str] | None = None, kv: dict[str, str] | None = None) -> list:
    return [id_, classes or [], [[k, v] for k, v in (kv or {}).items()]]


def text_inlines(text: str) -> list[dict]:
    """Plain text as one Pandoc Str, spaces and all. Pandoc's HTML writer gives exactly what a Str per
    word with Space between gave (the HTML and EPUB are byte for byte the same), and its DOCX writer the
    same text in fewer runs; the JSON sent to Pandoc is half the size, and a cold `almanac check` spends
    0.45 s less CPU (docs/performance.md)."""
    return [{"t": "Str", "c": text}] if text else []


class PandocConverter:
    """Turns a Book into one Pandoc document. Writers may override the small `chapter_*` hooks."""

    def __init__(self, offset: int = 0, image_src=lambda path: path):
        self.offset = offset
        self.image_src = image_src  # maps an absolute source path to the path the output refers to
        self._last_level = 1

    # ------------------------------------------------------------ document
    def document(self, book: m.Book, meta: dict | None = None) -> dict:
        blocks: list[dict] = []
        for chapter in book.chapters:
            blocks.extend(self.chapter(chapter))
        return {"pandoc-api-version": API_VERSION, "meta": meta or {}, "blocks": blocks}

    def chapter(self, chapter: m.Chapter) -> list[dict]:
        self._last_level = 1
        body = self.chapter_opening(chapter) + self.blocks(chapter.blocks)
        return [{"t": "Div", "c": [attr(f"chapter-{chapter.id}", ["chapter", chapter.kind]), body]}]

    def chapter_opening(self, chapter: m.Chapter) -> list[dict]:
        out = [self.header(1, chapter.id, text_inlines(chapter.title), ["chapter-title"])]
        if chapter.outcome:
            out.append({"t": "Div", "c": [attr("", ["outcome"]), [  # one paragraph: a bold line alone reads as a heading
                {"t": "Para", "c": [{"t": "Strong", "c": text_inlines("Outcome:")}, {"t": "Space"},
                                    *text_inlines(chapter.outcome)]}]]})
        return out

    def header(self, level: int, id_: str, inlines: list[dict], classes: list[str] | None = None) -> dict:
        return {"t": "Header", "c": [min(level + self.offset, 6), attr(id_, classes), inlines]}

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: list[m.Block]) -> list[dict]:
        out: list[dict] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block: m.Block) -> list[dict]:
        return getattr(self, f"b_{type(block).__name__}")(block)

    def b_Heading(self, b: m.Heading) -> list[dict]:
        self._last_level = b.level
        return [self.header(b.level, b.id, self.inlines(b.children))]

    def b_Paragraph(self, b: m.Paragraph) -> list[dict]:
        return [{"t": "Para", "c": self.inlines(b.children)}]

    def b_ListBlock(self, b: m.ListBlock) -> list[dict]:
        items = [self.blocks(item) for item in b.items]
        if b.tight:  # Pandoc's Plain: the item's text without a paragraph's spacing
            items = [[{"t": "Plain", "c": x["c"]} if x["t"] == "Para" else x for x in item] for item in items]
        if b.ordered:
            return [{"t": "OrderedList", "c": [[b.start, {"t": "Decimal"}, {"t": "Period"}], items]}]
        return [{"t": "BulletList", "c": items}]

    def b_BlockQuote(self, b: m.BlockQuote) -> list[dict]:
        return [{"t": "BlockQuote", "c": self.blocks(b.blocks)}]

    def b_CodeBlock(self, b: m.CodeBlock) -> list[dict]:
        return [{"t": "CodeBlock", "c": [attr(), b.text]}]

    def b_ThematicBreak(self, b: m.ThematicBreak) -> list[dict]:
        return [{"t": "HorizontalRule"}]

    def b_Generated(self, b: m.Generated) -> list[dict]:  # expanded by the loader; kept for safety
        return []

    def b_CaseStudy(self, b: m.CaseStudy) -> list[dict]:
        level = self._last_level + 1
        body = [self.header(level, b.id, text_inlines(b.organisation), ["case-study-title"])]
        if b.category:
            body.append({"t": "Para", "c": [{"t": "Strong", "c": text_inlines("Category:")}, {"t": "Space"},
                                            *text_inlines(b.category)]})
        body += self.blocks(b.blocks)
        return [{"t": "Div", "c": [attr("", ["case-study"]), body]}]

    def b_Practice(self, b: m.Practice) -> list[dict]:
        level = self._last_level + 1
        body: list[dict] = []
        for theme in b.themes:
            body.append(self.header(level, theme.id, text_inlines(theme.title), ["theme-title"]))
            body.append({"t": "BulletList", "c": [self.blocks(action) for action in theme.actions]})
        return [{"t": "Div", "c": [attr("", ["practice"]), body]}]

    def b_Figure(self, b: m.Figure) -> list[dict]:
        image = self.image(b.src, "" if b.decorative else b.alt, b.decorative)
        if not b.caption:
            return [{"t": "Para", "c": [image]}]
        caption = [None, [{"t": "Plain", "c": text_inlines(b.caption)}]]
        return [{"t": "Figure", "c": [attr(b.id), caption, [{"t": "Plain", "c": [image]}]]}]

    def b_Table(self, b: m.Table) -> list[dict]:
        columns = b.columns
        specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(columns)]
        caption = [None, [{"t": "Plain", "c": text_inlines(b.caption)}]] if b.caption else [None, []]
        head = [attr(), [self.row(r) for r in b.head]]
        body = [[attr(), b.row_header_cols, [], [self.row(r) for r in b.body]]]
        out = [{"t": "Table", "c": [attr(b.id), caption, specs, head, body, [attr(), []]]}]
        if b.description:
            out.append({"t": "Div", "c": [attr("", ["table-description"]),
                                          [{"t": "Para", "c": text_inlines(b.description)}]]})
        return out

    def row(self, cells: list[m.Cell]) -> list:
        return [attr(), [self.cell(c) for c in cells]]

    def cell(self, c: m.Cell) -> list:
        classes = [f"status-{c.status}"] if c.status else []
        blocks = self.blocks(c.blocks)
        if len(blocks) == 1 and blocks[0]["t"] == "Para":
            blocks = [{"t": "Plain", "c": blocks[0]["c"]}]
        return [attr("", classes), {"t": "AlignDefault"}, c.rowspan, c.colspan, blocks]

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes: list[m.Inline]) -> list[dict]:
        out: list[dict] = []
        for node in nodes:
            out.extend(self.inline(node))
        return out

    def inline(self, n: m.Inline) -> list[dict]:
        if isinstance(n, m.Text):
            return text_inlines(n.text)
        if isinstance(n, m.Emph):
            return [{"t": "Emph", "c": self.inlines(n.children)}]
        if isinstance(n, m.Strong):
            return [{"t": "Strong", "c": self.inlines(n.children)}]
        if isinstance(n, m.Code):
            return [{"t": "Code", "c": [attr(), n.text]}]
        if isinstance(n, m.LineBreak):
            return [{"t": "LineBreak"}]
        if isinstance(n, m.Span):
            return [{"t": "Span", "c": [attr("", n.classes), self.inlines(n.children)]}]
        if isinstance(n, m.InlineImage):
            return [self.image(n.src, "" if n.decorative else n.alt, n.decorative)]
        if isinstance(n, m.Link):
            return self.link(n)
        raise TypeError(f"unknown inline {type(n).__name__}")

    def link(self, n: m.Link) -> list[dict]:
        if n.placeholder:
            return [{"t": "Span", "c": [attr("", ["link-placeholder"]), self.inlines(n.children)]}]
        return [{"t": "Link", "c": [attr(), self.inlines(n.children), [n.url, n.title]]}]

    def image(self, src: str, alt: str, decorative: bool) -> dict:
        classes = ["decorative"] if decorative else []
        return {"t": "Image", "c": [attr("", classes), text_inlines(alt), [self.image_src(src), ""]]}

