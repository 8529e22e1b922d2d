"""Hostile source that is valid Markdown is neutralised: no script, event-handler attribute or
javascript:/data:/vbscript: address from the source reaches any output file, including inside the DOCX
and EPUB archives and the PDF's link annotations. (Hostile source that is not allowed at all, such as raw
HTML or a javascript: link, is refused with an error: see test_bad_input.py.)"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from lxml import html as lxml_html

from almanac_build import safexml
from almanac_build.build import build
from bad_inputs import ALMANAC, COUNCILS, DATA, DATA_CH
from conftest import copy_sample

PAYLOAD = "<script>alert(1)</script>"
HOSTILE_TEXT = r"""
## Escaped \<script\>alert(1)\</script\> and \<img src=x onerror=alert(1)\>

A code span `<script>alert(1)</script>` and `javascript:alert(1)`, an escaped \<a href="javascript:alert(1)"\>link\</a\>.

A [link with a hostile title](https://example.com/ "\" onmouseover=\"alert(1)") and
[a link whose address has quotes](https://example.com/?q="onmouseover=alert(1)) and
<https://example.com/?x=<svg/onload=alert(1)>>.

A [span with handlers]{onclick="alert(1)" onmouseover="alert(1)"} and a
[link with handlers](https://example.com){onclick="alert(1)"}.

## A heading with attributes {#hostile-heading onclick="alert(1)" style="background:url(javascript:alert(1))"}

An inline image ![\<script\>alert(1)\</script\>](images/chart.svg){onerror="alert(1)"} in text.

::: {.case-study organisation="<script>alert(1)</script> Council" category="<img src=x onerror=alert(1)>" council="brent"}
Text of the case study with a [javascript: lookalike](https://javascript.example.com/).
:::

::: {.table caption="<script>alert(1)</script>" description="' onload='alert(1)"}
| \<b\>Head | Other |
|---|---|
| `<iframe src=javascript:alert(1)>` | \<svg onload=alert(1)\> |
:::
"""

SCHEMES = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data"}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    source = copy_sample(root / "source", {
        DATA_CH: DATA.replace("title: Data", f'title: "Data {PAYLOAD}"', 1) + HOSTILE_TEXT,
        "almanac.yaml": ALMANAC.replace("title: The sample almanac", f'title: "The sample almanac {PAYLOAD}"')
        .replace("description: A test book for almanac_build.",
                 'description: "<img src=x onerror=alert(1)> A test book for almanac_build."'),
        "data/councils.yaml": COUNCILS.replace("name: Brent", f'name: "Brent {PAYLOAD}"', 1),
    })
    out = root / "out"
    build(str(source), str(out))
    return out


def assert_clean_markup(root, where: str) -> None:
    """No script elements, no on* attributes, no dangerous address in any URL-bearing attribute."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        assert name not in ("script", "iframe", "object", "embed"), f"<{name}> in {where}"
        for attr, value in element.attrib.items():
            local = etree.QName(attr).localname.lower() if attr.startswith("{") else attr.lower()
            assert not local.startswith("on"), f"{local}= on <{name}> in {where}"
            if local in URL_ATTRS or local.endswith("href"):
                assert not SCHEMES.match(value), f"{local}={value!r} on <{name}> in {where}"
            if local == "style":
                assert "javascript" not in value.lower(), f"style={value!r} in {where}"


def test_hostile_text_reaches_the_html_only_as_text(hostile_build):
    page = (hostile_build / "almanac.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert_clean_markup(lxml_html.document_fromstring(page), "almanac.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # kept, visibly, as the editor wrote it
    for asset in (hostile_build / "almanac-assets").rglob("*"):
        if asset.is_file() and asset.suffix in (".svg", ".css"):
            assert "javascript:" not in asset.read_text(encoding="utf-8").lower(), asset


@pytest.mark.parametrize("name", ["almanac.epub", "almanac.docx"])
def test_hostile_text_reaches_the_archives_only_as_text(hostile_build, name):
    with zipfile.ZipFile(hostile_build / name) as archive:
        entries = [n for n in archive.namelist() if n.endswith((".xhtml", ".html", ".xml", ".opf", ".ncx",
                                                                ".svg", ".rels"))]
        assert entries
        for entry in entries:
            data = archive.read(entry)
            assert b"<script" not in data.lower(), f"{name}:{entry}"
            root = safexml.fromstring(data)
            assert_clean_markup(root, f"{name}:{entry}")
            for element in root.iter():  # DOCX relationships and fields
                target = element.get("Target") if isinstance(element.tag, str) else None
                assert not (target and SCHEMES.match(target)), f"{name}:{entry} Target={target}"
            assert not re.search(rb"HYPERLINK\s+\"?\s*(javascript|data|vbscript):", data, re.IGNORECASE)


@pytest.mark.parametrize("name", ["almanac.pdf", "almanac-large-print.pdf"])
def test_pdf_has_no_script_and_only_safe_link_addresses(hostile_build, name):
    with pikepdf.open(hostile_build / name) as pdf:
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        uris = []
        for page in pdf.pages:
            assert "/AA" not in page.obj
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is None:
                    continue
                assert action.get("/S") != "/JavaScript"
                if "/URI" in action:
                    uris.append(str(action.URI))
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") not in ("/JavaScript", "/Launch"), f"{name}: {obj.get('/S')} action"
                assert "/JS" not in obj, f"{name}: /JS entry"
    assert uris, "the hostile chapter has links, so the PDF has link annotations"
    assert all(re.match(r"^(https?://|mailto:|tel:)", u) for u in uris), uris
