"""The HTML edition: one page in the manner of a GOV.UK HTML publication, with its assets beside it.

Pandoc writes the body from the model (via pandoc_ast); this module adds the page around it: skip
link, header, contents nav, main, footer. The almanac title is the only h1; chapters are h2.
"""

from __future__ import annotations

import html
import os
import shutil

from .. import model as m
from ..source import pandoc
from ..text import plain
from .assets import copy_images
from .base import BuildContext, Writer
from .pandoc_ast import PandocConverter

ASSETS = "almanac-assets"


class HtmlWriter(Writer):
    name = "html"
    outputs = ("almanac.html", ASSETS)

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        assets = ctx.path(ASSETS)
        os.makedirs(assets, exist_ok=True)
        images = copy_images(book, os.path.join(assets))
        converter = PandocConverter(offset=1, image_src=lambda p: f"{ASSETS}/{images[p]}")
        body = pandoc.convert(converter.document(book), "html5", ["--wrap=none"])
        _write_stylesheet(ctx, assets)
        page = PAGE.format(lang=esc(book.meta.language), title=esc(book.meta.title),
                           description=esc(book.meta.description), css=f"{ASSETS}/almanac.css",
                           subtitle=esc(book.meta.subtitle), publisher=esc(book.meta.publisher),
                           contents=contents(book), body=body, footer=footer(book))
        with open(ctx.path("almanac.html"), "w", encoding="utf-8") as handle:
            handle.write(page)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def contents(book: m.Book) -> str:
    items = []
    for chapter in book.chapters:
        sections = [b for b in chapter.blocks if isinstance(b, m.Heading) and b.level == 2]
        inner = "".join(f'<li><a href="#{esc(s.id)}">{esc(plain(s.children))}</a></li>' for s in sections)
        nested = f"<ul>{inner}</ul>" if inner else ""
        items.append(f'<li><a href="#{esc(chapter.id)}">{esc(chapter.title)}</a>{nested}</li>')
    return "<ol class=\"contents\">" + "".join(items) + "</ol>"


def footer(book: m.Book) -> str:
    c = book.meta.contact
    return (f"<p>{esc(book.meta.publisher)}, {esc(c.address)}. Telephone {esc(c.telephone)}. "
            f'Email <a href="mailto:{esc(c.email)}">{esc(c.email)}</a>. '
            f'<a href="{esc(c.web)}">{esc(c.web.split("//")[-1])}</a></p>'
            f"<p>{esc(book.meta.copyright)}</p><p>{esc(book.meta.other_formats)}</p>")


def _write_stylesheet(ctx: BuildContext, assets: str) -> None:
    theme = ctx.theme
    fonts = os.path.join(assets, "fonts")
    os.makedirs(fonts, exist_ok=True)
    for face in ("regular", "bold", "italic", "bold_italic"):
        shutil.copyfile(theme.font_path(face), os.path.join(fonts, os.path.basename(theme.font_path(face))))
    variables = "".join(f"  --{k.replace('_', '-')}: {v};\n" for k, v in theme.data["colours"].items()
                        if isinstance(v, str))
    for word in ("red", "amber", "green"):
        variables += f"  --status-{word}-bg: {theme.status(word)['background']};\n"
        variables += f"  --status-{word}-text: {theme.status(word)['text']};\n"
    faces = ""
    for face, weight, style in (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"),
                                ("bold_italic", 700, "italic")):
        faces += (f"@font-face {{ font-family: \"{theme.font_family}\"; font-weight: {weight}; font-style: {style};"
                  f" src: url(\"fonts/{os.path.basename(theme.font_path(face))}\") format(\"truetype\"); }}\n")
    with open(os.path.join(theme.directory, "html.css"), encoding="utf-8") as handle:
        rules = handle.read()
    with open(os.path.join(assets, "almanac.css"), "w", encoding="utf-8") as handle:
        handle.write(f"{faces}:root {{\n{variables}  --font-family: \"{theme.font_family}\";\n}}\n{rules}")


PAGE = """<!DOCTYPE html>
<html lang="{lang}" xml:lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="masthead">
<p class="publisher">{publisher}</p>
<h1>{title}</h1>
<p class="subtitle">{subtitle}</p>
</header>
<nav aria-label="Contents">
<h2 id="contents">Contents</h2>
{contents}
</nav>
<main id="main">
{body}
</main>
<footer>
{footer}
</footer>
</body>
</html>
"""
