"""Images named in the source: they must lie inside `source/`, exist, and really be images.

SVG files are parsed (no entities, no network) and refused if they hold scripts, event handlers or
references to other files, since they are copied into the HTML and EPUB editions as they are.
"""

from __future__ import annotations

import os

from lxml import etree

from .. import safexml
from ..diagnostics import Collector, Loc

SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}


def resolve_image(src: str, source_dir: str, loc: Loc, out: Collector) -> str:
    """Return the image's absolute path, or "" after reporting why it cannot be used."""
    if not src.strip():
        out.error(loc, "the image has no file name", "write ![alt text](images/name.svg)")
        return ""
    if "://" in src or src.startswith(("/", "\\")) or src.lower().startswith("data:"):
        out.error(loc, f"the image '{src[:60]}' is not a file inside source/",
                  "copy the image into source/images/ and write its path as images/name.svg")
        return ""
    root = os.path.realpath(source_dir)
    path = os.path.realpath(os.path.join(root, src))
    if os.path.commonpath([root, path]) != root:
        out.error(loc, f"the image '{src}' lies outside the source folder",
                  "copy the image into source/images/ and write its path as images/name.svg")
        return ""
    if not os.path.isfile(path):
        out.error(loc, f"the image '{src}' does not exist", "check the file name (paths are relative to source/)")
        return ""
    kind = image_kind(path)
    if not kind:
        out.error(loc, f"'{src}' is not a PNG, JPEG, GIF or SVG image", "export the picture as SVG or PNG")
        return ""
    if kind == "svg":
        problem = svg_problem(path)
        if problem:
            out.error(loc, f"the SVG image '{src}' {problem}", "remove it from the SVG, or export the image again")
            return ""
    return path


def image_kind(path: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(512)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and (b"<svg" in head or path.lower().endswith(".svg")):
        return "svg"
    return ""


def svg_problem(path: str) -> str:
    try:
        tree = safexml.parse(path)
    except etree.XMLSyntaxError as exc:
        return f"is not valid XML ({exc.msg})"
    if safexml.declares_entities(tree):
        return "declares XML entities (<!ENTITY …>)"
    root = tree.getroot()
    if etree.QName(root).localname != "svg":
        return "does not have <svg> as its top element"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("script", "foreignObject"):
            return f"contains a <{name}> element"
        for attr, value in element.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                return f"contains an event handler ({local})"
            if local == "href" and not value.startswith("#"):
                return f"refers to another file or address ({value[:40]})"
    return ""
