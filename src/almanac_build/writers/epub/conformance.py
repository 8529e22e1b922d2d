"""The EPUB's accessibility conformance claim (EPUB Accessibility 1.1), added only after the build's
own checks pass: the checks command calls `claim_conformance` then, never the writer."""

from __future__ import annotations

import datetime as dt
import zipfile

from lxml import etree

from ..zipfiles import normalise_zip
from .xhtml import DC_NS, OPF_NS, parse_xml

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"


def claim_conformance(epub_path: str, epoch: int) -> None:
    """Rewrite the EPUB atomically with dcterms:conformsTo and a11y:certifiedBy (the publisher).
    Running it twice leaves one claim."""
    with zipfile.ZipFile(epub_path) as archive:
        container = parse_xml(archive.read("META-INF/container.xml"))
        opf_name = container.find(f".//{{{CONTAINER_NS}}}rootfile").get("full-path")
        package = parse_xml(archive.read(opf_name))
    metadata = package.find(f"{{{OPF_NS}}}metadata")
    for meta in metadata.findall(f"{{{OPF_NS}}}meta"):
        if meta.get("property") in ("dcterms:conformsTo", "a11y:certifiedBy"):
            metadata.remove(meta)
    publisher = metadata.findtext(f"{{{DC_NS}}}publisher") or ""
    if not publisher.strip():
        raise ValueError(f"{epub_path}: the package has no dc:publisher to name as certifier")
    _meta(metadata, "dcterms:conformsTo", CONFORMS_TO)
    _meta(metadata, "a11y:certifiedBy", publisher.strip())
    modified = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for meta in metadata.findall(f"{{{OPF_NS}}}meta"):
        if meta.get("property") == "dcterms:modified":
            meta.text = modified
    data = etree.tostring(package, xml_declaration=True, encoding="utf-8")
    normalise_zip(epub_path, epoch, replace={opf_name: data})  # writes a temporary file, then renames


def _meta(metadata: etree._Element, prop: str, value: str) -> None:
    element = etree.SubElement(metadata, f"{{{OPF_NS}}}meta", property=prop)
    element.text = value
