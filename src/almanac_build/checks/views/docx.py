"""The DOCX edition as a neutral view: python-docx for styles and properties, lxml for the rest."""

from __future__ import annotations

import functools
import os
import re

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import ns

qn = functools.lru_cache(maxsize=None)(ns.qn)  # the reader asks for the same few dozen names 70,000 times

from ... import glyphs
from ...writers.docx.fonts import embedded_fonts
from ..textutil import squash
from ..view import Block, Cell, Heading, Image, Link, Table, View
from .coverage import undrawable_in_view
from .theme import theme_loc

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_HEADING_STYLE = re.compile(r"^heading ?([1-9])$", re.I)
_P_STYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"


def docx_view(output_dir: str, tracer, name: str = "almanac.docx") -> View | None:
    path = os.path.join(output_dir, name)
    if not os.path.isfile(path):
        return None
    document = docx.Document(path)
    view = View("D", name)
    props = document.core_properties
    view.title, view.title_where = squash(props.title) or None, view.here("docProps/core.xml dc:title")
    default_lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    view.langs.append(((default_lang.get(qn("w:val")) or None) if default_lang is not None else None,
                       view.here("styles.xml w:docDefaults/w:lang")))
    _DocxReader(view, document, tracer).read()
    view.facts["undrawable"] = undrawable_in_view(view, [glyphs.charset_of(f) for f in embedded_fonts(document)])
    return view


def _has_title(document) -> bool:
    """A Title paragraph at the top level: `document.paragraphs` and `Paragraph.style`, with each
    style id looked up once."""
    names = {}
    for p in document.element.body.p_lst:
        sid = _style_id(p)
        if sid not in names:
            style = document.styles.get_by_id(sid, WD_STYLE_TYPE.PARAGRAPH)
            names[sid] = style.name if style is not None else None
    return "Title" in names.values()


def _style_id(p) -> str | None:
    """A paragraph's w:pPr/w:pStyle/@w:val (python-docx's `CT_P.style`, without its accessors)."""
    found = p.find(_P_STYLE)
    return found.get(qn("w:val")) if found is not None else None


