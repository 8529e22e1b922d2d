"""Hypothesis over pictures: generated SVGs (allowed and refused elements, attributes, CSS, references,
DTDs, processing instructions, sizes) and damaged rasters (PNG, JPEG, GIF with flipped bytes, cut
short, lying headers).

Properties:
- `check_svg` either accepts or raises SvgRefused, nothing else; an accepted SVG holds nothing the
  output scanner refuses (no script, animation, handler, foreign content, external reference), and
  svglib and resvg, the two libraries that draw it, either draw it or raise an ordinary exception (which
  the writers turn into a located error), never crash the process;
- `check_raster` either returns a size within the budget or raises RasterRefused; an accepted file is
  decoded by Pillow (as ReportLab will) without error.

`make test` runs FUZZ_EXAMPLES (default 100) of each with a fixed seed;
`FUZZ_EXAMPLES=3000 FUZZ_RANDOM=1 pytest tests/test_fuzz_images.py --hypothesis-show-statistics` is the
campaign recorded in docs/robustness.md.
"""

from __future__ import annotations

import io
import os
import tempfile

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from almanac_build import safexml
from almanac_build.source import raster
from almanac_build.source.svg_allowlist import SvgRefused, check_svg
from output_scan import BAD_CSS, assert_clean_markup

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_RANDOM" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ELEMENTS = st.sampled_from(["g", "rect", "circle", "path", "text", "tspan", "defs", "linearGradient", "stop",
                            "use", "a", "style", "title", "clipPath", "pattern", "marker", "filter", "feGaussianBlur",
                            "script", "set", "animate", "animateTransform", "foreignObject", "image", "feImage",
                            "iframe", "handler", "switch", "symbol", "mask", "polygon", "textPath", "unknown"])
NAMES = st.sampled_from(["x", "y", "width", "height", "fill", "stroke", "style", "transform", "d", "id", "class",
                         "href", "xlink:href", "onload", "onclick", "OnMouseOver", "r", "cx", "points", "viewBox",
                         "clip-path", "mask", "filter", "values", "attributeName", "to", "begin", "requiredExtensions",
                         "aria-label", "data-x", "font-family", "inkscape:label", "xml:space", "formaction"])
VALUES = st.sampled_from([
    "0", "10", "-5", "1e308", "NaN", "100%", "#a", "url(#a)", "url('#a')", "url(#a#b)", "url(http://e.com/#x)",
    "url( javascript:alert(1) )", "javascript:alert(1)", " JaVaScRiPt:x", "data:image/png;base64,AA", "#zz",
    "fill:url(#a);stroke:red", "fill: url(http://e.com/x)", "@import url(x.css)", "u\\72l(x)", "expression(alert(1))",
    "rgb(1,2,3)", "image-set('x.png' 1x)", "animation: spin 1s", "translate(1,2) rotate(3)", "M0 0L10 10",
    "a; } svg { fill: url(//e.com/x) }", "onload", "&#x6A;avascript:x", "\u202e", "", "🙂", "file:///etc/passwd",
])
CSS = st.lists(st.sampled_from([".a{fill:url(#a)}", "rect{stroke:#000}", "@import url(http://e.com/x.css);",
                                "@media print{rect{fill:red}}", "@font-face{src:url(x.woff)}",
                                "a{background:url(http://e.com/)}", "rect{fill:u\\72l(x)}", "/* c */",
                                "@keyframes k{from{opacity:0}}", "x{behavior:url(x.htc)}", "}", "{", "url("]),
               max_size=4).map(" ".join)
PROLOGUES = st.sampled_from([
    "", '<?xml version="1.0"?>\n', '<?xml-stylesheet href="http://e.com/x.css"?>\n',
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n',
    '<!DOCTYPE svg SYSTEM "http://e.com/evil.dtd">\n', '<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n',
    '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', "<!-- comment -->\n"])
SIZES = st.sampled_from(['width="10" height="10"', 'viewBox="0 0 100 50"', 'width="210mm" height="297mm"',
                         'width="100000" height="1"', 'viewBox="0 0 1 1000"', 'width="-3" height="5"',
                         'viewBox="0 0 nan 1"', 'width="1e999" height="1"', 'width="50%"', "", 'viewBox="0 0 0 0"'])
# A second, benign-leaning vocabulary, so that many documents pass and the drawing libraries are
# exercised on what the allowlist lets through (odd numbers, empty values, references to missing ids).
SAFE_ELEMENTS = st.sampled_from(["g", "rect", "circle", "ellipse", "line", "path", "polygon", "polyline", "text",
                                 "tspan", "defs", "linearGradient", "radialGradient", "stop", "use", "clipPath",
                                 "pattern", "marker", "mask", "symbol", "style", "title", "filter",
                                 "feGaussianBlur", "feOffset", "feFlood", "feMerge", "feMergeNode"])
SAFE_NAMES = st.sampled_from(["x", "y", "width", "height", "fill", "stroke", "stroke-width", "style", "transform",
                              "d", "id", "class", "href", "xlink:href", "r", "cx", "cy", "rx", "points", "viewBox",
                              "clip-path", "mask", "filter", "offset", "stop-color", "opacity", "font-size",
                              "stdDeviation", "in", "result", "marker-end", "patternUnits", "gradientTransform"])
