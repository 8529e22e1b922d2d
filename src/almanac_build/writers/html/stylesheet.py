"""The page's one stylesheet, `{slug}-assets/{slug}.css`, and the fonts beside it.

Design values are never typed into the CSS: colours come from `styles/theme.yaml` as custom
properties, each chapter's accent colour from its front matter; `styles/html.css` holds the rules and
`styles/html-print.css` the print rules (wrapped in `@media print` here, so the page makes one request).
"""

from __future__ import annotations

import os
import re
import shutil

from ... import glyphs
from ... import model as m
from ...styles import Theme

FACES = (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"),
         ("bold_italic", 700, "italic"))
_HEX = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")


def write_stylesheet(book: m.Book, theme: Theme, assets: str, css_name: str) -> None:
    fonts = os.path.join(assets, "fonts")
    os.makedirs(fonts, exist_ok=True)
    faces = ""
    for face, weight, style in FACES:
        name = os.path.basename(theme.font_path(face))
        shutil.copyfile(theme.font_path(face), os.path.join(fonts, name))
        faces += (f'@font-face {{ font-family: "{theme.font_family}"; font-weight: {weight}; font-style: {style};'
                  f' font-display: swap; src: url("fonts/{name}") format("truetype"); }}\n')
    fallback = glyphs.fallback_needed(book, theme)
    if fallback:  # behind the theme's font, per character, as in the PDFs (glyphs.py)
        for face in ("regular", "bold"):
            shutil.copyfile(glyphs.fallback_path(face), os.path.join(fonts, glyphs.FALLBACK[face]))
        faces += glyphs.css_fallback_faces("fonts/")
    parts = [faces, root_variables(theme, fallback), chapter_colours(book), _read(theme, "html.css"),
             "@media print {\n" + _read(theme, "html-print.css") + "}\n"]
    with open(os.path.join(assets, css_name), "w", encoding="utf-8") as handle:
        handle.write("\n".join(parts))


def root_variables(theme: Theme, fallback: bool = False) -> str:
    colours = theme.data["colours"]
    lines = [f"  --{k.replace('_', '-')}: {v};" for k, v in colours.items() if isinstance(v, str)]
    for word in ("red", "amber", "green"):
        lines.append(f"  --status-{word}-bg: {theme.status(word)['background']};")
        lines.append(f"  --status-{word}-text: {theme.status(word)['text']};")
    behind = f', "{glyphs.FALLBACK_FAMILY}"' if fallback else ""
    lines.append(f'  --font-family: "{theme.font_family}"{behind};')
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def chapter_colours(book: m.Book) -> str:
    """`#chapter-data { --chapter-colour: … }` for each chapter with a colour (a border and the icon
    tile only: never a text colour, so it needs no text contrast)."""
    rules = [f"#chapter-{c.id} {{ --chapter-colour: {c.colour}; }}"
             for c in book.chapters if c.colour and _HEX.match(c.colour)]
    return "\n".join(rules) + "\n"


def _read(theme: Theme, name: str) -> str:
    with open(os.path.join(theme.directory, name), encoding="utf-8") as handle:
        return handle.read()
