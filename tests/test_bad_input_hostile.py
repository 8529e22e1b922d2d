"""Hostile source that is valid Markdown is neutralised: no script, event-handler attribute or
javascript:/data:/vbscript: address from the source reaches any output file, including inside the DOCX
and EPUB archives and the PDF's link annotations. (Hostile source that is not allowed at all, such as raw
HTML or a javascript: link, is refused with an error: see test_bad_input.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from almanac_build.build import build
from bad_inputs import ALMANAC, COUNCILS, DATA, DATA_CH
from conftest import copy_sample
from output_scan import scan_archive, scan_build, scan_html, scan_pdf

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


def test_hostile_text_reaches_the_html_only_as_text(hostile_build):
    page = (hostile_build / "almanac.html").read_text(encoding="utf-8")
    scan_html(hostile_build / "almanac.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # kept, visibly, as the editor wrote it
    for asset in (hostile_build / "almanac-assets").rglob("*"):
        if asset.is_file() and asset.suffix in (".svg", ".css"):
            assert "javascript:" not in asset.read_text(encoding="utf-8").lower(), asset


@pytest.mark.parametrize("name", ["almanac.epub", "almanac.docx"])
def test_hostile_text_reaches_the_archives_only_as_text(hostile_build, name):
    assert scan_archive(hostile_build / name) > 0


@pytest.mark.parametrize("name", ["almanac.pdf", "almanac-large-print.pdf"])
def test_pdf_has_no_script_and_only_safe_link_addresses(hostile_build, name):
    assert scan_pdf(hostile_build / name), "the hostile chapter has links, so the PDF has link annotations"


def test_every_output_scanned(hostile_build):
    scanned = scan_build(hostile_build)
    assert scanned["html"] >= 2 and scanned["assets"] >= 3
