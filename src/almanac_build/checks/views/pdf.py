"""A PDF (print or large print) as a neutral view, read with pikepdf: catalog, XMP, outlines, pages,
annotations, fonts, content marking, and the structure tree (headings, figures, tables, lists, links).

Text of structure elements is taken from /ActualText, /Alt or /T where present; otherwise it is
`None` and text rules skip it (the PDF keeps text in content streams, not in the tree).
"""

from __future__ import annotations

import os
import re

import pikepdf

from ..textutil import squash
from ..view import Block, Cell, Heading, Image, Link, Table, View
from .coverage import pdf_notdef
from .pdf_text import MarkedText, Unsupported, element_texts
from .pdf_text import instructions as content_instructions
from .theme import theme_loc

_HN = re.compile(r"^H([1-6])$")
_TEXT_OPS = {"Tj", "TJ", "'", '"'}


def pdf_view(output_dir: str, tracer, name: str) -> View | None:
    path = os.path.join(output_dir, name)
    if not os.path.isfile(path):
        return None
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError:
        return None
    with pdf:
        view = View("P", name)
        view.facts["th_needs_scope"] = True
        _catalog(view, pdf)
        marked = _pages(view, pdf)
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            role_map = {str(k): str(v) for k, v in dict(root.get("/RoleMap", {})).items()}
            page_of = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
            walker = _Walker(view, tracer, role_map, page_of, _element_texts(root, marked),
                             marked.bold if marked is not None else None)
            walker.walk(root, "", 0)
    return view


def _element_texts(root, marked: MarkedText | None) -> dict | None:
    """objgen → text of each structure element, from the marked content read in `_pages`; None when
    the text is not known (a page could not be parsed, or the PDF uses what the reader cannot read)."""
    if marked is None or not marked.exact:
        return None
    try:
        return element_texts(root, marked.texts)
    except Unsupported:
        return None


def _catalog(view: View, pdf) -> None:
    root = pdf.Root
    mark = root.get("/MarkInfo", {})
    view.facts["marked"] = bool(mark.get("/Marked", False)) if mark else False
    view.facts["suspects"] = bool(mark.get("/Suspects", False)) if mark else False
    view.facts["struct_tree"] = "/StructTreeRoot" in root
    lang = root.get("/Lang")
    view.langs.append((str(lang) if lang is not None and str(lang).strip() else None, view.here("catalog /Lang")))
    prefs = root.get("/ViewerPreferences", {})
    view.facts["display_doc_title"] = bool(prefs.get("/DisplayDocTitle", False)) if prefs else False
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        view.title = squash(xmp.get("dc:title", "")) or None
        view.facts["xmp"] = bool(len(xmp))
        view.facts["pdfua_part"] = xmp.get("pdfuaid:part", "")
    view.title_where = view.here("XMP dc:title")
    view.facts["outlines"] = _outline_titles(pdf)


def _outline_titles(pdf) -> list[str]:
    try:
        with pdf.open_outline() as outline:
            titles, stack = [], list(outline.root)
            while stack:
                item = stack.pop(0)
                titles.append(squash(item.title))
                stack[0:0] = list(item.children)
            return titles
    except (pikepdf.PdfError, AttributeError):
        return []


