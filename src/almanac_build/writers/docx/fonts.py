"""Embedding the almanac's font in the DOCX, so Word and LibreOffice show Atkinson Hyperlegible (chosen
for readers with low vision) even where it is not installed.

OOXML stores embedded fonts obfuscated (ECMA-376 Part 1, 17.8.1): the first 32 bytes of the font are
XORed with the 16 bytes of the font key GUID, taken in reverse order. The key here is derived from the
font file itself, so the same fonts always give the same bytes.
"""

from __future__ import annotations

import hashlib
import uuid

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from ... import glyphs, safexml
from ...styles import Theme

FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (("regular", "embedRegular"), ("bold", "embedBold"), ("italic", "embedItalic"),
         ("bold_italic", "embedBoldItalic"))


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """The same operation turns a font into its obfuscated form and back."""
    mask = key.bytes[::-1]
    head = bytes(byte ^ mask[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document, theme: Theme, fallback: bool = False) -> None:
    """The theme's four faces, and DejaVu Sans's regular and bold behind them when the text needs it
    (glyphs.py; Word slants them for italics, as browsers do)."""
    package = document.part.package
    table = next(p for p in package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = safexml.fromstring(table.blob)
    families = [(theme.font_family, {face: theme.font_path(face) for face, _ in FACES})]
    if fallback:
        families.append((glyphs.FALLBACK_FAMILY, {face: glyphs.fallback_path(face) for face, _ in FACES}))
    number = 0
    for family, paths in families:
        font = root.find(f"{qn('w:font')}[@{qn('w:name')}='{family}']")
        if font is None:
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): family})
            etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
            etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
        for face, tag in FACES if family == theme.font_family else FACES[:2]:  # Word slants the fallback
            number += 1
            with open(paths[face], "rb") as handle:
                data = handle.read()
            key = uuid.uuid5(uuid.NAMESPACE_URL, "font:" + hashlib.sha256(data).hexdigest())
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key), package)
            rid = table.relate_to(part, FONT_RELATIONSHIP)
            etree.SubElement(font, qn(f"w:{tag}"), {qn("r:id"): rid, qn("w:fontKey"): "{" + str(key).upper() + "}"})
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # a plain Part
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        settings.insert(_settings_position(settings), etree.Element(qn("w:embedTrueTypeFonts")))


def embedded_fonts(document) -> list[bytes]:
    """The fonts a DOCX embeds, de-obfuscated with their keys (for the checks)."""
    table = next((p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if table is None:
        return []
    out = []
    for embed in safexml.fromstring(table.blob).iter():
        rid, key = embed.get(qn("r:id")), embed.get(qn("w:fontKey"))
        if not rid or not key or rid not in table.rels:
            continue
        try:
            out.append(obfuscate(table.rels[rid].target_part.blob, uuid.UUID(key.strip("{}"))))
        except (ValueError, AttributeError):
            continue
    return out


def _settings_position(settings: etree._Element) -> int:
    """w:embedTrueTypeFonts comes after writeProtection/view/zoom/removePersonalInformation… in the schema."""
    early = {qn(f"w:{t}") for t in ("writeProtection", "view", "zoom", "removePersonalInformation",
                                     "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                                     "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData")}
    return sum(1 for child in settings if child.tag in early)
