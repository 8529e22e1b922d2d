"""The HTML edition and the download page in a real browser and the Nu HTML Checker.

tools/browser-check.js loads each page in the machine's headless Chromium (playwright-core, no
browser download), runs axe-core with the WCAG 2.2 A/AA and best-practice tags, records every
request, and measures the page width at 320 px (reflow) and at 640 px with text at 200 %. The tools
are installed by tools/install-validators.sh (`make test` and `make validate` run it first)."""

from __future__ import annotations

import json
import subprocess

import pytest

from almanac_build.source.loader import load
from almanac_build.walk import iter_blocks
from conftest import ROOT, SOURCE, write_edition

pytestmark = pytest.mark.validators

TOOLS = ROOT / ".tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


def browser_check(*pages) -> dict:
    done = subprocess.run(["node", str(ROOT / "tools" / "browser-check.js"), *map(str, pages)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def nu_check(*pages) -> list[dict]:
    done = subprocess.run(["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=300)
    return json.loads(done.stderr)["messages"]


@pytest.fixture(scope="module")
def paged_almanac(tmp_path_factory):
    """The real almanac's HTML with printed-page anchors (a synthetic pagination: a page at every
    seventh block), so the anchors face the same validators as the rest of the page."""
    out = tmp_path_factory.mktemp("paged-almanac")
    book = load(str(SOURCE))
    pages = [{"page": 1, "label": "1", "chapter": None, "block": -1, "continued": False, "loc": ""}]
    for chapter in book.chapters:
        for index, _ in enumerate(iter_blocks(chapter.blocks)):
            if index % 7 == 0:
                pages.append({"page": len(pages) + 1, "label": str(len(pages) + 1), "chapter": chapter.id,
                              "block": index - 1, "continued": False, "loc": ""})
    (out / ".build").mkdir()
    (out / ".build" / "pagination.json").write_text(json.dumps({"source": "almanac.pdf", "pages": pages,
                                                                "page_count": len(pages)}))
    write_edition(SOURCE, out, "html")
    return out / "almanac.html"


@pytest.fixture(scope="module")
def report(built_almanac, paged_almanac) -> dict:
    pages = [built_almanac / "almanac.html", built_almanac / "index.html", paged_almanac]
    result = browser_check(*pages)
    return {name: result[str(page)] for name, page in zip(("almanac", "index", "paged"), pages)}


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                     for v in violations)


@pytest.mark.parametrize("name", ["almanac", "index", "paged"])
def test_axe_finds_no_violations(report, name):
    assert report[name]["violations"] == [], describe(report[name]["violations"])


@pytest.mark.parametrize("name", ["almanac", "index"])
def test_no_horizontal_scrolling_at_320_px_or_with_text_at_200_percent(report, name):
    assert report[name]["scrollWidth320"] <= 320
    assert report[name]["scrollWidth640Text200"] <= 640


@pytest.mark.parametrize("name", ["almanac", "index"])
def test_only_local_files_are_requested(report, name):
    requests = report[name]["requests"]
    assert any(url.endswith("/almanac-assets/almanac.css") for url in requests)
    assert any(url.endswith(".ttf") for url in requests), "the committed font is loaded from beside the page"
    assert [url for url in requests if not url.startswith("file://")] == []


def test_skip_link_is_the_first_focusable_element(report):
    assert 'class="skip-link"' in report["almanac"]["firstFocusable"]


def test_nu_html_checker_finds_no_errors(built_almanac, paged_almanac):
    messages = nu_check(built_almanac / "almanac.html", built_almanac / "index.html", paged_almanac)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []


def test_nu_checker_accepts_the_stylesheet(built_almanac):
    css = built_almanac / "almanac-assets" / "almanac.css"
    done = subprocess.run(["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--format", "json",
                           "--css", str(css)], capture_output=True, text=True, timeout=300)
    assert [m["message"] for m in json.loads(done.stderr)["messages"] if m["type"] == "error"] == []


def test_the_checks_can_fail(tmp_path):
    """A bad page: an image without alt, a wide block, a web font from elsewhere, a skipped level."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>Bad</title>'
                   '<link rel="stylesheet" href="https://fonts.example.com/font.css"></head>'
                   '<body><main><h1>Bad</h1><h3>Skipped</h3><img src="x.png">'
                   '<div style="width:900px">wide</div></main></body></html>')
    result = browser_check(bad)[str(bad)]
    assert "image-alt" in {v["id"] for v in result["violations"]}
    assert result["scrollWidth320"] > 320
    assert "https://fonts.example.com/font.css" in result["requests"]
    errors = [m["message"] for m in nu_check(bad) if m["type"] == "error"]
    assert any("alt" in e for e in errors) and any("skipping" in e for e in errors)


def rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


def test_links_are_blue_and_underlined_with_a_visible_focus_style(report):
    from almanac_build.styles import load_theme

    theme = load_theme()
    styles = report["almanac"]["styles"]
    assert styles["link"]["color"] == rgb(theme.colour("link"))
    assert "underline" in styles["link"]["textDecorationLine"]
    assert styles["focused"]["backgroundColor"] == rgb(theme.colour("focus_background"))
    assert rgb(theme.colour("focus_text")) in styles["focused"]["boxShadow"]


def test_screenshots_at_three_widths(built_almanac, tmp_path):
    """`make screenshots`: PNGs of the parts to look at, at 320, 768 and 1280 px wide."""
    import struct

    done = subprocess.run(["node", str(ROOT / "tools" / "browser-check.js"), "--screenshots", str(tmp_path),
                           str(built_almanac / "almanac.html"), str(built_almanac / "index.html")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for width in (320, 768, 1280):
        for view in ("top", "chapter", "table", "case-study"):
            png = (tmp_path / f"almanac-{width}-{view}.png").read_bytes()
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            assert struct.unpack(">II", png[16:24])[0] == width  # IHDR width
        assert (tmp_path / f"index-{width}-top.png").is_file()
