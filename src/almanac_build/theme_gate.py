"""The gate (source/gate.py) applied to the theme: `theme.yaml` and the CSS beside it.

Theme values go straight into markup: colours into CSS custom properties and ReportLab's
`<a color="…">`, the font family into `@font-face` rules, font files are copied beside the HTML and
EPUB. So every value is checked by what it is, found from where it sits rather than from a list of
names, so that a field added to the theme later is checked too: anything under `colours:` is a colour,
anything under `fonts:` a font file inside the theme folder (`family` a font name), every number finite
and in range, every other text free of characters that could end the CSS or markup it is written into.
The stylesheets may not load anything from elsewhere (`@import`, `url(…)` other than the theme's own
fonts and in-page `#id`s, `expression(…)`, `javascript:`).
"""

from __future__ import annotations

import math
import os
import re

from .diagnostics import AlmanacError, Collector, Loc
from .source.gate import character_problem
from .source.schema import COLOUR_RE
from .source.yamlsource import Located, load_yaml

FONT_FAMILY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")
MARKUP_CHARACTERS = re.compile(r"[<>&\"'{};\\]")
CSS_FILES = ("html.css", "html-print.css", "epub.css")
_CSS_DANGER = re.compile(r"@import|expression\s*\(|javascript:|vbscript:|behaviou?r\s*:|-moz-binding|"
                         r"url\(\s*(?![\"']?(?:#|fonts/))", re.IGNORECASE)
LARGEST_NUMBER = 1000  # points or millimetres: a page is 842 pt tall


def check_theme(directory: str) -> dict:
    """The theme's data as plain values; raise AlmanacError listing every value the gate refuses."""
    path = os.path.join(directory, "theme.yaml")
    with open(path, encoding="utf-8") as handle:
        located = load_yaml(handle.read(), path)
    out = Collector()
    _walk(located, (), directory, out)
    for name in CSS_FILES:
        _check_css(os.path.join(directory, name), out)
    out.raise_if_any()
    return _plain(located)


def _walk(node: Located, keys: tuple[str, ...], directory: str, out: Collector) -> None:
    value = node.value
    if isinstance(value, dict):
        for key, child in value.items():
            _walk(child, keys + (str(key),), directory, out)
        return
    if isinstance(value, list):
        for child in value:
            _walk(child, keys, directory, out)
        return
    name = ".".join(keys)
    problem = _problem(value, keys, directory)
    if problem:
        out.error(node.loc, f"the theme's '{name}' {problem}", "correct the value in the theme")


def value_problem(value: object, keys: tuple[str, ...], directory: str) -> str:
    """The gate's verdict on one theme value at `keys` (also used on a publication's own theme.yaml,
    whose font files lie in the source folder: `directory`)."""
    return _problem(value, keys, directory)


def _problem(value: object, keys: tuple[str, ...], directory: str) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        ok = math.isfinite(value) and 0 <= value <= LARGEST_NUMBER
        return "" if ok else f"must be a number from 0 to {LARGEST_NUMBER}, not {value}"
    if not isinstance(value, str):
        return "must be text or a number"
    control = character_problem(value)
    if control:
        return control
    if re.match(r"^[-+]?\.(nan|inf)$", value, re.IGNORECASE):
        return f"must be a number from 0 to {LARGEST_NUMBER}, not {value}"
    if keys[0] == "colours":
        return "" if COLOUR_RE.match(value) else f"must be a colour like \"#1d70b8\", not {value!r}"
    if keys[0] == "fonts" and keys[-1] == "family":
        return "" if FONT_FAMILY_RE.match(value) else f"must be a font name (letters, digits, spaces), not {value!r}"
    if keys[0] == "fonts":
        root = os.path.realpath(directory)
        target = os.path.realpath(os.path.join(root, value))
        if os.path.commonpath([root, target]) != root or not os.path.isfile(target):
            return f"must name a file inside the theme folder, not {value!r}"
        return ""
    if MARKUP_CHARACTERS.search(value):
        return f"must not contain < > & \" ' {{ }} ; or \\ (found in {value!r})"
    return ""


def _check_css(path: str, out: Collector) -> None:
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for found in _CSS_DANGER.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        out.error(Loc(path, line, col), f"the stylesheet loads or runs something from elsewhere ({found.group()})",
                  "a theme's CSS may refer only to its own fonts (url(\"fonts/…\")) and to #ids in the page")


def _plain(node: Located) -> object:
    if isinstance(node.value, dict):
        return {k: _plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(v) for v in node.value]
    return node.value

