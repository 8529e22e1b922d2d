"""The publication's own design: `source/theme.yaml` merged over the tool's defaults (`styles/theme.yaml`).

The defaults are the schema. A publication's theme may set any value the defaults have, and nothing
else: an unknown key is an error with the nearest known key; a value must have the default's type
(colour, number, true/false, text), and files it names (fonts, the logo) must lie inside the source.
Every merged value remembers where it was written (`Theme.origins`), so a contrast finding points at the
line the editor wrote, or at the tool's default when the publication did not set it.
"""

from __future__ import annotations

import difflib
import os

from ..diagnostics import Collector, Loc
from ..styles import STYLES_DIR, Theme
from ..theme_gate import value_problem
from .schema import COLOUR_RE
from .textfile import read_source_text
from .yamlsource import Located, load_yaml

THEME_FILE = "theme.yaml"
PAGE_SIZES = ("A4", "A5", "Letter")
FONT_FACES = ("regular", "bold", "italic", "bold_italic")
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true")  # TrueType, OpenType (CFF), Apple TrueType


def load_publication_theme(source_dir: str, out: Collector) -> Theme:
    """The merged theme; problems in the publication's theme.yaml go to `out` (its values are then ignored)."""
    data, origins = default_theme()
    path = os.path.join(source_dir, THEME_FILE)
    if not os.path.isfile(path):
        return Theme(data, STYLES_DIR, origins)
    from ..diagnostics import AlmanacError

    try:
        located = load_yaml(read_source_text(source_dir, path), path)
    except AlmanacError as exc:
        out.items.extend(exc.diagnostics)
        return Theme(data, STYLES_DIR, origins, path)
    if located.value is None:
        return Theme(data, STYLES_DIR, origins, path)
    _merge(located, data, origins, "", _Context(source_dir, path, out))
    return Theme(data, STYLES_DIR, origins, path)


def default_theme() -> tuple[dict, dict[str, Loc]]:
    """The tool's defaults as plain data (font files as absolute paths) and where each value is written."""
    path = os.path.join(STYLES_DIR, THEME_FILE)
    with open(path, encoding="utf-8") as handle:
        located = load_yaml(handle.read(), path)
    origins: dict[str, Loc] = {}
    data = _plain(located, "", origins)
    for face in (*FONT_FACES, "licence"):
        data["fonts"][face] = os.path.join(STYLES_DIR, data["fonts"][face])
    return data, origins


def _plain(node: Located, prefix: str, origins: dict[str, Loc]):
    if isinstance(node.value, dict):
        out = {}
        for key, item in node.value.items():
            origins[prefix + key] = item.loc
            out[key] = _plain(item, f"{prefix}{key}.", origins)
        return out
    return node.value


class _Context:
    def __init__(self, source_dir: str, path: str, out: Collector):
        self.source_dir, self.path, self.out = source_dir, path, out


def _merge(node: Located, target: dict, origins: dict[str, Loc], prefix: str, ctx: _Context) -> None:
    where = f"'{prefix[:-1]}'" if prefix else THEME_FILE
    if not isinstance(node.value, dict):
        ctx.out.error(node.loc, f"{where} must be a group of 'key: value' lines",
                      f"write indented lines such as '{next(iter(target))}: …'")
        return
    if prefix == "fonts.":
        _require_font_faces(node, ctx)
    for key, item in node.value.items():
        dotted = prefix + key
        if key not in target:
            close = difflib.get_close_matches(key, list(target), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the keys allowed here are: {', '.join(target)}"
            ctx.out.error(item.key_loc or item.loc, f"unknown key '{key}' in {where} of the theme", hint)
            continue
        default = target[key]
        if isinstance(default, dict):
            _merge(item, default, origins, dotted + ".", ctx)
            continue
        value = _value(dotted, item, default, ctx)
        if value is not None:
            target[key] = value
            origins[dotted] = item.loc


def _require_font_faces(node: Located, ctx: _Context) -> None:
    """A publication that brings its own font brings every face of it, so no text is drawn in a face
    of another family under this family's name."""
    missing = [k for k in ("family", *FONT_FACES) if k not in node.value]
    if missing:
        ctx.out.error(node.loc, f"the theme's fonts are missing {', '.join(repr(k) for k in missing)}",
                      "name the family and all four font files (regular, bold, italic, bold_italic), "
                      "or remove 'fonts:' to use the tool's font")


def _value(dotted: str, item: Located, default: object, ctx: _Context):
    value, loc, out = item.value, item.loc, ctx.out
    own_message = dotted.startswith("colours.") or (dotted.startswith("fonts.") and dotted != "fonts.family")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and not own_message:
        problem = value_problem(value, tuple(dotted.split(".")), ctx.source_dir)  # the theme gate's rules
        if problem:
            out.error(loc, f"the theme's '{dotted}' {problem}", "correct the value in the theme")
            return None
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        out.error(loc, f"'{dotted}' in the theme must be true or false", "write true or false")
        return None
    if isinstance(default, (int, float)):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return value
        out.error(loc, f"'{dotted}' in the theme must be a number (0 or more), not {value!r}",
                  f"write a number such as {default}")
        return None
    if not isinstance(value, str) or not value.strip():
        out.error(loc, f"'{dotted}' in the theme must be text", f"write a value such as {default!r}")
        return None
    text = value.strip()
    if dotted.startswith("colours."):
        if COLOUR_RE.match(text):
            return text
        out.error(loc, f"'{dotted}' in the theme must be a colour like \"#00629B\", not {value!r}",
                  "write six hex digits after '#', in quotes")
        return None
    if dotted == "page.size":
        if text in PAGE_SIZES:
            return text
        close = difflib.get_close_matches(text, PAGE_SIZES, n=1, cutoff=0.3)
        out.error(loc, f"'page.size' in the theme must be one of {', '.join(PAGE_SIZES)}, not {value!r}",
                  f"did you mean '{close[0]}'?" if close else "write A4, A5 or Letter")
        return None
    if dotted == "logo":
        from .images import resolve_image

        return resolve_image(text, ctx.source_dir, loc, out) or None
    if dotted.startswith("fonts.") and dotted != "fonts.family":
        return _font_file(dotted, text, loc, ctx)
    return text


def _font_file(dotted: str, name: str, loc: Loc, ctx: _Context) -> str | None:
    root = os.path.realpath(ctx.source_dir)
    path = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        ctx.out.error(loc, f"the font file '{name}' lies outside the source folder",
                      "copy the font into source/fonts/ and write its path as fonts/name.ttf")
        return None
    if not os.path.isfile(path):
        ctx.out.error(loc, f"the font file '{name}' does not exist", "check the name (paths are relative to source/)")
        return None
    if dotted == "fonts.licence":
        return path
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head not in FONT_SIGNATURES:
        ctx.out.error(loc, f"'{name}' is not a TrueType or OpenType font file",
                      "use the font's .ttf or .otf file (WOFF files cannot be embedded in the PDF)")
        return None
    return path
