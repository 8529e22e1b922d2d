"""The EPUB (package, navigation and every content document in spine order) as one neutral view.

Heading order and the top heading are judged across the whole spine, as Ace does. The zip is read
with a safe XML parser: no entity expansion, no network.
"""

from __future__ import annotations

import os
import posixpath
import zipfile

from lxml import etree

from ... import glyphs, safexml
from ..textutil import squash
from ..view import View
from .coverage import font_face_urls, undrawable_in_view
from .markup import MarkupReader, css_justified, css_link_underline_removed, lang_facts, tag

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
OPS = "http://www.idpf.org/2007/ops"


def parse(data: bytes):
    """Safe XML: no network, no DTD, and no entity declarations at all (entity expansion bombs)."""
    if b"<!ENTITY" in data:
        raise ValueError("the document declares XML entities, which are refused")
    return etree.fromstring(data, safexml.new_parser())  # views are read in threads


def read_epub(output_dir: str, tracer, name: str) -> View | None:
    """The checks' reader of the EPUB format (writers/registry.py): the view of output_dir/name."""
    return epub_view(os.path.join(output_dir, name), tracer, name)


def epub_view(path: str, tracer, name: str) -> View | None:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return None
    with archive:
        view = View("E", name)
        opf_path = _rootfile(archive)
        package = parse(archive.read(opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {i.get("id"): i for i in package.iter(f"{{{OPF}}}item")}
        _metadata(view, package, opf_path)
        spine = [posixpath.normpath(posixpath.join(base, manifest[r.get("idref")].get("href")))
                 for r in package.iter(f"{{{OPF}}}itemref") if r.get("idref") in manifest]
        nav_item = next((i for i in manifest.values() if "nav" in (i.get("properties") or "").split()), None)
        nav_path = posixpath.normpath(posixpath.join(base, nav_item.get("href"))) if nav_item is not None else ""
        view.facts.update(spine=spine, nav_path=nav_path, ids={}, pagebreaks=[], justified=[], h1_per_document=True)
        for doc in spine:
            if doc != nav_path and doc in archive.namelist():
                _content(view, archive, doc, tracer)
        if nav_path and nav_path in archive.namelist():
            _nav(view, parse(archive.read(nav_path)), nav_path)
        view.facts["links_not_underlined"] = []
        fonts = []
        for css in (n for n in archive.namelist() if n.endswith(".css")):
            text = archive.read(css).decode("utf-8", "replace")
            for url in font_face_urls(text):
                font = posixpath.normpath(posixpath.join(posixpath.dirname(css), url))
                if font in archive.namelist():
                    fonts.append(glyphs.charset_of(archive.read(font)))
            if css_justified(text):
                view.facts["justified"].append(view.here(f"{css} (text-align: justify)"))
            view.facts["links_not_underlined"] += [view.here(f"{css} {sel}") for sel in css_link_underline_removed(text)]
        view.facts["undrawable"] = undrawable_in_view(view, fonts)
    return view


def _rootfile(archive: zipfile.ZipFile) -> str:
    container = parse(archive.read("META-INF/container.xml"))
    for el in container.iter():
        if tag(el) == "rootfile":
            return el.get("full-path")
    raise zipfile.BadZipFile("no rootfile")


def _metadata(view: View, package, opf_path: str) -> None:
    metas: list[tuple[str, str]] = []
    for el in package.iter(f"{{{OPF}}}meta"):
        if el.get("property"):
            metas.append((el.get("property"), squash(el.text)))
    dc = {}
    for el in package.iter():
        if isinstance(el.tag, str) and etree.QName(el).namespace == DC:
            dc.setdefault(etree.QName(el).localname, []).append(squash(el.text))
    view.facts.update(meta=metas, dc=dc, links=[(l.get("rel"), l.get("href")) for l in package.iter(f"{{{OPF}}}link")])
    titles = dc.get("title", [])
    view.title = titles[0] if titles else None
    view.title_where = view.here(f"{opf_path} dc:title")
    lang = package.get("{http://www.w3.org/XML/1998/namespace}lang")
    view.langs.append((lang if lang and lang.strip() else None, view.here(f"{opf_path} package/@xml:lang")))
    for value in dc.get("language", [None]):
        view.langs.append((value or None, view.here(f"{opf_path} dc:language")))


def _content(view: View, archive, doc: str, tracer) -> None:
    root = parse(archive.read(doc))
    titles = [e for e in root.iter() if tag(e) == "title"]
    if not titles or not squash(titles[0].xpath("string()")):
        view.facts.setdefault("untitled", []).append(view.here(f"{doc} head > title"))
    lang_facts(view, root, True, view.here(f"{doc} html[lang]"))
    view.facts["ids"][doc] = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get(f"{{{OPS}}}type") == "pagebreak" or el.get("role") == "doc-pagebreak"):
            view.facts["pagebreaks"].append((doc, el.get("id"), squash(el.get("title") or el.xpath("string()"))))
    body = next((e for e in root if tag(e) == "body"), root)
    MarkupReader(view, tracer, doc).read(body)


def _nav(view: View, root, nav_path: str) -> None:
    base = posixpath.dirname(nav_path)
    for nav in (e for e in root.iter() if tag(e) == "nav"):
        kind = nav.get(f"{{{OPS}}}type") or nav.get("role", "").replace("doc-", "")
        hrefs = [a.get("href") for a in nav.iter() if tag(a) == "a" and a.get("href")]
        resolved = [_resolve(base, h) for h in hrefs]
        view.facts[f"nav_{kind.replace('-', '_')}"] = resolved


def _resolve(base: str, href: str) -> tuple[str, str]:
    file, _, fragment = href.partition("#")
    return (posixpath.normpath(posixpath.join(base, file)) if file else "", fragment)
