"""The text of every marked-content sequence of a tagged PDF, read from the content streams with
pikepdf in one pass per page: what poppler's `pdfinfo -struct-text` shows under each structure element.

Poppler lays out the whole page again for every element it prints (about 0.6 s of CPU per edition of
the almanac); this reads each page once. It follows poppler's MarkedContentOutputDev: text counts for a
marked-content id while a sequence with that id is open (and for sequences nested in it, and text in
form XObjects drawn inside it), characters go through the font's ToUnicode map, and soft hyphens are
dropped. Poppler also drops characters drawn outside the page box; a writer never puts text there, and
a screen reader would read it anyway, so this reader keeps it.

Where the reading could differ from poppler's in any other way (a font without a complete one-byte
ToUnicode map, marked content inside a form XObject, optional content, a NUL or line break in the
text, unbalanced marked content), `Unsupported` is raised and the caller asks poppler instead.
"""

from __future__ import annotations

import re

import pikepdf

from ..textutil import squash

OPERATORS = "q Q Tf Tj TJ ' \" BDC BMC EMC Do"  # all that matters for text and marked content
_TEXT_OPS = {"Tj", "TJ", "'", '"'}
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00]")  # str.splitlines() splits on these
_BF_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_BF_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")
_SECTION = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)


def instructions(stream) -> list[tuple[list, str]]:
    """(operands, operator name) of a page or form: the operators above only, each made a string once."""
    # attribute access: unpacking each instruction as a tuple took twice as long
    return [(i.operands, str(i.operator)) for i in pikepdf.parse_content_stream(stream, OPERATORS)]


class Unsupported(Exception):
    """This PDF uses something the one-pass reader does not reproduce exactly."""


def decode_table(font) -> list[str | None]:
    """Code → text for a simple (one-byte) font, from its ToUnicode CMap."""
    if font.get("/Subtype") not in ("/TrueType", "/Type1") or "/ToUnicode" not in font:
        raise Unsupported("font without a one-byte ToUnicode map")
    table: list[str | None] = [None] * 256
    for kind, body in _SECTION.findall(font["/ToUnicode"].read_bytes()):
        if kind == b"codespacerange":
            if any(len(code) != 2 for code in re.findall(rb"<([0-9A-Fa-f]+)>", body)):
                raise Unsupported("multi-byte codes")
        elif kind == b"bfchar":
            for src, dst in _BF_CHAR.findall(body):
                table[_code(src)] = _utf16(dst)
        else:
            for low, high, dst in _BF_RANGE.findall(body):
                _bf_range(table, _code(low), _code(high), dst)
    return table


def _code(hex_code: bytes) -> int:
    if len(hex_code) != 2:
        raise Unsupported("multi-byte codes")
    return int(hex_code, 16)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", "surrogatepass")


