"""Plain text of each built output, in reading order, for fidelity and content tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from lxml import etree, html

from conftest import pdf_text

SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def html_text(path: Path) -> str:
    root = html.parse(str(path)).getroot()
    return " ".join(root.body.itertext())


def docx_text(path: Path) -> str:
    body = docx.Document(str(path)).element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return " ".join("".join(t.text or "" for t in p.iter(f"{ns}t")) for p in body.iter(f"{ns}p"))


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as epub:
        opf_name = next(n for n in epub.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(epub.read(opf_name), SAFE)
        ns = {"o": "http://www.idpf.org/2007/opf"}
        hrefs = {i.get("id"): i.get("href") for i in opf.xpath("//o:manifest/o:item", namespaces=ns)}
        base = opf_name.rsplit("/", 1)[0] + "/" if "/" in opf_name else ""
        parts = []
        for ref in opf.xpath("//o:spine/o:itemref/@idref", namespaces=ns):
            root = etree.fromstring(epub.read(base + hrefs[ref]), SAFE)
            parts.append(" ".join(root.itertext()))
    return " ".join(parts)


def output_text(folder: Path, name: str) -> str:
    path = folder / name
    if name.endswith(".pdf"):
        return pdf_text(path)
    return {"html": html_text, "docx": docx_text, "epub": epub_text}[name.rsplit(".", 1)[1]](path)
