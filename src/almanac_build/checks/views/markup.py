"""HTML and XHTML (the HTML edition and the EPUB's content documents) read into the neutral view."""

from __future__ import annotations

import re

from lxml import etree

from ..textutil import sentence_around, squash
from ..view import Block, Cell, Heading, Image, Link, Table, View

_HEADING = re.compile(r"^h([1-6])$")
_BLOCK_PARENTS = ("p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote", "div", "section")
_CONTEXT = {"li": "list", "td": "cell", "th": "cell", "figcaption": "caption", "caption": "caption",
            "blockquote": "quote", "nav": "chrome", "header": "chrome", "footer": "chrome", "dd": "list",
            "dt": "list", "aside": "callout"}
_EMPHASIS = ("strong", "em", "b", "i", "u")
_NEXT = {"p": "p", "ul": "list", "ol": "list", "dl": "list", "table": "table", "figure": "figure", "img": "figure"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tag(el) -> str:
    """Local tag name, whatever the namespace (HTML parsed as XML in EPUB has the XHTML namespace)."""
    name = el.tag
    if not isinstance(name, str):
        return ""
    local = _LOCAL.get(name)
    if local is None:  # the few distinct tags are named once each (QName cost more than the reading)
        local = _LOCAL[name] = etree.QName(el).localname.lower()
    return local


_LOCAL: dict[str, str] = {}


class MarkupReader:
    """Fills `view` from one parsed document. `inner` names the file inside the output (EPUB), or ""."""

    def __init__(self, view: View, tracer, inner: str = ""):
        self.view, self.tracer, self.inner = view, tracer, inner
        self.section = None  # source of the last heading met in document order
        self._nth: dict[tuple[object, str], dict[object, int]] = {}  # (scope, tag) -> element -> position

    def read(self, root) -> None:
        for el in root.iter():
            name = tag(el)
            if _HEADING.match(name) or el.get("role") == "heading":
                self.heading(el, name)
            elif name == "img" or (name == "svg" and el.get("role") == "img"):
                self.image(el, name)
            elif name == "a" and el.get("href") is not None:
                self.link(el)
            elif name == "table":
                self.table(el)
            elif name == "p":
                self.block(el)
            if name in ("ul", "ol"):
                self.list_children(el)
            elif name == "li" and tag(el.getparent()) not in ("ul", "ol", "menu"):
                self.view.list_problems.append((self.where(el, "source"), "an li sits outside ul, ol or menu"))

    # ------------------------------------------------------------ locations
    def where(self, el, kind: str = "", text: str | None = None, href: str = "", src: str = ""):
        anchor, near = self.anchor(el)
        pointer = self.pointer(el, anchor)
        if self.section is not None and (near is None or (self.section.file == near.file
                                                          and self.section.line > near.line)):
            near = self.section  # the heading just above is closer than the enclosing block's id
        source = self.tracer.by_id(el.get("id")) if el.get("id") else None
        traced = "identity" if source is not None else "text"
        if source is None and kind and text:
            source = self.tracer.find(kind, text, near)
        if source is None and href:
            source = self.tracer.find_href(href, near)
        if source is None and src:
            source = self.tracer.find_src(src, near)
        return self.view.here(pointer, source or near, traced if source is not None else "section")

    def anchor(self, el):
        node = el
        while node is not None:
            if node.get("id") and self.tracer.by_id(node.get("id")):
                return node, self.tracer.by_id(node.get("id"))
            node = node.getparent()
        return None, None

    def pointer(self, el, anchor) -> str:
        prefix = f"{self.inner}" if self.inner else ""
        if el.get("id"):
            return f"{prefix}#{el.get('id')}"
        base = f"#{anchor.get('id')}" if anchor is not None else ""
        scope = anchor if anchor is not None else el.getroottree().getroot()
        index = self.positions(scope, tag(el)).get(el, 0)
        return f"{prefix}{base} {tag(el)}:nth({index})".strip()

    def positions(self, scope, name: str) -> dict[object, int]:
        """1-based position of each `name` element within `scope`, computed once per scope and tag (a
        scan per element made reading a long page quadratic)."""
        key = (scope, name)
        if key not in self._nth:
            self._nth[key] = {e: i for i, e in enumerate((e for e in scope.iter() if tag(e) == name), start=1)}
        return self._nth[key]

    # ------------------------------------------------------------ elements
    def heading(self, el, name: str) -> None:
        level = int(_HEADING.match(name).group(1)) if _HEADING.match(name) else int(el.get("aria-level") or 2)
        text = squash(el.get("aria-label") or accessible_text(el) or el.get("title") or "")
        where = self.where(el, "heading", text)
        self.section = where.source or self.section
        self.view.headings.append(Heading(level, text, where, _context(el)))

    def image(self, el, name: str) -> None:
        if name == "svg":
            titles = [c for c in el if tag(c) == "title"]
            alt = el.get("aria-label") or (squash(titles[0].xpath("string()")) if titles else None)
            decorative = False
        else:
            alt = el.get("alt")
            if alt is None:
                alt = el.get("aria-label") or (el.get("title") or None)
            decorative = el.get("role") in ("presentation", "none") or (el.get("alt") == "")
        around = _ancestor(el, ("a", "p", "li", "td", "th", "button"))
        context = squash(around.xpath("string()")) if around is not None else ""
        figure = _ancestor(el, ("figure",))
        caption = ""
        if figure is not None:
            caps = [c for c in figure.iter() if tag(c) == "figcaption"]
            caption = squash(caps[0].xpath("string()")) if caps else ""
        src = el.get("src") or ""
        title = el.get("title") or "" if decorative else ""
        holder = figure if figure is not None else el.getparent()
        alone = holder is not None and not squash(holder.xpath("string()")) and tag(holder) in ("p", "figure")
        nearby = tuple(squash(s.xpath("string()")) for s in (_sibling(holder, True), _sibling(holder, False))
                       if alone and s is not None and tag(s) == "p")
        self.view.images.append(Image(alt, decorative, src, self.where(el, "image", alt, src=src),
                                      caption, context, _ancestor(el, ("a",)) is not None, title, nearby))

    def link(self, el) -> None:
        text = squash(el.get("aria-label") or accessible_text(el)) or squash(el.get("title") or "")
        images = [e.get("alt") for e in el.iter() if tag(e) == "img"]
        block = _ancestor(el, _BLOCK_PARENTS)
        paragraph = squash(block.xpath("string()")) if block is not None else text
        href = el.get("href") or ""
        self.view.links.append(Link(text, href, self.where(el, "link", text, href), sentence_around(paragraph, text),
                                    paragraph, squash(el.tail or "")[:40], href.strip() == "#",
                                    images[0] if images else None))

    def table(self, el) -> None:
        caps = [c for c in el if tag(c) == "caption"]
        caption = squash(caps[0].xpath("string()")) if caps else None
        rows = []
        for r, tr in enumerate(e for e in el.iter() if tag(e) == "tr" and _ancestor(e, ("table",)) is el):
            cells = []
            for c, cell in enumerate(x for x in tr if tag(x) in ("td", "th")):
                header = tag(cell) == "th" or cell.get("role") in ("columnheader", "rowheader")
                classes = (cell.get("class") or "").split()
                colour = next((k for k in classes if k.startswith("status-")), "")
                where = self.where(cell)
                own = self.tracer.cell(el.get("id"), r, c)  # the table's id, then the cell's place in it
                where = self.view.here(where.pointer, own, "identity") if own is not None else where
                cells.append(Cell(squash(cell.xpath("string()")), header, where, cell.get("scope") or "", colour, r, c))
            rows.append(cells)
        self.view.tables.append(Table(caption, rows, self.where(el, "table", caption)))

    def block(self, el) -> None:
        text = squash(el.xpath("string()"))
        nxt = el.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        next_kind = "" if nxt is None else ("heading" if _HEADING.match(tag(nxt)) else _NEXT.get(tag(nxt), "other"))
        lines = tuple(squash(part) for part in _br_lines(el))
        self.view.blocks.append(Block(text, self.where(el, "para", text), _context(el), _emphasised(el), True,
                                      lines if len(lines) > 1 else (text,), next_kind,
                                      squash(nxt.xpath("string()")) if nxt is not None else "",
                                      any(tag(e) == "a" for e in el.iter())))

    def list_children(self, el) -> None:
        for child in el:
            if isinstance(child.tag, str) and tag(child) not in ("li", "script", "template"):
                self.view.list_problems.append((self.where(child), f"a {tag(el)} list holds a {tag(child)}, not li"))


def accessible_text(el) -> str:
    """Text content with images' alt text in place (an image link's name is its alt)."""
    parts = []
    if el.text:
        parts.append(el.text)
    for child in el:
        if tag(child) == "img":
            parts.append(child.get("alt") or "")
        elif isinstance(child.tag, str) and child.get("aria-hidden") != "true":
            parts.append(accessible_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _ancestor(el, names):
    node = el.getparent()
    while node is not None:
        if tag(node) in names:
            return node
        node = node.getparent()
    return None


def _sibling(el, before: bool):
    node = el.getprevious() if before else el.getnext()
    while node is not None and not isinstance(node.tag, str):
        node = node.getprevious() if before else node.getnext()
    return node


def _context(el) -> str:
    node = el.getparent()
    while node is not None:
        name = tag(node)
        if name in _CONTEXT:
            return _CONTEXT[name]
        node = node.getparent()
    return "body"


def _emphasised(el) -> bool:
    """HTML_CodeSniffer H42: the paragraph's only child node is strong, em, b, i or u."""
    children = [c for c in el if isinstance(c.tag, str)]
    if (el.text or "").strip() or len(children) != 1 or tag(children[0]) not in _EMPHASIS:
        return False
    return not (children[0].tail or "").strip()


def _br_lines(el) -> list[str]:
    lines, current = [], [el.text or ""]
    for child in el:
        if tag(child) == "br":
            lines.append("".join(current))
            current = [child.tail or ""]
        else:
            current.append(etree.tostring(child, method="text", encoding="unicode", with_tail=True))
    lines.append("".join(current))
    return [line for line in lines if line.strip()]


def lang_facts(view: View, root, xhtml: bool, where) -> None:
    """The root's lang / xml:lang into `view.langs` (axe html-has-lang, html-xml-lang-mismatch)."""
    lang, xml_lang = root.get("lang"), root.get(_XML_LANG)
    value = lang if lang is not None else (xml_lang if xhtml else None)
    view.langs.append((squash(value) if value is not None and value.strip() else None, where))
    if lang and xml_lang:
        view.facts.setdefault("lang_pairs", []).append(((lang, where), (xml_lang, where)))


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_LINK_SELECTOR = re.compile(r"(^|[\s,>+~])a(?=$|[\s,.:\[#>+~])")


def css_link_underline_removed(css: str) -> list[str]:
    """Selectors that style links (not their hover, focus or active state) with text-decoration: none."""
    found = []
    for selectors, body in _RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if not re.search(r"text-decoration(-line)?\s*:\s*none", body):
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if _LINK_SELECTOR.search(selector) and not re.search(r":(hover|focus|active|focus-visible)", selector) \
                    and "skip" not in selector:
                found.append(selector)
    return found


def css_justified(css: str) -> bool:
    return bool(re.search(r"text-align\s*:\s*justify", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