def _bf_range(table: list, low: int, high: int, dst: bytes) -> None:
    if dst.startswith(b"["):
        for code, text in zip(range(low, high + 1), re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
            table[code] = _utf16(text)
        return
    first = _utf16(dst[1:-1])
    if len(first) != 1:
        raise Unsupported("a ToUnicode range of several characters")
    for offset, code in enumerate(range(low, high + 1)):
        table[code] = chr(ord(first) + offset)


class MarkedText:
    """Collects, page by page, the text of each (page, MCID) pair."""

    def __init__(self):
        self.texts: dict[tuple, list[str]] = {}
        self.bold: dict[tuple, bool] = {}  # (page, MCID) → every visible character in a bold font
        self.exact = True  # every page read; false: take the texts from poppler
        self._tables: dict[tuple, tuple] = {}  # font → (code → text, pattern of unmapped codes)
        self._bold_fonts: dict[tuple, bool] = {}

    def page(self, key: tuple, ops: list, resources) -> None:
        """One page's `instructions()`; `key` names the page in `texts`."""
        state = {"font": None, "stack": [], "depth": 0, "active": {}, "key": key, "forms": 0}
        self._run(ops, resources, state)
        if state["active"]:
            raise Unsupported("marked content left open at the end of a page")

    def _run(self, ops: list, resources, state: dict) -> None:
        for operands, op in ops:
            if op in _TEXT_OPS:
                if state["active"]:
                    self._show(operands, state)
            elif op == "BDC" or op == "BMC":
                self._begin(operands if op == "BDC" else (), resources, state)
            elif op == "EMC":
                self._end(state)
            elif op == "Tf":
                state["font"] = (resources, operands[0]) if len(operands) == 2 else None
            elif op == "q":
                state["stack"].append(state["font"])
            elif op == "Q":
                state["font"] = state["stack"].pop() if state["stack"] else state["font"]
            elif op == "Do":
                self._form(resources, operands[0], state)

    def _begin(self, operands, resources, state: dict) -> None:
        state["depth"] += 1
        if operands and operands[0] == pikepdf.Name.OC:
            raise Unsupported("optional content (poppler leaves out what is hidden)")
        props = operands[1] if len(operands) == 2 else None
        if isinstance(props, pikepdf.Name):
            named = resources.get("/Properties", {}).get(props) if resources is not None else None
            if named is not None and "/MCID" in named:
                raise Unsupported("a marked-content id in a named property list")
            props = None
        mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
        if not isinstance(mcid, int):
            return
        active = state["active"]
        for open_id in active:
            active[open_id] += 1
        if mcid not in active and not state["forms"]:
            active[mcid] = 1
            self.texts.setdefault((state["key"], mcid), [])

    def _end(self, state: dict) -> None:
        if not state["depth"]:
            return  # poppler ignores an EMC without its BMC/BDC
        state["depth"] -= 1
        active = state["active"]
        for open_id in list(active):
            active[open_id] -= 1
            if not active[open_id]:
                del active[open_id]

    def _show(self, operands, state: dict) -> None:
        if state["font"] is None:
            raise Unsupported("text shown without a font")
        table = self._font(*state["font"])
        shown = operands[-1] if operands else None
        parts = shown if isinstance(shown, pikepdf.Array) else [shown]
        text = "".join(_decode(bytes(part), table) for part in parts if isinstance(part, pikepdf.String))
        text = text.replace("\u00ad", "")
        if _LINE_BREAKS.search(text):
            raise Unsupported("a line break or NUL in the text")
        bold = self._is_bold(*state["font"]) if text.strip() else True
        for mcid in state["active"]:
            self.texts[(state["key"], mcid)].append(text)
            self.bold[(state["key"], mcid)] = self.bold.get((state["key"], mcid), True) and bold

    def _is_bold(self, resources, name) -> bool:
        """A bold face, by its name (Atkinson Hyperlegible's "-Bold", "-BoldItalic") or its descriptor's
        weight (at least 600, as fake-heading's "weight ≥ 700 or larger" reads CSS)."""
        font = resources.get("/Font", {}).get(name)
        key = font.objgen if font.is_indirect else id(font)
        if key not in self._bold_fonts:
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0" and len(font.get("/DescendantFonts", [])):
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            weight = float(descriptor.get("/FontWeight", 0)) if descriptor is not None else 0
            self._bold_fonts[key] = "bold" in str(font.get("/BaseFont", "")).lower() or weight >= 600
        return self._bold_fonts[key]

    def _font(self, resources, name):
        font = resources.get("/Font", {}).get(name) if resources is not None else None
        if font is None:
            raise Unsupported("an unknown font")
        key = font.objgen if font.is_indirect else id(font)
        if key not in self._tables:
            table = decode_table(font)
            unmapped = "".join(chr(code) for code, text in enumerate(table) if text is None)
            self._tables[key] = ({code: text for code, text in enumerate(table) if text is not None},
                                 re.compile(f"[{re.escape(unmapped)}]") if unmapped else None)
        return self._tables[key]

    def _form(self, resources, name, state: dict) -> None:
        xobject = resources.get("/XObject", {}).get(name) if resources is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            return
        if state["forms"] > 8:
            raise Unsupported("form XObjects nested too deeply")
        font, stack = state["font"], state["stack"]
        state["forms"] += 1
        state["stack"] = []
        self._run(instructions(xobject), xobject.get("/Resources", resources), state)
        state["forms"] -= 1
        state["font"], state["stack"] = font, stack


def _decode(data: bytes, table: tuple) -> str:
    """One shown string through the font's map (`str.translate` on the codes read as Latin-1)."""
    mapping, unmapped = table
    codes = data.decode("latin-1")
    if unmapped is not None and unmapped.search(codes):
        raise Unsupported("a character code without a ToUnicode entry")
    return codes.translate(mapping)


def element_texts(root, texts: dict[tuple, list[str]]) -> dict:
    """objgen → text of every indirect structure element: its marked content in tree order, each
    sequence joined with a space (as the poppler output was read), whitespace squashed."""
    found: dict = {}
    _collect(root, None, texts, found)
    return found


def _collect(node, page, texts: dict, found: dict) -> list[str]:
    page = node.get("/Pg", page) if "/Pg" in node else None if "/S" in node else page
    parts: list[str] = []
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    for kid in kids:
        if isinstance(kid, int):
            parts.append(_content(page, kid, texts))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            parts.extend(_collect(kid, page, texts, found))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            if "/Stm" in kid:
                raise Unsupported("marked content inside a form XObject")
            parts.append(_content(kid.get("/Pg", page), kid.get("/MCID"), texts))
    if "/S" in node and node.is_indirect:
        found[node.objgen] = squash(" ".join(parts))
    return parts


def _content(page, mcid, texts: dict) -> str:
    if page is None or not isinstance(mcid, int):
        raise Unsupported("marked content without a page")
    return "".join(texts.get((page.objgen, mcid), ()))
