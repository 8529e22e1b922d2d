"""The EPUB's content documents: one XHTML file per chapter, with the same semantic markup as the HTML
edition (headings, tables with caption and `th scope`, alt text, links) plus EPUB semantics (section
types, page-break markers).

Heading scheme: the title page holds the publication's only `h1`; every chapter file starts at `h2`
and `##` is `h3`, as in the HTML and PDF editions. Heading levels therefore describe the whole
publication, read across the spine, not restart in each file (DAISY Knowledge Base, "Headings").

Pandoc converts the whole book in one run; lxml then splits it by chapter and finishes each file.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from ... import model as m
from ...source import pandoc
from ..pagination import Page
from .pages import MARKER_CLASS, PagedConverter
from .xhtml import EPUB_NS, XHTML_NS, document, parse_xml

# epub:type and DPUB-ARIA role of each chapter kind's section (model.CHAPTER_KINDS)
SECTION_TYPES = {"chapter": ("chapter", "doc-chapter"), "front": ("chapter", "doc-chapter"),
                 "outcome": ("chapter", "doc-chapter"), "part": ("part", "doc-part"),
                 "annex": ("appendix", "doc-appendix"), "appendix": ("appendix", "doc-appendix")}


@dataclass
class ChapterDoc:
    chapter: m.Chapter
    name: str  # path inside the EPUB's content folder, e.g. text/02-connectivity.xhtml
    tree: etree._Element

    @property
    def ids(self) -> set[str]:
        return {e.get("id") for e in self.tree.iter() if e.get("id")}


def chapter_name(index: int, chapter: m.Chapter) -> str:
    return f"text/{index + 1:02d}-{chapter.id}.xhtml"


def chapter_documents(book: m.Book, pages: list[Page], image_href: dict[str, str],
                      stylesheet: str, tiles: dict[str, str]) -> list[ChapterDoc]:
    """Every chapter as a finished XHTML tree, internal links pointing into the right file. `tiles`
    maps a chapter id to its icon tile, shown (decorative) before the chapter title."""
    converter = PagedConverter(pages, offset=1, image_src=lambda p: image_href[p])
    body = pandoc.convert(converter.document(book), "html5", ["--wrap=none"])
    divs = lxml_html.fragment_fromstring(body, create_parent="div").findall("div")
    docs = []
    for index, (chapter, div) in enumerate(zip(book.chapters, divs, strict=True)):
        title = f"{chapter.title} – {book.meta.title}"
        inner = "".join(etree.tostring(child, method="xml", encoding="unicode") for child in div)
        kind, role = SECTION_TYPES[chapter.kind]
        section = (f'<section id="{div.get("id")}" epub:type="{kind}" role="{role}" '
                   f'aria-labelledby="{chapter.id}">{inner}</section>')
        tree = parse_xml(document(title, book.meta.language, stylesheet, section, body_type(chapter)))
        _finish(tree)
        if chapter.id in tiles:
            _add_tile(tree, chapter.id, tiles[chapter.id])
        docs.append(ChapterDoc(chapter, chapter_name(index, chapter), tree))
    _link_across_files(docs)
    return docs


def body_type(chapter: m.Chapter) -> str:
    """The EPUB structural division a chapter's file belongs to."""
    return "frontmatter" if chapter.kind == "front" else "backmatter" if chapter.back_matter else "bodymatter"


def _finish(tree: etree._Element) -> None:
    """What Pandoc's HTML lacks for an accessible EPUB."""
    x = f"{{{XHTML_NS}}}"
    for image in tree.iter(f"{x}img"):
        if image.get("alt") is None:
            image.set("alt", "")  # Pandoc drops an empty alt; decorative images need alt=""
    for cell in tree.iter(f"{x}th"):
        cell.set("scope", "col" if cell.getparent().getparent().tag == f"{x}thead" else "row")
    for table in tree.iter(f"{x}table"):
        after = table.getnext()
        if table.get("id") and after is not None and "table-description" in (after.get("class") or "").split():
            after.set("id", f"{table.get('id')}-description")  # read with the table, after its caption
            table.set("aria-describedby", after.get("id"))
    for span in tree.iter(f"{x}span"):
        if MARKER_CLASS in (span.get("class") or "").split():
            label = span.attrib.pop("data-label")
            del span.attrib["class"]
            span.set(f"{{{EPUB_NS}}}type", "pagebreak")
            span.set("role", "doc-pagebreak")
            span.set("aria-label", label)


def _add_tile(tree: etree._Element, heading_id: str, href: str) -> None:
    heading = tree.find(f".//{{{XHTML_NS}}}*[@id='{heading_id}']")
    image = etree.Element(f"{{{XHTML_NS}}}img", {"class": "chapter-icon", "src": href, "alt": "",
                                                  "width": "64", "height": "64"})
    heading.addprevious(image)


def _link_across_files(docs: list[ChapterDoc]) -> None:
    """A source link `#id` may point into another chapter, which is now another file."""
    owner = {id_: doc.name for doc in docs for id_ in doc.ids}
    for doc in docs:
        here = doc.ids
        for link in doc.tree.iter(f"{{{XHTML_NS}}}a"):
            href = link.get("href") or ""
            target = href[1:]
            if href.startswith("#") and target not in here and target in owner:
                link.set("href", f"{owner[target].split('/')[-1]}#{target}")
