"""The one reader of a tagged PDF's text: the text of every marked-content sequence, read from the
content streams with pikepdf in one pass per page, and from that the text of every structure element.
The checks' PDF view and the tests' structure verifier (tests/pdf_verify.py) both use it; poppler's
`pdfinfo -struct-text` is only the tests' reference (tests/poppler_reference.py).

It follows poppler's MarkedContentOutputDev, which lays out the whole page again for every element it
prints (about 0.6 s of CPU per edition of the almanac, where this reads each page once): text counts for
a marked-content id while a sequence with that id is open (and for sequences nested in it, and text in
form XObjects drawn inside it), characters go through the font's ToUnicode map (a simple font without
one, through its standard encoding), soft hyphens are dropped. Where poppler would differ it does not
matter to a reader of the checks: a code the ToUnicode map leaves out reads as U+FFFD, text drawn
outside the page box or in optional content is kept (a screen reader would read it too), a line break
inside a shown string is kept. `Unsupported` is raised for what it cannot read at all (multi-byte
fonts, marked content referred to inside a form XObject): the view then knows no element text.
"""

from __future__ import annotations

import re

import pikepdf

from ..textutil import squash

OPERATORS = "q Q Tf Tj TJ ' \" BDC BMC EMC Do"  # all that matters for text and marked content
_TEXT_OPS = {"Tj", "TJ", "'", '"'}
_BF_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_BF_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")
_SECTION = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)


def instructions(stream) -> list[tuple[list, str]]:
    """(operands, operator name) of a page or form: the operators above only, each made a string once."""
    # attribute access: unpacking each instruction as a tuple took twice as long
    return [(i.operands, str(i.operator)) for i in pikepdf.parse_content_stream(stream, OPERATORS)]


class Unsupported(Exception):
    """This PDF uses something the reader cannot read (a multi-byte font, marked content in a form)."""


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


_ENCODINGS = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}


def text_table(font) -> list[str | None]:
    """Code → text for a simple font: its ToUnicode map, else its standard encoding (WinAnsi, MacRoman,
    or Latin-1 for the standard encoding), control codes reading as nothing."""
    if "/ToUnicode" in font or font.get("/Subtype") not in ("/TrueType", "/Type1"):
        return decode_table(font)
    encoding = font.get("/Encoding")
    base = encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
    codec = _ENCODINGS.get(str(base) if base is not None else "", "latin-1")
    return [bytes([code]).decode(codec, "replace") if code >= 32 else "" for code in range(256)]


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
        self.exact = True  # every page read; false: some page could not be, so no element text is known
        self._tables: dict[tuple, tuple] = {}  # font → (code → text, pattern of unmapped codes)
        self._bold_fonts: dict[tuple, bool] = {}

    def page(self, key: tuple, ops: list, resources) -> None:
        """One page's `instructions()`; `key` names the page in `texts`."""
        state = {"font": None, "stack": [], "depth": 0, "active": {}, "key": key, "forms": 0}
        self._run(ops, resources, state)

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
        props = operands[1] if len(operands) == 2 else None
        if isinstance(props, pikepdf.Name):
            named = resources.get("/Properties", {}).get(props) if resources is not None else None
            props = named if isinstance(named, pikepdf.Dictionary) else None
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
        text = text.replace("\u00ad", "").replace("\x00", "")
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
            table = text_table(font)
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
    if unmapped is not None:
        codes = unmapped.sub("\ufffd", codes)
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
