"""The tool's own document model: what each part of the almanac *is*, and where it came from.

The loader builds it once from Pandoc's AST; every writer and rule reads it. Nothing here knows about
any output format. Heading levels are chapter-relative: the chapter title is level 1, `##` is 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .diagnostics import Loc

# ---------------------------------------------------------------- inlines


@dataclass(slots=True)
class Text:
    text: str
    loc: Loc | None = None


@dataclass(slots=True)
class Emph:
    children: list[Inline]
    loc: Loc | None = None


@dataclass(slots=True)
class Strong:
    children: list[Inline]
    loc: Loc | None = None


@dataclass(slots=True)
class Code:
    text: str
    loc: Loc | None = None


@dataclass(slots=True)
class LineBreak:
    loc: Loc | None = None


@dataclass(slots=True)
class Link:
    """A link. `placeholder` marks the 2023 text's lost targets, written `(#)` in the source."""

    children: list[Inline]
    url: str
    title: str = ""
    loc: Loc | None = None

    @property
    def placeholder(self) -> bool:
        return self.url.strip() in ("", "#")

    @property
    def internal(self) -> bool:
        return self.url.startswith("#") and not self.placeholder


@dataclass(slots=True)
class Span:
    """Inline text with classes; `status-red|amber|green` mark traffic-light words."""

    children: list[Inline]
    classes: list[str] = field(default_factory=list)
    loc: Loc | None = None


@dataclass(slots=True)
class InlineImage:
    """An image inside running text (rare); alt text is required as for figures."""

    src: str
    alt: str
    decorative: bool = False
    loc: Loc | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    id: str = ""


Inline = Union[Text, Emph, Strong, Code, LineBreak, Link, Span, InlineImage]

# ---------------------------------------------------------------- blocks


@dataclass(slots=True)
class Heading:
    level: int
    children: list[Inline]
    id: str = ""
    loc: Loc | None = None


@dataclass(slots=True)
class Paragraph:
    children: list[Inline]
    loc: Loc | None = None


@dataclass(slots=True)
class ListBlock:
    """A bullet (`ordered=False`) or numbered list; each item is a list of blocks."""

    items: list[list[Block]]
    ordered: bool = False
    start: int = 1
    loc: Loc | None = None
    tight: bool = False  # CommonMark's tight list (no blank line between items): its items are not spaced as paragraphs


@dataclass(slots=True)
class BlockQuote:
    blocks: list[Block]
    loc: Loc | None = None


@dataclass(slots=True)
class CodeBlock:
    text: str
    loc: Loc | None = None


@dataclass(slots=True)
class ThematicBreak:
    """A horizontal rule between sections (`---` in Markdown)."""

    loc: Loc | None = None


@dataclass(slots=True)
class Cell:
    blocks: list[Block]
    header: bool = False
    status: str = ""  # "red" | "amber" | "green" | ""
    colspan: int = 1
    rowspan: int = 1
    loc: Loc | None = None


@dataclass(slots=True)
class Table:
    """A data table. `head` rows hold column headers; `row_header_cols` leading body cells are row headers."""

    head: list[list[Cell]]
    body: list[list[Cell]]
    caption: str = ""
    description: str = ""
    row_header_cols: int = 0
    id: str = ""
    loc: Loc | None = None

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.grid()), default=0)

    def grid(self) -> list[list[Cell | None]]:
        """Head and body rows laid on a rectangular grid: each cell at its top-left position, the
        positions it spans (rowspan/colspan) and any missing trailing positions as None."""
        rows = self.head + self.body
        taken: dict[tuple[int, int], bool] = {}
        placed: list[dict[int, Cell]] = [{} for _ in rows]
        for r, row in enumerate(rows):
            col = 0
            for cell in row:
                while taken.get((r, col)):
                    col += 1
                placed[r][col] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken[(r + dr, col + dc)] = True
                col += cell.colspan
        width = max((c + 1 for (_, c) in taken), default=0)
        return [[placed[r].get(c) for c in range(width)] for r in range(len(rows))]


@dataclass(slots=True)
class Figure:
    """An image on its own line. `src` is the absolute path of a file inside `source/`."""

    src: str
    alt: str
    decorative: bool = False
    caption: str = ""
    id: str = ""
    loc: Loc | None = None


@dataclass(slots=True)
class CaseStudy:
    """A "What have other councils done?" entry."""

    organisation: str
    category: str
    councils: list[str]
    blocks: list[Block]
    id: str = ""
    loc: Loc | None = None