class _DocxReader:
    def __init__(self, view: View, document, tracer):
        self.view, self.document, self.tracer = view, document, tracer
        self.rels = {r.rId: r.target_ref for r in document.part.rels.values()}
        self.has_title = _has_title(document)
        self.near = None
        self.heading, self.images_seen = None, 0  # source of the last heading; pictures met since it
        # python-docx finds a style by an XPath over styles.xml on every call: look each one up once
        self.style_elements = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
        self._names: dict[str | None, str] = {}
        self._values: dict[tuple[str | None, str], str | None] = {}
        self._sizes: dict[str, float | None] = {}

    def read(self) -> None:
        body = self.document.element.body
        paragraphs = list(body.iter(qn("w:p")))
        styles = {p: self._style_name(p) for p in paragraphs}
        sizes: dict[float, int] = {}
        index = t_index = 0
        for el in body.iter(qn("w:p"), qn("w:tbl")):  # document order, so tables trace to the heading above
            if el.tag == qn("w:tbl"):
                t_index += 1
                self._table(el, t_index)
            else:
                index += 1
                self._paragraph(el, index, styles, paragraphs, sizes)
        if sizes:
            size = max(sizes, key=sizes.get)
            self.view.facts["body_size"] = (size, self.view.here("body text (most used size)",
                                                                 theme_loc("sizes", "body")))
        self.view.facts["colour_pairs"] = self._run_colours(body)
        plain = [r for h in body.iter(qn("w:hyperlink")) for r in h.iter(qn("w:r")) if not self._underlined(r)]
        if plain:
            self.view.facts["links_not_underlined"] = [self.view.here(
                f"{len(plain)} hyperlink run(s), e.g. “{''.join(t.text or '' for t in plain[0].iter(qn('w:t')))[:40]}”")]

    def _underlined(self, run) -> bool:
        """A direct w:u, or one from the run's character style (Word's Hyperlink style)."""
        rpr = run.find(qn("w:rPr"))
        direct = rpr.find(qn("w:u")) if rpr is not None else None
        if direct is not None:
            return direct.get(qn("w:val"), "single") != "none"
        r_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        styled = self._style_value(r_style.get(qn("w:val")) if r_style is not None else None,
                                   f"{qn('w:rPr')}/{qn('w:u')}")
        return styled is not None and styled != "none"

    def _style_value(self, style_id: str | None, path: str) -> str | None:
        """A run property from a style, following basedOn (Word's own inheritance)."""
        key = (style_id, path)
        if key not in self._values:
            self._values[key] = self._find_style_value(style_id, path)
        return self._values[key]

    def _find_style_value(self, style_id: str | None, path: str) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.style_elements.get(style_id)
            if style is None:
                return None
            found = style.find(path)
            if found is not None:
                return found.get(qn("w:val")) or found.get(qn("w:fill"))
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return None

    def _run_colours(self, body) -> list:
        """Every text colour the document actually uses, against the shading behind it (cell,
        paragraph or white): the pairs a reader meets, from direct formatting and from styles."""
        pairs, seen = [], set()
        for index, p in enumerate(body.iter(qn("w:p")), start=1):
            p_style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            p_style = p_style.get(qn("w:val")) if p_style is not None else "Normal"
            for run in p.iter(qn("w:r")):
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                if not text.strip():
                    continue
                colour = self._run_colour(run, p_style)
                if not colour or colour == "auto":
                    continue
                large = self._large(run, p_style)
                fill = self._fill(run, p_style)
                if (colour, fill, large) not in seen:
                    seen.add((colour, fill, large))
                    pairs.append((f"text “{text[:30]}” (first of its colours)", f"#{colour}", f"#{fill}", large,
                                  self.view.here(f"paragraph {index}")))  # a style's colour, not a source line
        return pairs

    def _run_colour(self, run, p_style: str) -> str | None:
        rpr = run.find(qn("w:rPr"))
        r_style = rpr.find(qn("w:rStyle")).get(qn("w:val")) if rpr is not None and rpr.find(qn("w:rStyle")) is not None else None
        direct = rpr.find(qn("w:color")) if rpr is not None else None
        return direct.get(qn("w:val")) if direct is not None else (
            self._style_value(r_style, f"{qn('w:rPr')}/{qn('w:color')}") or
            self._style_value(p_style, f"{qn('w:rPr')}/{qn('w:color')}"))

    def _large(self, run, p_style: str) -> bool:
        """Large text in WCAG's sense: 18 pt, or 14 pt and bold."""
        rpr = run.find(qn("w:rPr"))
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        points = int(size.get(qn("w:val"))) / 2 if size is not None else int(
            self._style_value(p_style, f"{qn('w:rPr')}/{qn('w:sz')}") or 24) / 2
        bold = (rpr is not None and rpr.find(qn("w:b")) is not None) or \
            self._style_value(p_style, f"{qn('w:rPr')}/{qn('w:b')}") is not None
        return points >= 18 or (bold and points >= 14)

    def _fill(self, run, p_style: str) -> str:
        for ancestor in run.iterancestors(qn("w:tc"), qn("w:p")):
            props = qn("w:tcPr") if ancestor.tag == qn("w:tc") else qn("w:pPr")
            shd = ancestor.find(f"{props}/{qn('w:shd')}")
            if shd is not None and shd.get(qn("w:fill")) not in (None, "auto"):
                return shd.get(qn("w:fill"))
        styled = self._style_value(p_style, f"{qn('w:pPr')}/{qn('w:shd')}")
        return styled if styled and styled != "auto" else "FFFFFF"

    def _style_name(self, p) -> str:
        sid = _style_id(p)
        if sid not in self._names:
            try:
                self._names[sid] = self.document.styles.get_by_id(sid, 1).name if sid else "Normal"
            except (KeyError, ValueError):
                self._names[sid] = sid or "Normal"
        return self._names[sid]

    def where(self, index: int, kind: str = "", text: str = "", style: str = "", href: str = "", el=None):
        pointer = f"paragraph {index}" + (f" ({style})" if style else "")
        table_id, source = self._bookmarked(el) if el is not None else (None, None)
        if source is not None:
            return self.view.here(pointer, source, "identity")
        source = self.tracer.find(kind, text, self.near) if kind and text else None
        if source is None and href:
            source = self.tracer.find_href(href, self.near)
        return self.view.here(pointer, source or self.near, "text" if source is not None else "section")

    def _bookmarked(self, el) -> tuple[str | None, object]:
        """The model id Pandoc keeps as a bookmark just before a heading or a table (or its caption), and
        where that id came from in the source."""
        node = el
        if el.tag == qn("w:tbl"):
            prev = el.getprevious()
            if prev is not None and prev.tag == qn("w:p") and "Caption" in self._style_name(prev):
                node = prev
        names = [b.get(qn("w:name")) for b in node.iterchildren(qn("w:bookmarkStart"))]
        sibling = node.getprevious()
        while sibling is not None and sibling.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            if sibling.tag == qn("w:bookmarkStart"):
                names.append(sibling.get(qn("w:name")))
            sibling = sibling.getprevious()
        for name in names:
            found = self.tracer.by_id(name) if name and not name.startswith("_") else None
            if found is not None:
                return name, found
        return None, None

    def _paragraph(self, p, index: int, styles: dict, paragraphs: list, sizes: dict) -> None:
        style = styles[p]
        text = squash("".join(t.text or "" for t in p.iter(qn("w:t"))))
        level = self._level(p, style)
        if level:
            where = self.where(index, "heading", text, style, el=p)
            self.near = where.source or self.near
            self.heading, self.images_seen = where.source, 0
            self.view.headings.append(Heading(level, text, where))
        if not level and text:
            found = self.tracer.find("para", text, self.near)
            self.near = found if found and (self.near is None or found.file == self.near.file) else self.near
        for link in p.iter(qn("w:hyperlink")):
            self._link(link, p, index, text)
        for doc_pr in p.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            self._image(doc_pr, index, text)
        in_table = any(a.tag == qn("w:tbl") for a in p.iterancestors())
        if level or not text or style in ("Title", "Subtitle", "TOC Heading") or style.startswith("toc"):
            return
        context = "cell" if in_table else ("list" if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
                                            or "List" in style else "body")
        if context == "list" and p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None and "List" in style:
            self.view.list_problems.append((self.where(index, style=style), "a list-style paragraph has no numbering"))
        nxt = self._next(p, paragraphs, styles)
        jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        where = self.where(index, "para", text, style)
        if context == "body" and self.tracer.has_source and not (where.traced == "text"
                                                                 and self.tracer.is_body(where.source)):
            context = "chrome"  # no paragraph of the source: the writer's own lines (title page, publication block)
        block = Block(text, where, context, self._all_bold(p), True, (text,),
                      nxt[0], nxt[1], p.find(f".//{qn('w:hyperlink')}") is not None,
                      jc is not None and jc.get(qn("w:val")) in ("both", "distribute"))
        self.view.blocks.append(block)
        if context == "body":
            for run in p.iter(qn("w:r")):
                size = self._run_size(run, style)
                if size:
                    sizes[size] = sizes.get(size, 0) + len("".join(t.text or "" for t in run.iter(qn("w:t"))))

    def _level(self, p, style: str) -> int:
        if style == "Title":
            return 1
        found = _HEADING_STYLE.match(style)
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if found:
            return int(found.group(1)) + (1 if self.has_title else 0)
        if outline is not None and outline.get(qn("w:val"), "9").isdigit() and int(outline.get(qn("w:val"))) < 9:
            return int(outline.get(qn("w:val"))) + 1 + (1 if self.has_title else 0)
        return 0

    def _all_bold(self, p) -> bool:
        runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        return bool(runs) and all(self._bold(r) for r in runs)

    @staticmethod
    def _bold(run) -> bool:
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            return False
        b = rpr.find(qn("w:b"))
        rstyle = rpr.find(qn("w:rStyle"))
        return (b is not None and b.get(qn("w:val"), "true") not in ("0", "false")) or (
            rstyle is not None and rstyle.get(qn("w:val")) in ("Strong", "Emphasis"))

    def _run_size(self, run, style: str) -> float | None:
        sz = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if sz is not None:
            return int(sz.get(qn("w:val"))) / 2
        if style not in self._sizes:
            self._sizes[style] = self._style_size(style)
        return self._sizes[style]

    def _style_size(self, style: str) -> float | None:
        """A paragraph style's font size, following its base styles, else the document default."""
        try:
            current = self.document.styles[style]
            while current is not None:
                if current.font.size:
                    return current.font.size.pt
                current = current.base_style
        except KeyError:
            pass
        default = self.document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        return int(default.get(qn("w:val"))) / 2 if default is not None else 10.0

    def _next(self, p, paragraphs: list, styles: dict) -> tuple[str, str]:
        sibling = p.getnext()
        if sibling is None:
            return "", ""
        if sibling.tag == qn("w:tbl"):
            return "table", ""
        if sibling.tag != qn("w:p"):
            return "other", ""
        text = squash("".join(t.text or "" for t in sibling.iter(qn("w:t"))))
        style = styles.get(sibling, "")
        if self._level(sibling, style):
            return "heading", text
        if sibling.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            return "list", text
        return "p", text

    def _link(self, link, p, index: int, paragraph: str) -> None:
        from ..textutil import sentence_around

        text = squash("".join(t.text or "" for t in link.iter(qn("w:t"))))
        rid = link.get(qn("r:id"))
        href = self.rels.get(rid, "") if rid else ("#" + link.get(qn("w:anchor"), "") if link.get(qn("w:anchor")) else "")
        tail = "".join(t.text or "" for sib in link.itersiblings() for t in sib.iter(qn("w:t")))
        self.view.links.append(Link(text, href, self.where(index, "link", text, href=href),
                                    sentence_around(paragraph, text),
                                    paragraph, squash(tail)[:40], href.strip() in ("", "#")))

    def _image(self, doc_pr, index: int, paragraph: str) -> None:
        descr = doc_pr.get("descr")
        decorative = any(e.get("uri") == DECORATIVE for e in doc_pr.iter("{*}ext")) or any(
            e.tag.endswith("}decorative") and e.get("val") in ("1", "true") for e in doc_pr.iter())
        alt = descr if descr else None  # an empty descr is no description at all
        where = self.where(index, "image", alt or "")
        by_order = self.tracer.image_in_section(self.heading, self.images_seen)
        self.images_seen += 1
        if by_order is not None and (not alt or where.source is None or where.source == self.near):
            where = self.view.here(where.pointer, by_order, "position")
        self.view.images.append(Image(alt, decorative, doc_pr.get("name") or "", where,
                                      context="", title=doc_pr.get("title") or ""))

    def _table(self, tbl, t_index: int) -> None:
        rows, marked = [], None
        table_id, table_source = self._bookmarked(tbl)
        caption = None
        prev = tbl.getprevious()
        if prev is not None and prev.tag == qn("w:p") and "Caption" in self._style_name(prev):
            caption = squash("".join(t.text or "" for t in prev.iter(qn("w:t"))))
        caption_el = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption_el is not None and caption is None:
            caption = caption_el.get(qn("w:val"))
        for r, tr in enumerate(tbl.findall(qn("w:tr"))):
            header_row = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            if r == 0:
                marked = header_row
            cells = []
            for c, tc in enumerate(tr.findall(qn("w:tc"))):
                if _merged_into_above(tc):  # part of the row-spanning cell above, not a cell of its own
                    continue
                text = squash("".join(t.text or "" for t in tc.iter(qn("w:t"))))
                shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                fill = shd.get(qn("w:fill")) if shd is not None else ""
                colour = f"fill #{fill}" if fill and fill.lower() not in ("auto", "ffffff") else ""
                own = self.tracer.cell(table_id, r, c)
                cells.append(Cell(text, header_row, self.view.here(f"table {t_index} row {r + 1} cell {c + 1}",
                                                                   own or self.near, "identity" if own else ""),
                                  "", colour, r, c))
            rows.append(cells)
        by_text = self.tracer.find("table", caption, self.near) if table_source is None and caption else None
        where = self.view.here(f"table {t_index}", table_source or by_text or self.near,
                               "identity" if table_source else "text" if by_text else "")
        self.view.tables.append(Table(caption, rows, where, marked))


def _merged_into_above(tc) -> bool:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"
