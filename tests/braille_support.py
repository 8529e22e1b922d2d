"""Reading a braille edition back, for the tests: its pages, its print page indicators, its text as
liblouis back-translates it, and the share of the source's word 4-grams that text recovers."""

from __future__ import annotations

import re
import unicodedata

from almanac_build import model as m
from almanac_build.walk import iter_blocks
from almanac_build.writers.braille.layout import PAGE_INDICATOR_FILL
from almanac_build.writers.braille.linearise import NOTE_CLOSE, NOTE_OPEN, inline_text
from almanac_build.writers.braille.translator import BLANK, Translator, from_brf


def pages(brf: str) -> list[list[str]]:
    """Each page's lines as Unicode braille (the file: CR LF after each line, a form feed after each page)."""
    assert brf.endswith("\f")
    return [[from_brf(line) for line in page.split("\r\n")[:-1]] for page in brf.split("\f")[:-1]]


def is_indicator(line: str) -> bool:
    return line.startswith(PAGE_INDICATOR_FILL * 3)


def indicators(page_lines: list[list[str]], tr: Translator) -> list[str]:
    """The print page numbers of the indicators, in order, back-translated."""
    return [tr.back(line.lstrip(PAGE_INDICATOR_FILL)) for page in page_lines for line in page if is_indicator(line)]


def body_text(page_lines: list[list[str]], tr: Translator) -> str:
    """Everything but indicators and page-number lines, back-translated line by line (layout ignored)."""
    out = []
    for page in page_lines:
        for line in page[:-1]:
            if line.strip(BLANK) and not is_indicator(line):
                out.append(tr.back(line.replace(NOTE_OPEN, "").replace(NOTE_CLOSE, "").strip(BLANK)))
    return " ".join(out)


def words(text: str) -> list[str]:
    # liblouis reads dots 2-5 after letters back as the contraction "cc", never as a colon: "https://" comes
    # back as "httpscc//". A known ambiguity of back-translation, not of the braille, so it is undone here.
    text = unicodedata.normalize("NFKD", text).lower().replace("cc//", "://")
    return re.findall(r"[a-z0-9]+", text)


def grams(tokens: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def source_passages(book: m.Book) -> list[str]:
    """What the braille edition must say, block by block: the model's text, links with their addresses
    (inline_text), described pictures' alt text; decorative pictures say nothing."""
    out = []
    for chapter in book.chapters:
        out += [chapter.title, chapter.outcome]
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, (m.Paragraph, m.Heading)):
                out.append(inline_text(block.children))
            elif isinstance(block, m.Table):
                out += [block.caption, block.description]
            elif isinstance(block, m.Figure) and not block.decorative:
                out.append(block.alt)
            elif isinstance(block, m.CaseStudy):
                out += [block.organisation, block.category]
            elif isinstance(block, m.PracticeTheme):
                out.append(block.title)
            elif isinstance(block, m.CodeBlock):
                out.append(block.text)
    return [p for p in out if p]


def recovery(book: m.Book, page_lines: list[list[str]], tr: Translator) -> tuple[int, int, list]:
    """(4-grams recovered, 4-grams in the source, a few that were not) over the source's passages."""
    found = grams(words(body_text(page_lines, tr)))
    wanted: set = set()
    for passage in source_passages(book):
        wanted |= grams(words(passage))
    missing = sorted(wanted - found)
    return len(wanted) - len(missing), len(wanted), missing[:20]
