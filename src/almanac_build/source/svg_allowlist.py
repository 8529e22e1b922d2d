"""SVG by allowlist: only what a static picture needs passes; anything else is refused, named.

SVG files are copied byte for byte into the HTML and EPUB editions and drawn by svglib (PDF) and resvg
(the DOCX's PNG fallback), so an SVG must hold nothing that runs, moves, or loads from elsewhere.
Nothing is stripped: rewriting the editor's file would make the outputs differ from what the editor sees
in their drawing program, and a refusal names the element and its line in the SVG so it can be fixed
there. Decisions per construct are in docs/robustness.md.
"""

from __future__ import annotations

import math
import re

from lxml import etree

from .. import safexml

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Drawing programs' own metadata: never rendered or run by any SVG reader, so kept as it is.
INERT_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/", "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/", "http://ns.adobe.com/Extensibility/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}

# The W3C's own SVG document types, which drawing programs write: a name, never fetched by this tool
# (the parser loads no DTD) or by any browser. Any other external DTD is refused.
W3C_SVG_DTDS = {"-//W3C//DTD SVG 1.1//EN", "-//W3C//DTD SVG 1.0//EN", "-//W3C//DTD SVG 1.1 Basic//EN",
                "-//W3C//DTD SVG 1.1 Tiny//EN"}

ELEMENTS = frozenset("""
svg g defs symbol use title desc metadata switch style a
path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop clipPath mask pattern marker
filter feBlend feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB feFuncG
feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset feTile feTurbulence
""".split())

# Why the best-known refused elements are refused (anything else not in ELEMENTS is "not a drawing element").
REFUSED = {
    "script": "scripts are not allowed", "foreignObject": "it embeds other content (HTML)",
    "set": "animation is not allowed", "animate": "animation is not allowed",
    "animateMotion": "animation is not allowed", "animateTransform": "animation is not allowed",
    "animateColor": "animation is not allowed", "mpath": "animation is not allowed",
    "discard": "animation is not allowed", "image": "it loads another picture (export it as its own PNG)",
    "feImage": "it loads another picture", "iframe": "it embeds other content", "video": "it embeds media",
    "audio": "it embeds media", "canvas": "it needs a script", "handler": "scripts are not allowed",
    "listener": "scripts are not allowed", "cursor": "it loads another file", "font-face-uri": "it loads a font",
}

ATTRIBUTES = frozenset("""
id class style transform d x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height viewBox preserveAspectRatio
points pathLength fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility
overflow clip clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits mask-type
font font-family font-size font-size-adjust font-weight font-style font-variant font-stretch text-anchor
dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration
writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust startOffset method spacing side
gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity patternUnits
patternContentUnits patternTransform marker marker-start marker-mid marker-end markerWidth markerHeight
markerUnits refX refY orient version baseProfile role focusable tabindex lang
shape-rendering text-rendering image-rendering color-rendering color-interpolation
color-interpolation-filters filter filterUnits primitiveUnits in in2 result stdDeviation mode operator
k1 k2 k3 k4 values type tableValues slope intercept amplitude exponent flood-color flood-opacity
lighting-color radius baseFrequency numOctaves seed stitchTiles edgeMode kernelMatrix order
enable-background paint-order vector-effect mix-blend-mode isolation href space media
""".split())
# Geometry written as numbers or lengths (a list for text's x/y/dx/dy): the drawing libraries fail on
# anything else, so it is refused here, at its line, instead.
LENGTH_ATTRIBUTES = frozenset("x y x1 y1 x2 y2 cx cy r rx ry fx fy fr dx dy width height stroke-width".split())
_LENGTHS = re.compile(r"^\s*(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:px|pt|pc|mm|cm|in|em|ex|%)?"
                      r"(?:\s*,\s*|\s+|\s*$))+$|^\s*(?:auto|inherit)\s*$")
_PATH_DATA = re.compile(r"\s*(?:[Mm](?:[\s,]*(?:[MmZzLlHhVvCcSsQqTtAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))*)?"
                        r"[\s,]*")
ARIA_OR_DATA = re.compile(r"^(aria|data)-[a-z0-9-]+$")
ID_REFERENCE = re.compile(r"^\s*#[A-Za-z_][\w.:-]*\s*$")

# CSS (style attributes, <style> elements, presentation attributes): the functions a static picture
# uses; url() only to an #id in the same file; no at-rule but @media; no escapes (they can spell any
# of the rest); no animation or transition.
CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "url", "calc", "var", "matrix", "translate", "translatex",
                 "translatey", "scale", "scalex", "scaley", "rotate", "skewx", "skewy", "local", "format"}
