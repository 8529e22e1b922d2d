"""Scan every output of a build for anything that could run or load: script elements, event-handler
attributes, non-allowlisted addresses in any URL-bearing attribute or style, inside the HTML and its
assets, every XML entry of the EPUB and DOCX (relationships and fields included), and the PDFs (link
annotations' URIs, actions). One scanner for every hostile-input test."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
from lxml import etree
from lxml import html as lxml_html

from almanac_build import safexml

SAFE_ADDRESS = re.compile(r"^(https?://|mailto:|tel:|#|[A-Za-z0-9_./-]*(#[\w.-]*)?$)")
SAFE_PDF_URI = re.compile(r"^(https?://|mailto:|tel:)")
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "background", "data"}
VALUE_ATTRS = {"values", "to", "from", "by"}  # animation values (feColorMatrix's `values` are numbers)
SCRIPT_SCHEME = re.compile(r"(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
BAD_ELEMENTS = {"script", "iframe", "object", "embed", "foreignobject", "set", "animate", "animatemotion",
                "animatetransform", "handler", "listener", "base", "meta-refresh"}
BAD_CSS = re.compile(r"javascript:|vbscript:|expression\s*\(|@import|url\(\s*(?![\"']?(?:#|(?:\.\./)*fonts/))",
                     re.IGNORECASE)
XML_ENTRIES = (".xhtml", ".html", ".xml", ".opf", ".ncx", ".svg", ".rels")


def assert_clean_markup(root, where: str) -> None:
    """No script elements, no on* attributes, no dangerous address in any URL-bearing attribute."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        assert name not in BAD_ELEMENTS, f"<{name}> in {where}"
        for attr, value in element.attrib.items():
            local = etree.QName(attr).localname.lower() if attr.startswith("{") else attr.lower()
            assert not local.startswith("on"), f"{local}= on <{name}> in {where}"
            if local in URL_ATTRS or local.endswith("href") or local == "target":
                assert SAFE_ADDRESS.match(value.strip()) or local == "target" and not re.match(
                    r"^\s*(javascript|data|vbscript|file)\s*:", value, re.I), f"{local}={value!r} on <{name}> in {where}"
            if local in VALUE_ATTRS:
                assert not SCRIPT_SCHEME.search(value), f"{local}={value!r} on <{name}> in {where}"
            if local == "style":
                assert not BAD_CSS.search(value), f"style={value!r} in {where}"
        if name == "style" and element.text:
            assert not BAD_CSS.search(element.text), f"<style> {element.text[:80]!r} in {where}"


def assert_clean_css(text: str, where: str) -> None:
    assert not BAD_CSS.search(text), f"{BAD_CSS.search(text).group()!r} in {where}"


def scan_html(path: Path) -> None:
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page.lower(), path
    assert_clean_markup(lxml_html.document_fromstring(page), path.name)


def scan_archive(path: Path) -> int:
    """Every XML entry of an EPUB or DOCX; returns how many were read."""
    count = 0
    with zipfile.ZipFile(path) as archive:
        for entry in archive.namelist():
            data = archive.read(entry)
            where = f"{path.name}:{entry}"
            if entry.endswith(".css"):
                assert_clean_css(data.decode("utf-8"), where)
            if not entry.endswith(XML_ENTRIES):
                continue
            count += 1
            assert b"<script" not in data.lower(), where
            root = safexml.fromstring(data)
            assert_clean_markup(root, where)
            assert not re.search(rb"HYPERLINK\s+\"?\s*(javascript|data|vbscript|file):", data, re.IGNORECASE), where
    return count


def scan_pdf(path: Path) -> list[str]:
    """No JavaScript, launch or automatic actions; every link annotation's URI http(s), mailto or tel.
    Returns the URIs found."""
    uris = []
    with pikepdf.open(path) as pdf:
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        for page in pdf.pages:
            assert "/AA" not in page.obj
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action.URI))
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") not in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"), path.name
                assert "/JS" not in obj, f"{path.name}: /JS entry"
    bad = [u for u in uris if not SAFE_PDF_URI.match(u)]
    assert not bad, f"{path.name}: {bad}"
    return uris


def scan_build(out: Path) -> dict[str, int]:
    """Scan every output of a full build; returns what was scanned, so a test can see it was not empty."""
    counts = {"html": 0, "assets": 0, "entries": 0, "pdf-links": 0}
    for page in sorted(out.glob("*.html")):
        scan_html(page)
        counts["html"] += 1
    for asset in sorted((out / "almanac-assets").rglob("*")):
        if asset.suffix == ".css":
            assert_clean_css(asset.read_text(encoding="utf-8"), asset.name)
            counts["assets"] += 1
        elif asset.suffix == ".svg":
            assert_clean_markup(safexml.parse(str(asset)).getroot(), asset.name)
            counts["assets"] += 1
    for archive in ("almanac.epub", "almanac.docx"):
        counts["entries"] += scan_archive(out / archive)
    for pdf in ("almanac.pdf", "almanac-large-print.pdf"):
        counts["pdf-links"] += len(scan_pdf(out / pdf))
    return counts
