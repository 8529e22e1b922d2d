"""The HTML edition (output/almanac.html and its stylesheet) as a neutral view."""

from __future__ import annotations

import os

from lxml import html as lxml_html

from ... import glyphs
from ..textutil import squash
from ..view import View
from .coverage import font_face_urls, undrawable_in_view
from .markup import MarkupReader, css_justified, css_link_underline_removed, lang_facts, tag


def html_view(output_dir: str, tracer, name: str = "almanac.html") -> View | None:
    path = os.path.join(output_dir, name)
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        root = lxml_html.document_fromstring(handle.read().decode("utf-8", "replace"))  # the edition is UTF-8
    view = View("H", name)
    titles = [e for e in root.iter() if tag(e) == "title"]
    view.title = squash(titles[0].text_content()) if titles else None
    view.title_where = view.here("head > title")
    lang_facts(view, root, False, view.here("html[lang]"))
    MarkupReader(view, tracer).read(root.body if root.find("body") is not None else root)
    sheets = list(_stylesheets(root, path))
    view.facts["justified"] = [view.here(f"{href} (text-align: justify)") for href, css in sheets if css_justified(css)]
    view.facts["links_not_underlined"] = [view.here(f"{href} {selector}") for href, css in sheets
                                          for selector in css_link_underline_removed(css)]
    view.facts["landmarks"] = _landmarks(root)
    view.facts["undrawable"] = undrawable_in_view(view, list(_embedded_fonts(root, path)))
    return view


def _embedded_fonts(root, path: str):
    """The character sets of the fonts the page's stylesheets embed."""
    for link in root.iter("link"):
        href = link.get("href") or ""
        if "stylesheet" not in (link.get("rel") or "") or "://" in href:
            continue
        css = os.path.join(os.path.dirname(path), href)
        if os.path.isfile(css):
            with open(css, encoding="utf-8", errors="replace") as handle:
                for url in font_face_urls(handle.read()):
                    font = os.path.normpath(os.path.join(os.path.dirname(css), url))
                    if os.path.isfile(font):
                        yield glyphs.charset(font)


def _landmarks(root) -> dict:
    """What axe's landmark-one-main, landmark-no-duplicate-main and bypass look at."""
    mains = [e for e in root.iter() if tag(e) == "main" or e.get("role") == "main"]
    main_ids = {e.get("id") for e in mains if e.get("id")}
    links = [a.get("href", "") for a in root.iter("a")]
    skip = any(h.startswith("#") and h[1:] in main_ids for h in links[:3])
    headings = any(tag(e) in ("h1", "h2", "h3") for e in root.iter())
    return {"main": len(mains), "skip_link": skip, "headings": headings}


def _stylesheets(root, path: str):
    for link in root.iter("link"):
        if "stylesheet" in (link.get("rel") or "") and link.get("href") and "://" not in link.get("href"):
            css = os.path.join(os.path.dirname(path), link.get("href"))
            if os.path.isfile(css):
                with open(css, encoding="utf-8", errors="replace") as handle:
                    yield link.get("href"), handle.read()
    for style in root.iter("style"):
        yield "<style>", style.text or ""
