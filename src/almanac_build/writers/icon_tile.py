"""An outcome icon on its chapter colour, as the print chapter opener shows it. The source icons are
white line drawings made for a coloured tile, so on a white page (DOCX, EPUB) they need the tile."""

from __future__ import annotations

from lxml import etree

from .. import safexml

SVG_NS = "http://www.w3.org/2000/svg"


def icon_tile(icon_path: str, colour: str, size: int = 80, inset: int = 12) -> bytes:
    """An SVG: a square of `colour` with the icon (the loader has vetted the file) centred on it."""
    with open(icon_path, "rb") as handle:
        icon = safexml.fromstring(handle.read())
    icon.attrib.pop("aria-hidden", None)
    inner = size - 2 * inset
    icon.attrib.update({"x": str(inset), "y": str(inset), "width": str(inner), "height": str(inner)})
    tile = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS},
                         attrib={"viewBox": f"0 0 {size} {size}", "width": str(size), "height": str(size)})
    etree.SubElement(tile, f"{{{SVG_NS}}}rect", width=str(size), height=str(size), fill=colour)
    tile.append(icon)
    return etree.tostring(tile, xml_declaration=True, encoding="utf-8")
