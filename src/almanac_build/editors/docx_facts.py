"""What Pandoc's docx reader does not keep, read straight from the Word file's XML: each paragraph's
number (the Nth `w:p` of the body, tables included, counting from 1, so an editor can find it with
Word's Go To), its style and whether it is bold on its own; each picture's alt text (`descr`) and
Word's decorative flag; footnotes; and content no chapter can hold (text boxes, charts, SmartArt,
equations, embedded objects, comments, tracked changes)."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from ..diagnostics import AlmanacError, Diagnostic, Loc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_UNPACKED = 256 * 1024 * 1024  # a contribution is a few MB; more unpacked is a zip bomb
MAX_XML = 64 * 1024 * 1024

UNSUPPORTED = {  # element → what the editor is told
    f"{W}txbxContent": "a text box (its text was kept as ordinary paragraphs, if Word saved it)",
    "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart": "a chart (save it as a picture, or give its data as a table)",
    "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds": "a SmartArt diagram (save it as a picture with alt text, or write it as a list)",
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath": "an equation (it was kept as plain text)",
    f"{W}object": "an embedded object (save it as a picture with alt text)",
    f"{W}commentReference": "a comment (comments are not carried over)",
    f"{W}del": "a tracked deletion (the deleted text was left out: accept or reject the changes in Word first)",
    f"{W}ins": "a tracked insertion (the inserted text was kept: accept or reject the changes in Word first)",
}


@dataclass
class Picture:
    target: str  # the image's path in the package, relative to word/ (as Pandoc extracts it)
    alt: str
    decorative: bool
    paragraph: int


@dataclass
class Paragraph:
    number: int
    style: str  # style id
    text: str
    bold_only: bool = False
    in_table: bool = False
    unsupported: list[str] = field(default_factory=list)
    footnotes: int = 0


@dataclass
class DocxFacts:
    paragraphs: list[Paragraph]
    pictures: list[Picture]
    footnotes: list[int]  # the paragraph number of each footnote or endnote reference, in order
    heading_styles: set[str]
    row_headers: list[int] = field(default_factory=list)  # per table, in document order: leading header columns

    def find(self, text: str, after: int = 0) -> int:
        """The number of the first paragraph (from `after`) whose text holds `text`; 0 if none does."""
        needle = " ".join(text.split())[:80]
        if not needle:
            return 0
        for p in self.paragraphs[after:] + self.paragraphs[:after]:
            if needle in p.text:
                return p.number
        return 0


def read_facts(path: str) -> DocxFacts:
    """Open the .docx as a zip and read its main document; a file that is not one is a clear error."""
    from lxml import etree

    from ..safexml import new_parser

    where = Loc(path)
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise AlmanacError(Diagnostic(where, f"this is not a Word document (.docx): {exc}",
                                      "save the file in Word as “Word Document (.docx)”; .doc and .odt are not read")) from None
    with package:
        if sum(i.file_size for i in package.infolist()) > MAX_UNPACKED:
            raise AlmanacError(Diagnostic(where, "the Word file unpacks to more than 256 MB",
                                          "save the pictures smaller (Word: Compress Pictures) and try again"))
        main = _main_part(package)
        if main is None:
            raise AlmanacError(Diagnostic(where, "this zip file has no Word document in it",
                                          "save the file in Word as “Word Document (.docx)”"))
        parser = new_parser()
        try:
            info = package.getinfo(main)
            if info.file_size > MAX_XML:
                raise AlmanacError(Diagnostic(where, "the document's text part is larger than 64 MB",
                                              "split the contribution into several files"))
            root = etree.fromstring(package.read(main), parser)
            rels = _relationships(package, main, parser)
            styles = _styles(package, parser)
        except etree.XMLSyntaxError as exc:
            raise AlmanacError(Diagnostic(where, f"the Word file is damaged ({exc})",
                                          "open it in Word and save it again")) from None
    return _facts(root, rels, styles, posixpath.dirname(main))


def _main_part(package: zipfile.ZipFile) -> str | None:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        from lxml import etree

        from .. import safexml

        try:
            rels = safexml.fromstring(package.read("_rels/.rels"))  # a contributor's file: no entities, no DTD
            for rel in rels.iter(f"{PKG_REL}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if target in names:
                        return target
        except etree.XMLSyntaxError:
            pass
    return "word/document.xml" if "word/document.xml" in names else None


def _relationships(package, main: str, parser) -> dict[str, str]:
    from lxml import etree

    name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    if name not in package.namelist():
        return {}
    rels = etree.fromstring(package.read(name), parser)
    return {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")
            if r.get("TargetMode") != "External"}


def _styles(package, parser) -> dict[str, tuple[str, bool]]:
    """style id → (name, bold by the style itself)."""
    from lxml import etree

    if "word/styles.xml" not in package.namelist():
        return {}
    root = etree.fromstring(package.read("word/styles.xml"), parser)
    out = {}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        bold = style.find(f"{W}rPr/{W}b")
        out[style.get(f"{W}styleId", "")] = ((name.get(f"{W}val", "") if name is not None else "").lower(),
                                            bold is not None and _on(bold))
    return out


def _on(element) -> bool:
    return element.get(f"{W}val", "true") not in ("0", "false", "off")


def _facts(root, rels: dict[str, str], styles: dict, base: str) -> DocxFacts:
    paragraphs: list[Paragraph] = []
    pictures: list[Picture] = []
    footnotes: list[int] = []
    body = root.find(f"{W}body")
    for number, p in enumerate(body.iter(f"{W}p") if body is not None else [], start=1):
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style = style_el.get(f"{W}val", "") if style_el is not None else ""
        texts, all_bold = [], True
        for run in p.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if not text.strip():
                continue
            texts.append(text)
            all_bold = all_bold and _run_bold(run, styles)
        text = "".join(texts)
        ancestors = {a.tag for a in p.iterancestors()}
        para = Paragraph(number, style, " ".join(text.split()), in_table=f"{W}tbl" in ancestors)
        para.bold_only = bool(para.text) and all_bold and not styles.get(style, ("", False))[1]
        for element in p.iter():
            if element.tag in UNSUPPORTED and UNSUPPORTED[element.tag] not in para.unsupported:
                para.unsupported.append(UNSUPPORTED[element.tag])
            if element.tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                footnotes.append(number)
                para.footnotes += 1
        for doc_pr in p.iter(f"{WP}docPr"):
            drawing = doc_pr.getparent()
            targets = [rels.get(b.get(f"{R}embed", ""), "") for b in drawing.iter() if b.get(f"{R}embed")]
            decorative = any(e.tag.endswith("}decorative") and _on_val(e) for e in doc_pr.iter())
            for target in [t for t in targets if t]:
                pictures.append(Picture(posixpath.normpath(posixpath.join(base, target))[len(base) + 1:] if base
                                        else target, (doc_pr.get("descr") or "").strip(), decorative, number))
        for image in p.iter(f"{V}imagedata"):
            target = rels.get(image.get(f"{R}id", ""), "")
            if target:
                shape = image.getparent()
                pictures.append(Picture(posixpath.normpath(posixpath.join(base, target))[len(base) + 1:] if base
                                        else target, (shape.get("alt") or "").strip(), False, number))
        paragraphs.append(para)
    heading_styles = {sid for sid, (name, _) in styles.items() if name.startswith("heading") or name == "title"}
    tables = [_row_header_columns(t, styles) for t in (body.iter(f"{W}tbl") if body is not None else [])]
    return DocxFacts(paragraphs, pictures, footnotes, heading_styles, tables)


def _row_header_columns(table, styles: dict) -> int:
    """How many leading columns of the body rows are row headers: Word's “First Column” table option,
    or every cell of the column in a header style (as the tool's own DOCX writes them); at most 3."""
    look = table.find(f"{W}tblPr/{W}tblLook")
    first_column = look is not None and (look.get(f"{W}firstColumn") in ("1", "true", "on")
                                         or int(look.get(f"{W}val", "0") or "0", 16) & 0x0080)
    body = [row for row in table.findall(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is None]
    if not body:
        return 0
    count = 0
    for column in range(3):
        cells = [row.findall(f"{W}tc")[column] if len(row.findall(f"{W}tc")) > column else None for row in body]
        if all(cell is not None and _header_cell(cell, styles) for cell in cells):
            count += 1
        else:
            break
    return max(count, 1 if first_column else 0)


def _header_cell(cell, styles: dict) -> bool:
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    if merge is not None and merge.get(f"{W}val", "continue") == "continue":
        return True
    names = []
    for paragraph in cell.findall(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        sid = style.get(f"{W}val", "") if style is not None else ""
        names.append((sid + " " + styles.get(sid, ("", False))[0]).lower())
    return bool(names) and all("header" in n or "heading" in n for n in names)


def _on_val(element) -> bool:
    return element.get("val", "1") not in ("0", "false")


def _run_bold(run, styles: dict) -> bool:
    bold = run.find(f"{W}rPr/{W}b")
    if bold is not None:
        return _on(bold)
    char_style = run.find(f"{W}rPr/{W}rStyle")
    if char_style is not None:
        return styles.get(char_style.get(f"{W}val", ""), ("", False))[1] or char_style.get(f"{W}val", "") == "Strong"
    return False