SAFE_VALUES = st.sampled_from([
    "0", "10", "-5", "1e308", "-1e308", "NaN", "inf", "100%", "a", "#a", "#missing", "url(#a)", "url('#a')",
    "url(#missing)", "fill:url(#a);stroke:red", "fill:url(#a) none", "rgb(1,2,3)", "rgb(999,-1,1e9)",
    "translate(1,2) rotate(3)", "matrix(0,0,0,0,0,0)", "scale(1e30)", "M0 0L10 10", "M0 0 L", "Z", "", "🙂",
    "\u202e", "calc(1px + )", "var(--x)", "red", "currentColor", "none", "SourceGraphic", "userSpaceOnUse",
])
SAFE_CSS = st.lists(st.sampled_from([".a{fill:url(#a)}", "rect{stroke:#000}", "@media print{rect{fill:red}}",
                                     "/* c */", "}", "{", "*{font-size:1e9px}", "text{font-family:'x'}"]),
                    max_size=4).map(" ".join)
NAMESPACES = ('xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
              'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"')


@st.composite
def svg_documents(draw, benign: bool = False) -> str:
    elements, names, values, css = (SAFE_ELEMENTS, SAFE_NAMES, SAFE_VALUES, SAFE_CSS) if benign else (
        ELEMENTS, NAMES, VALUES, CSS)

    def element(depth: int) -> str:
        name = draw(elements)
        attrs = " ".join(f'{n}="{v}"' for n, v in draw(st.lists(st.tuples(names, values), max_size=4,
                                                                unique_by=lambda p: p[0])))
        if name == "style":
            body = draw(css).replace("&", "&amp;").replace("<", "&lt;")
        elif depth < 3:
            body = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3))))
        else:
            body = draw(st.sampled_from(["", "text", "&a;", "<![CDATA[x]]>"]))
        if name == "foreignObject" and draw(st.booleans()):
            body += '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>'
        return f"<{name} {attrs}>{body}</{name}>"
    body = "".join(element(0) for _ in range(draw(st.integers(0, 4))))
    if benign and draw(st.booleans()):
        body += '<linearGradient id="a"><stop offset="0" stop-color="red"/></linearGradient>'
    prologue = draw(st.sampled_from(["", '<?xml version="1.0"?>\n'])) if benign else draw(PROLOGUES)
    return f"{prologue}<svg {NAMESPACES} {draw(SIZES)}>{body}</svg>\n"


def _accepted(text: str, folder: str) -> str | None:
    path = os.path.join(folder, "x.svg")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    try:
        check_svg(path)
    except SvgRefused as refused:
        assert refused.problem
        event("svg refused")
        return None
    event("svg accepted")
    return path


@FUZZ
@given(st.one_of(svg_documents(), svg_documents(benign=True)))
def test_svg_is_accepted_clean_or_refused(text):
    with tempfile.TemporaryDirectory() as folder:
        path = _accepted(text, folder)
        if path is None:
            return
        tree = safexml.parse(path)
        assert_clean_markup(tree.getroot(), text[:200])
        for element in tree.getroot().iter():
            if isinstance(element.tag, str) and etree.QName(element).localname == "style":
                assert not BAD_CSS.search("".join(element.itertext())), text
        assert "<!ENTITY" not in text and "evil.dtd" not in text and "xml-stylesheet" not in text
        _draw(path, text)


def _draw(path: str, text: str) -> None:
    """Both drawing libraries on an accepted SVG: an ordinary exception is allowed (the writer turns it
    into a located error); anything else would end the process here."""
    import resvg_py
    from svglib.svglib import svg2rlg

    from almanac_build.writers.docx.finish import _sized_in_pixels

    try:
        svg2rlg(path)
    except Exception as exc:  # noqa: BLE001 - located by the PDF writer (test_hostile_failures.py)
        event(f"svglib raised {type(exc).__name__}")
    try:
        resvg_py.svg_to_bytes(svg_string=_sized_in_pixels(text.encode("utf-8")), width=64)
    except Exception as exc:  # noqa: BLE001 - located by the DOCX writer
        event(f"resvg raised {type(exc).__name__}")


def _valid(kind: str, size: tuple[int, int], mode: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, 100).save(buffer, {"png": "PNG", "jpeg": "JPEG", "gif": "GIF"}[kind])
    return buffer.getvalue()


@st.composite
def damaged_rasters(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["png", "jpeg", "gif"]))
    mode = draw(st.sampled_from(["L", "RGB"] if kind == "jpeg" else ["L", "RGB", "RGBA", "P"] if kind == "png"
                                else ["P", "L"]))
    data = bytearray(_valid(kind, (draw(st.integers(1, 64)), draw(st.integers(1, 64))), mode))
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["flip", "cut", "size", "insert"]))
        if action == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[draw(st.integers(0, len(data))):]
        elif action == "size":  # a header that lies: width/height fields set to anything
            offset = {"png": 16, "gif": 6, "jpeg": None}[kind]
            if offset is not None and len(data) > offset + 8:
                value = draw(st.sampled_from([0, 1, 65535, 2 ** 31 - 1, 100_000, 7071]))
                if kind == "png":
                    data[offset:offset + 4] = value.to_bytes(4, "big")
                else:
                    data[offset:offset + 2] = min(value, 65535).to_bytes(2, "little")
        elif action == "insert":
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(max_size=16))
    return kind, bytes(data)


@FUZZ
@given(damaged_rasters())
def test_raster_is_measured_and_accepted_within_budget_or_refused(case):
    kind, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"x.{kind}")
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            width, height = raster.check_raster(path, kind)
        except raster.RasterRefused as refused:
            assert refused.problem
            event("raster refused")
            return
        event("raster accepted")
        assert 0 < width * height <= raster.MAX_PIXELS
        from PIL import Image

        with Image.open(path) as image:  # what ReportLab does with it
            image.load()
            assert image.size == (width, height)
