"""The EPUB's accessibility conformance claim (EPUB Accessibility 1.1). The writer never makes it: the
checks command adds it when the check results say the publication is fully compliant
(`checks.compliance.may_claim_conformance`, the verdict the statement prints too) and withdraws it
otherwise, so the EPUB never claims what the statement denies."""

from __future__ import annotations

import datetime as dt
import zipfile

from lxml import etree

from ..zipfiles import normalise_zip
from .xhtml import DC_NS, OPF_NS, parse_xml

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"


def claim_conformance(epub_path: str, epoch: int, claimed: bool = True) -> None:
    """Rewrite the EPUB atomically with dcterms:conformsTo and a11y:certifiedBy (the publisher), or, with
    claimed=False, without them. Running it twice leaves one claim or none."""
    with zipfile.ZipFile(epub_path) as archive:
        container = parse_xml(archive.read("META-INF/container.xml"))
        opf_name = container.find(f".//{{{CONTAINER_NS}}}rootfile").get("full-path")
        package = parse_xml(archive.read(opf_name))
    metadata = package.find(f"{{{OPF_NS}}}metadata")
    present = [meta for meta in metadata.findall(f"{{{OPF_NS}}}meta")
               if meta.get("property") in ("dcterms:conformsTo", "a11y:certifiedBy")]
    if not claimed and not present:
        return  # nothing to withdraw: the file is left as the writer made it
    for meta in present:
        metadata.remove(meta)
    publisher = metadata.findtext(f"{{{DC_NS}}}publisher") or ""
    if claimed and not publisher.strip():
        raise ValueError(f"{epub_path}: the package has no dc:publisher to name as certifier")
    if claimed:
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
