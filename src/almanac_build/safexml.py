"""The one way this tool reads XML (SVG images from the source, XML read back from its own outputs):
no entity expansion, no DTD loading, no network, no huge trees. Use `parse`/`fromstring` here, or pass
`PARSER`, rather than lxml's defaults."""

from __future__ import annotations

from lxml import etree


def new_parser(**extra) -> etree.XMLParser:
    """A safe parser (one per thread: lxml parsers must not be shared between threads)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **extra)


PARSER = new_parser()


def parse(path: str) -> etree._ElementTree:
    return etree.parse(path, PARSER)


def fromstring(data: bytes | str) -> etree._Element:
    return etree.fromstring(data, PARSER)


def declares_entities(tree: etree._ElementTree) -> bool:
    """True if the document's own DTD declares entities (how "billion laughs" and XXE attacks start)."""
    dtd = tree.docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())