_CSS_FUNCTION = re.compile(r"([A-Za-z_-][\w-]*)\s*\(", re.ASCII)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_AT_RULE = re.compile(r"@([A-Za-z-]+)")
_CSS_ANIMATION = re.compile(r"(?<![\w-])(-[a-z]+-)?(animation|transition)[\w-]*\s*:", re.IGNORECASE)

# Size and shape budget: the DOCX fallback renders the picture at the figure's width, so its height in
# pixels grows with the aspect ratio; svglib and resvg work in proportion to the declared size.
MAX_ASPECT = 20.0
MAX_SIDE = 20000.0  # user units (CSS pixels): about 5 metres at 96 per inch
MAX_ELEMENTS = 20000


class SvgRefused(Exception):
    """An SVG the allowlist refuses: `problem` reads after "the SVG image 'x.svg' …"."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def check_svg(path: str) -> None:
    """Raise SvgRefused with the first construct the allowlist does not accept."""
    try:
        tree = safexml.parse(path)
    except etree.XMLSyntaxError as exc:
        raise SvgRefused(f"is not valid XML ({exc.msg})") from None
    docinfo = tree.docinfo
    if safexml.declares_entities(tree):
        raise SvgRefused("declares XML entities (<!ENTITY …>)")
    if (docinfo.system_url or docinfo.public_id) and docinfo.public_id not in W3C_SVG_DTDS:
        raise SvgRefused(f"refers to an external DTD ({(docinfo.system_url or docinfo.public_id)[:60]})")
    root = tree.getroot()
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            raise SvgRefused(f"has a processing instruction <?{node.target} …?> (line {node.sourceline} of the "
                             "SVG), which can load a stylesheet")
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace not in (SVG, None):
        raise SvgRefused("does not have <svg> as its top element")
    count = 0
    for element in root.iter():
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgRefused(f"has more than {MAX_ELEMENTS:,} elements; simplify the drawing or export it as PNG")
        _check_node(element)
    _check_size(root)


def _check_node(element) -> None:
    line = f"line {element.sourceline} of the SVG"
    if isinstance(element, etree._ProcessingInstruction):
        raise SvgRefused(f"has a processing instruction <?{element.target} …?> ({line})")
    if not isinstance(element.tag, str):
        return  # comments
    qname = etree.QName(element)
    if qname.namespace in INERT_NAMESPACES:
        _check_inert(element, line)
        return
    name = qname.localname
    if qname.namespace not in (SVG, None):
        raise SvgRefused(f"contains {_a(name)} <{name}> element from another vocabulary ({qname.namespace}) ({line})")
    if name not in ELEMENTS:
        why = REFUSED.get(name, "it is not a drawing element this tool allows")
        raise SvgRefused(f"contains {_a(name)} <{name}> element ({line}): {why}")
    for attr, value in element.attrib.items():
        _check_attribute(name, attr, value, line)
    if name == "style":
        if element.get("type", "text/css").strip().lower() != "text/css":
            raise SvgRefused(f"has a <style> element that is not CSS ({line})")
        _check_css("".join(element.itertext()), f"<style> ({line})", sheet=True)


def _a(name: str) -> str:
    return "an" if name[:1].lower() in "aeiou" else "a"


def _check_inert(element, line: str) -> None:
    for attr, value in element.attrib.items():
        local = etree.QName(attr).localname
        if local.lower().startswith("on"):
            raise SvgRefused(f"contains an event handler ({local}) ({line})")
    for child in element.iterdescendants():
        if isinstance(child.tag, str) and etree.QName(child).namespace not in INERT_NAMESPACES:
            raise SvgRefused(f"has a <{etree.QName(child).localname}> element inside metadata ({line})")


def _check_attribute(element: str, attr: str, value: str, line: str) -> None:
    qname = etree.QName(attr)
    local, namespace = qname.localname, qname.namespace
    if local.lower().startswith("on"):
        raise SvgRefused(f"contains an event handler ({local}) on <{element}> ({line})")
    if namespace in INERT_NAMESPACES:
        return
    if namespace not in (None, XLINK, XML) or (namespace == XLINK and local not in ("href", "title")) or (
            namespace is None and local not in ATTRIBUTES and not ARIA_OR_DATA.match(local)):
        raise SvgRefused(f"has an attribute '{local}' on <{element}> ({line}) that a static picture does not need")
    if namespace is None and local in LENGTH_ATTRIBUTES and not _LENGTHS.match(value):
        raise SvgRefused(f"has {local}=\"{value[:20]}\" on <{element}> ({line}), which is not a number or length")
    if namespace is None and local == "d" and not _PATH_DATA.fullmatch(value):
        raise SvgRefused(f"has path data that cannot be read on <{element}> ({line}): d=\"{value[:30]}\"")
    if local == "href":
        if not ID_REFERENCE.match(value):
            raise SvgRefused(f"refers to another file or address ({value[:40]}) on <{element}> ({line})")
        return
    if "javascript:" in value.lower().replace(" ", "") or "vbscript:" in value.lower():
        raise SvgRefused(f"has a script address in '{local}' on <{element}> ({line})")
    if local == "style" or "(" in value:
        _check_css(value, f"'{local}' on <{element}> ({line})", declarations=local == "style")


def _check_css(css: str, where: str, sheet: bool = False, declarations: bool = False) -> None:
    """CSS (a `<style>` sheet, a `style` attribute's declarations, or a presentation attribute's value):
    sheets and declarations are parsed as svglib reads them (tinycss2, svglib's own parser), so what it
    cannot parse is refused here, not left to fail inside the PDF writer; then the allowlist of what CSS
    may do."""
    import tinycss2

    nodes = (tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) if sheet else
             tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True) if declarations else [])
    broken = next((n for n in nodes if n.type == "error"), None)
    if broken is not None:
        raise SvgRefused(f"has CSS that cannot be read in {where} ({broken.message})")
    if sheet and any(n.type == "qualified-rule" and not tinycss2.serialize(n.prelude).strip() for n in nodes):
        raise SvgRefused(f"has a CSS rule without a selector in {where}")
    if "\\" in css:
        raise SvgRefused(f"has a CSS escape (\\) in {where}; write the CSS without escapes")
    for found in _CSS_AT_RULE.finditer(css):
        if found.group(1).lower() != "media":
            raise SvgRefused(f"has CSS @{found.group(1)} in {where}; it can load or run something else")
    if _CSS_ANIMATION.search(css):
        raise SvgRefused(f"has a CSS animation or transition in {where}")
    for found in _CSS_FUNCTION.finditer(css):
        if found.group(1).lower() not in CSS_FUNCTIONS:
            raise SvgRefused(f"has the CSS function {found.group(1)}() in {where}")
    for found in _CSS_URL.finditer(css):
        if not ID_REFERENCE.match(found.group(2)):
            raise SvgRefused(f"refers to another file or address in url({found.group(2)[:40]}) in {where}; "
                             "only url(#id) of an element in the same SVG is allowed")
    if re.search(r"url\s*\(", css, re.IGNORECASE) and not _CSS_URL.search(css):
        raise SvgRefused(f"has an unclosed url( in {where}")


_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNIT = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def _check_size(root) -> None:
    """The declared size (width/height, else the viewBox) within MAX_SIDE and MAX_ASPECT."""
    width, height = length_px(root.get("width")), length_px(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            raise SvgRefused(f"has a viewBox that is not four numbers ({root.get('viewBox')[:40]})") from None
        if not (math.isfinite(box_w) and math.isfinite(box_h)) or box_w <= 0 or box_h <= 0:
            raise SvgRefused(f"has an empty or negative viewBox ({root.get('viewBox')[:40]})")
        width, height = width or box_w, height or box_h
        _within("viewBox", box_w, box_h)
    elif box:
        raise SvgRefused(f"has a viewBox that is not four numbers ({root.get('viewBox')[:40]})")
    if width is not None and height is not None:
        _within("size", width, height)


def _within(what: str, width: float, height: float) -> None:
    if width <= 0 or height <= 0:
        raise SvgRefused(f"has a {what} of zero width or height")
    if max(width, height) > MAX_SIDE:
        raise SvgRefused(f"is {width:g} × {height:g} units ({what}); the most allowed is {MAX_SIDE:,.0f} a side — "
                         "scale the drawing down")
    if max(width / height, height / width) > MAX_ASPECT:
        raise SvgRefused(f"is {width:g} × {height:g} units ({what}), more than {MAX_ASPECT:g} times as long as it "
                         "is wide — crop it, or split it into several pictures")


def length_px(value: str | None) -> float | None:
    if value is None or value.strip().endswith("%"):
        return None
    found = _LENGTH.match(value)
    if not found:
        raise SvgRefused(f"has a width or height that is not a length ({value[:40]})")
    number = float(found.group(1)) * _UNIT[found.group(2)]
    if not math.isfinite(number):
        raise SvgRefused(f"has a width or height that is not a length ({value[:40]})")
    return number