@dataclass(slots=True)
class PracticeTheme:
    """One theme of a Practice block, with its actions (not a design theme: that is styles.Theme)."""

    title: str
    actions: list[list[Block]]
    id: str = ""
    loc: Loc | None = None


@dataclass(slots=True)
class Practice:
    """"How to start putting this ambition into practice": themes, each with its actions."""

    themes: list[PracticeTheme]
    loc: Loc | None = None


@dataclass(slots=True)
class Generated:
    """A block the build fills from data (`outcomes-overview`, `leader-checklist`, `council-table`)."""

    what: str
    attrs: dict[str, str]
    loc: Loc | None = None


Block = Union[Heading, Paragraph, ListBlock, BlockQuote, CodeBlock, ThematicBreak, Table, Figure, CaseStudy, Practice,
              Generated]

# ---------------------------------------------------------------- book


# Chapter kinds (front matter `kind:`). Any document has chapters, front matter, annexes (or appendices) and
# parts; `outcome` is the almanac's own kind, a chapter with an outcome statement, a colour and an icon.
CHAPTER_KINDS = ("chapter", "front", "part", "annex", "appendix", "outcome")
BACK_MATTER_KINDS = ("annex", "appendix")


@dataclass(slots=True)
class Chapter:
    """A chapter file. A `part` is a chapter too: its file is the part's landing page, and the chapters
    after it (up to the next part or the first annex/appendix) belong to it, named by `part`."""

    id: str
    title: str
    kind: str  # one of CHAPTER_KINDS
    blocks: list[Block]
    path: str
    outcome: str = ""
    leader_check: str = ""
    colour: str = ""
    icon: str = ""  # absolute path or ""
    short_title: str = ""
    loc: Loc | None = None
    part: str = ""  # the id of the part this chapter belongs to, "" when none

    @property
    def back_matter(self) -> bool:
        return self.kind in BACK_MATTER_KINDS


@dataclass(slots=True)
class Council:
    id: str
    name: str
    type: str
    region: str
    contributor: bool = False
    notable_practice: bool = False
    loc: Loc | None = None


@dataclass(slots=True)
class Contact:
    """The publisher's contact details; every one is optional and the furniture showing them adapts."""

    address: list[str] = field(default_factory=list)  # the lines of the postal address, as written
    telephone: str = ""
    email: str = ""
    web: str = ""

    @property
    def address_line(self) -> str:
        """The address on one line, its lines joined by commas (footers, contact sentences)."""
        return ", ".join(self.address)


@dataclass(slots=True)
class Metadata:
    """Publication details from almanac.yaml. Only title, publisher, date and language are required;
    the other texts are "" when the source leaves them out, and nothing prints a label for an empty one."""

    title: str
    subtitle: str
    publisher: str
    edition: str
    date: str
    language: str
    identifier: str
    description: str
    contact: Contact
    copyright: str
    other_formats: str
    cover_image: str = ""
    cover_alt: str = ""
    cover_decorative: bool = False
    reference: str = ""  # the publisher's reference for the publication, printed on the back page
    slug: str = "publication"  # output file names: {slug}.pdf, {slug}.html …
    kind: str = "publication"  # what readers call it: "this guide", "Download this almanac"
    keywords: list[str] = field(default_factory=list)  # document properties (DOCX)
    statement: str = "uk-public-sector"  # the accessibility statement's frame: UK regulations, or plain WCAG


# Alt text longer than this is a notice (img-alt-too-long: GOV.WALES "no longer than around 125
# characters"); alt text the tool writes itself (the EPUB cover) keeps within it.
ALT_TEXT_LIMIT = 125


@dataclass(slots=True)
class Book:
    meta: Metadata
    chapters: list[Chapter]
    councils: list[Council]
    source_dir: str = ""
    warnings: list = field(default_factory=list)
    theme: object = None  # styles.Theme: the tool's defaults with the publication's theme.yaml merged over them

    def part_of(self, chapter: Chapter) -> Chapter | None:
        """The part a chapter belongs to, if any."""
        return next((c for c in self.chapters if c.kind == "part" and c.id == chapter.part), None)

    def in_part(self, part: Chapter) -> list[Chapter]:
        """The chapters of a part, in reading order."""
        return [c for c in self.chapters if c.part == part.id and c is not part]

    def contents(self) -> list[tuple[Chapter, list[Chapter]]]:
        """The chapters as every contents list nests them: each part with its chapters under it, every
        other chapter on its own (with no chapters under it)."""
        return [(c, self.in_part(c) if c.kind == "part" else []) for c in self.chapters if not c.part]
