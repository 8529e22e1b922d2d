"""The neutral view of one document: what every format has in common, as plain lists.

Each format's reader (views/source.py, html.py, epub.py, docx.py, pdf.py) fills one `View`; a rule
that runs on several formats reads only these lists, never the format itself. Text that a reader
cannot recover (e.g. a PDF element whose text is not extractable) is `None`, and rules skip it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Loc


@dataclass(frozen=True)
class Where:
    """A place in one output (or the source): `file` plus a `pointer` a reviewer can follow
    (an HTML id or selector, EPUB file#id, DOCX paragraph index, PDF page and structure path),
    and the source location it came from when that can be traced."""

    format: str
    file: str
    pointer: str = ""
    source: Loc | None = None
    # How `source` was found: "identity" (the model id the writer kept on the element, or its place in a
    # table found that way); the fallbacks "text" (matched by its text within its section), "position"
    # (the n-th image under its heading) and "section" (only the heading or block it sits in is known);
    # "" for the source itself.
    traced: str = ""

    def __str__(self) -> str:
        return f"{self.file} {self.pointer}".strip()


@dataclass
class Heading:
    level: int
    text: str | None
    where: Where
    context: str = "body"


@dataclass
class Image:
    alt: str | None  # None: no alt attribute / no description at all
    decorative: bool
    src: str
    where: Where
    caption: str = ""
    context: str = ""  # text of the nearest paragraph, list item, cell or link around the image
    in_link: bool = False
    title: str = ""
    nearby: tuple[str, ...] = ()  # text of the paragraphs just before and after a stand-alone image


@dataclass
class Link:
    text: str
    href: str
    where: Where
    sentence: str = ""  # the sentence the link sits in
    paragraph: str = ""
    after: str = ""  # text straight after the link (for "(PDF, 2MB)")
    placeholder: bool = False
    image_alt: str | None = None  # for an image link: the image's alt


@dataclass
class Cell:
    text: str
    header: bool
    where: Where
    scope: str = ""
    colour: str = ""  # a fill or text colour that is not the default ("" = none)
    row: int = 0
    col: int = 0


@dataclass
class Table:
    caption: str | None
    rows: list[list[Cell]]
    where: Where
    header_rows_marked: bool | None = None  # DOCX: first row is a repeating header row


@dataclass
class Block:
    """A paragraph-like block of running text. `context` is body, cell, list, caption, quote or callout."""

    text: str
    where: Where
    context: str = "body"
    emphasised: bool = False  # wholly bold/italic/underlined
    single_line: bool = True
    lines: tuple[str, ...] = ()
    next_kind: str = ""  # kind of the next block: p, list, heading, table, figure, "" at the end
    next_text: str = ""
    has_link: bool = False
    justified: bool = False
    font_size: float | None = None  # points, where the format says
    section: int = 0  # how many headings come before it (groups blocks by section)


@dataclass
class View:
    format: str  # S H E D P
    file: str
    title: str | None = None
    title_where: Where | None = None
    langs: list[tuple[str | None, Where]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    list_problems: list[tuple[Where, str]] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # format-level facts (PDF catalog, EPUB package …)

    def here(self, pointer: str = "", source: Loc | None = None, traced: str = "") -> Where:
        if source is not None and not traced and self.format != "S":
            traced = "section"
        return Where(self.format, self.file, pointer, source, traced if source is not None else "")