def _pages(view: View, pdf) -> MarkedText | None:
    """Per-page facts, and the text of each marked-content sequence from the same parse of each page
    (None when some page could not be read that way)."""
    pages, fonts, sizes, notdef_fonts = [], {}, {}, {}
    marked: MarkedText | None = MarkedText()
    for number, page in enumerate(pdf.pages, start=1):
        annots = [_annot(a) for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        try:
            instructions = content_instructions(page)
        except pikepdf.PdfError:
            instructions, marked = None, None
        untagged = _untagged_text(instructions, sizes) if instructions is not None else 0
        marked = _mark(marked, page, instructions)
        pages.append({"page": number, "tabs": str(page.obj.get("/Tabs", "")), "links": annots,
                      "untagged": untagged,
                      "notdef": pdf_notdef(page, instructions, notdef_fonts) if instructions else 0})
        for name, font in dict(page.obj.get("/Resources", {}).get("/Font", {})).items():
            fonts.setdefault(font.objgen, _font(str(font.get("/BaseFont", name)), font, number))
    view.facts["pages"] = pages
    view.facts["fonts"] = list(fonts.values())
    if sizes:
        size = max(sizes, key=sizes.get)
        section = "large_print" if "large-print" in view.file else "sizes"
        view.facts["body_size"] = (size, view.here("body text (most used size)", theme_loc(section, "body")))
    return marked


def _mark(marked: MarkedText | None, page, instructions) -> MarkedText | None:
    """Read one more page; a page the reader cannot read leaves no element text known (`exact` false),
    while the pages go on being read for the faces of their text (`bold`)."""
    if marked is None or instructions is None:
        return None
    try:
        marked.page(page.obj.objgen, instructions, page.obj.get("/Resources"))
    except (Unsupported, pikepdf.PdfError):
        marked.exact = False
    return marked


def _annot(annot) -> dict:
    return {"hidden": bool(int(annot.get("/F", 0)) & 2), "struct_parent": "/StructParent" in annot,
            "contents": squash(str(annot.get("/Contents", "")))}


def _font(name: str, font, page: int) -> dict:
    """Plain facts about one font (pikepdf objects die with the open file)."""
    subtype = str(font.get("/Subtype", ""))
    descriptor = font.get("/FontDescriptor")
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts", [])
        descriptor = descendants[0].get("/FontDescriptor") if len(descendants) else None
    embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return {"name": name.lstrip("/"), "subtype": subtype, "embedded": embedded, "page": page,
            "to_unicode": "/ToUnicode" in font, "encoding": str(font.get("/Encoding", ""))}


def _untagged_text(instructions, sizes: dict) -> int:
    """Text-showing operators outside any marked-content sequence (neither tagged nor Artifact)."""
    depth, untagged, size, artifact = 0, 0, None, []
    for operands, op in instructions:
        if op in ("BDC", "BMC"):
            depth += 1
            artifact.append(str(operands[0]) == "/Artifact")
        elif op == "EMC":
            depth = max(0, depth - 1)
            if artifact:
                artifact.pop()
        elif op == "Tf" and len(operands) == 2:
            size = round(float(operands[1]), 1)
        elif op in _TEXT_OPS:
            untagged += depth == 0
            if size and not any(artifact):
                sizes[size] = sizes.get(size, 0) + 1
    return untagged


class _Walker:
    """Depth-first walk of the structure tree, filling headings, figures, tables and links."""

    def __init__(self, view: View, tracer, role_map: dict, page_of: dict, texts: dict | None = None,
                 bold: dict | None = None):
        self.view, self.tracer, self.role_map, self.page_of = view, tracer, role_map, page_of
        self.bold = bold  # (page, MCID) → all in a bold face; None when the content was not read here
        self.counts: dict[str, int] = {}
        self.has_texts = texts is not None  # False: no element text known (never call a cell empty)
        self.near = None  # source of the last heading: the section later elements belong to
        self.text_by_obj: dict = texts or {}
        view.facts["struct_types"] = []

    def text_of(self, el) -> str | None:
        """This element's text: its own /ActualText, /Alt or /T, else the text of the marked content under it."""
        own = _own_text(el)
        if own is not None or not el.is_indirect:
            return own
        return self.text_by_obj.get(el.objgen)

    def role(self, element) -> str:
        kind = str(element.get("/S", "")).lstrip("/")
        seen = set()
        while kind in self.role_map and kind not in seen:
            seen.add(kind)
            kind = self.role_map[kind].lstrip("/")
        return kind

    def where(self, element, path: str, kind: str = "", text: str | None = None):
        page = element.get("/Pg")
        number = self.page_of.get(page.objgen) if page is not None else None
        pointer = (f"page {number} " if number else "") + path
        element_id = str(element.get("/ID", "")) if "/ID" in element else ""
        found = self.tracer.by_id(element_id) if element_id else None  # writers keep the model's ids
        if found is not None:
            return self.view.here(pointer, found, "identity")
        found = self.tracer.find(kind, text, self.near) if kind and text else None
        return self.view.here(pointer, found or self.near, "text" if found is not None else "section")

    def walk(self, node, path: str, depth: int) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        elements = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
        for index, kid in enumerate(elements):
            self.element(kid, path, depth, elements[index + 1] if index + 1 < len(elements) else None)

    def element(self, el, path: str, depth: int, following=None) -> None:
        kind = self.role(el)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        here = f"{path}/{kind}[{self.counts[kind]}]"
        self.view.facts["struct_types"].append(kind)
        text = self.text_of(el)
        if _HN.match(kind) or kind == "H":
            level = int(kind[1]) if kind != "H" else 1
            if text is None and not _has_content(el):
                text = ""
            where = self.where(el, here, "heading", text)
            self.near = where.source or self.near
            self.view.headings.append(Heading(level, text, where))
        elif kind == "Figure":
            alt = el.get("/Alt")
            alt = str(alt) if alt is not None else (str(el["/ActualText"]) if "/ActualText" in el else None)
            self.view.images.append(Image(alt, False, "Figure", self.where(el, here, "image", alt)))
        elif kind == "Table":
            self.table(el, here)
        elif kind == "Link":
            self.link(el, here)
        elif kind in ("L", "LI", "LBody"):
            self.list_check(el, kind, here)
        elif kind == "P" and text:
            self.paragraph(el, here, text, following)
        self.walk(el, here, depth + 1)

    def paragraph(self, el, here: str, text: str, following) -> None:
        """A P as a block: its context from the elements it sits in, whether it is wholly bold (from the
        fonts of its marked content), and what follows it (what fake-heading needs)."""
        contexts = (("/TD[", "cell"), ("/TH[", "cell"), ("/LBody[", "list"), ("/LI[", "list"),
                    ("/Caption[", "caption"), ("/BlockQuote[", "quote"), ("/Quote[", "quote"), ("/Note[", "callout"),
                    ("/TOC", "chrome"))
        context = next((name for marker, name in contexts if marker in here), "body")
        kind = self.role(following) if following is not None else ""
        next_kind = {"P": "p", "L": "list", "Table": "table", "Figure": "figure"}.get(
            kind, "heading" if _HN.match(kind) or kind == "H" else "other" if kind else "")
        next_text = (self.text_of(following) or "") if following is not None else ""
        links = any(self.role(k) == "Link" for k in _kids(el))
        where = self.where(el, here, "para", text)
        if context == "body" and self.tracer.has_source and not (where.traced in ("identity", "text")
                                                                 and self.tracer.is_body(where.source)):
            context = "chrome"  # no paragraph of the source: the writer's own lines (cover, publication block)
        self.view.blocks.append(Block(text, where, context, self.wholly_bold(el), True, (text,), next_kind, next_text,
                                      links))

    def wholly_bold(self, el) -> bool:
        if self.bold is None:
            return False
        marks: list = []
        _marks(el, None, marks)
        return bool(marks) and all(self.bold.get(mark, False) for mark in marks)

    def table(self, el, here: str) -> None:
        rows, caption = [], None
        for r, tr in enumerate(_descendants(el, self, "TR")):
            cells = []
            for c, cell in enumerate(k for k in _kids(tr) if self.role(k) in ("TH", "TD")):
                attrs = cell.get("/A")
                attrs = attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
                scope = next((str(a.get("/Scope")).lstrip("/") for a in attrs
                              if isinstance(a, pikepdf.Dictionary) and "/Scope" in a), "")
                if not scope and "/Headers" in cell:
                    scope = "headers"
                where = self.where(cell, f"{here}/TR[{r + 1}]/{self.role(cell)}[{c + 1}]")
                own = self.tracer.cell(str(el.get("/ID", "")), r, c) if "/ID" in el else None
                where = self.view.here(where.pointer, own, "identity") if own is not None else where
                cells.append(Cell(self.text_of(cell) or "", self.role(cell) == "TH", where, scope, "", r, c))
            rows.append(cells)
        for kid in _kids(el):
            if self.role(kid) == "Caption":
                caption = self.text_of(kid) or "(caption)"
        for cell in (c for row in rows for c in row):
            if not cell.text and not self.has_texts:  # text unknown: never call a cell empty
                cell.text = "(text in content stream)"
        self.view.tables.append(Table(caption, rows, self.where(el, here, "table", caption)))

    def link(self, el, here: str) -> None:
        annots = [k.get("/Obj") for k in _kids_raw(el) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        for annot in annots:
            if annot is None:
                continue
            action = annot.get("/A", {})
            href = str(action.get("/URI", "")) if action else ""
            text = self.text_of(el) or squash(str(annot.get("/Contents", "")))
            if href:
                self.view.links.append(Link(text, href, self.where(el, here, "link", text)))

    def list_check(self, el, kind: str, here: str) -> None:
        allowed = {"L": {"L", "LI", "Caption"}, "LI": {"Lbl", "LBody"}, "LBody": None}[kind]
        if allowed is None:
            return
        for kid in _kids(el):
            if self.role(kid) not in allowed:
                self.view.list_problems.append((self.where(el, here), f"{kind} holds {self.role(kid)}"))


def _marks(node, page, out: list) -> None:
    """(page, MCID) of every marked-content sequence under `node`, paged as pdf_text reads them."""
    page = node.get("/Pg", page) if "/Pg" in node else None if "/S" in node else page
    for kid in _kids_raw(node):
        if isinstance(kid, int) and page is not None:
            out.append((page.objgen, kid))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _marks(kid, page, out)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and isinstance(kid.get("/MCID"), int):
            owner = kid.get("/Pg", page)
            if owner is not None:
                out.append((owner.objgen, int(kid.MCID)))


def _kids_raw(el) -> list:
    kids = el.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _kids(el) -> list:
    return [k for k in _kids_raw(el) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _descendants(el, walker, kind: str) -> list:
    found = []
    for kid in _kids(el):
        if walker.role(kid) == kind:
            found.append(kid)
        elif walker.role(kid) in ("THead", "TBody", "TFoot"):
            found.extend(_descendants(kid, walker, kind))
    return found


def _own_text(el) -> str | None:
    for key in ("/ActualText", "/Alt", "/T"):
        if key in el:
            return squash(str(el[key]))
    return None


def _has_content(el) -> bool:
    return bool(_kids_raw(el))
