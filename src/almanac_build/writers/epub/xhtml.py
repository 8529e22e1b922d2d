"""XHTML and XML plumbing shared by the EPUB modules: namespaces, the safe parser, one page template."""

from __future__ import annotations

from html import escape

from lxml import etree

from ... import safexml

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"

# Never resolve entities or fetch anything while reading XML (ours or an EPUB handed to claim_conformance).


def parse_xml(text: str | bytes) -> etree._Element:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return safexml.fromstring(data)


def serialise(tree: etree._Element, doctype: str | None = "<!DOCTYPE html>") -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype=doctype)


def esc(text: str) -> str:
    return escape(text, quote=True)


def document(title: str, lang: str, stylesheet: str, body: str, body_type: str = "") -> str:
    """A complete XHTML content document; `body` is already well-formed XHTML markup."""
    body_attr = f' epub:type="{esc(body_type)}"' if body_type else ""
    return (f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" lang="{esc(lang)}" xml:lang="{esc(lang)}">'
            f'<head><meta charset="utf-8"/><title>{esc(title)}</title>'
            f'<link rel="stylesheet" type="text/css" href="{esc(stylesheet)}"/></head>'
            f"<body{body_attr}>{body}</body></html>")
