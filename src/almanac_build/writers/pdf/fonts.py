"""Registering the committed TrueType fonts with ReportLab (embedded and subset, with Unicode maps),
and drawing each character with the first font of its chain that has it (glyphs.py): ReportLab itself
draws a character its font lacks as an empty box and leaves it out of the text layer."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ... import glyphs
from ...styles import Theme

FACES = ("regular", "bold", "italic", "bold_italic")
FALLBACK_BASE = "DejaVuSans"
MONO_BASE = "DejaVuSansMono"
_FALLBACK_OF: dict[str, str] = {}  # registered font name -> the font that draws what it lacks
_UNREAD: dict[str, str] = {}  # font name -> its file: registered, not yet read (see `font`)
_CHAINS: dict[str, tuple[list[str], list[frozenset[str]]]] = {}
_FIRST: dict[str, tuple[frozenset[str], bool]] = {}
_ASCII = frozenset(map(chr, range(32, 127)))  # a font with all of these draws any ASCII text (checked at C speed)


@dataclass(frozen=True)
class FontNames:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono: str = MONO_BASE  # the family name: <font face="…"> inside <b> picks its bold face


def _names(base: str) -> dict[str, str]:
    return dict(zip(FACES, (base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")))


def _register_family(base: str, paths: dict[str, str], lazily: bool = False) -> dict[str, str]:
    """Register a family's four faces (`lazily`: each only when first asked for, see `font`)."""
    names = _names(base)
    for face, name in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            if lazily:
                _UNREAD[name] = paths[face]
            else:
                pdfmetrics.registerFont(TTFont(name, paths[face]))
    addMapping(base, 0, 0, names["regular"])
    addMapping(base, 1, 0, names["bold"])
    addMapping(base, 0, 1, names["italic"])
    addMapping(base, 1, 1, names["bold_italic"])
    return names


def register_fonts(theme: Theme) -> FontNames:
    """The theme's family and the code family, and behind them the fallback family. The fallback
    faces (DejaVu Sans, large files: about 7 ms each to read) are read only when some text needs one;
    a publication whose text its own font covers never reads them."""
    names = register_theme_family(theme)
    fallback = _register_family(FALLBACK_BASE, {face: glyphs.fallback_path(face) for face in FACES}, lazily=True)
    mono = _register_family(MONO_BASE, {face: glyphs.mono_path(face) for face in FACES})
    for face in FACES:
        _FALLBACK_OF[names[face]] = fallback[face]
        _FALLBACK_OF[mono[face]] = fallback[face]
    return FontNames(names["regular"], names["bold"], names["italic"], names["bold_italic"], MONO_BASE)


def register_theme_family(theme: Theme) -> dict[str, str]:
    """Only the theme's own four faces (face -> registered name): what the DOCX writer measures table
    words with, without reading the code and fallback families."""
    base = theme.font_family.replace(" ", "")
    return _register_family(base, {face: theme.font_path(face) for face in FACES})


def font(font_name: str):
    """The registered font called `font_name`, read from its file first if it was registered lazily."""
    path = _UNREAD.pop(font_name, None)
    if path is not None:
        pdfmetrics.registerFont(TTFont(font_name, path))
    return pdfmetrics.getFont(font_name)


def chain(font_name: str) -> list[str]:
    """The font and the fonts behind it, in the order they are tried."""
    out = [font_name]
    while out[-1] in _FALLBACK_OF and _FALLBACK_OF[out[-1]] not in out:
        out.append(_FALLBACK_OF[out[-1]])
    return out


def charset(font_name: str) -> frozenset[str]:
    loaded = font(font_name)
    cached = getattr(loaded, "_almanac_charset", None)
    if cached is None:
        face = getattr(loaded, "face", None)
        cached = frozenset(chr(c) for c, g in face.charToGlyph.items() if g) if face is not None else frozenset()
        loaded._almanac_charset = cached
    return cached


def _first_set(font_name: str) -> tuple[frozenset[str], bool]:
    """The font's own character set, and whether it draws all of ASCII: worked out once per name."""
    found = _FIRST.get(font_name)
    if found is None:
        own = charset(font_name)
        found = _FIRST[font_name] = (own, own >= _ASCII)
    return found


def _drawn_alone(font_name: str, text: str) -> bool:
    """Whether the font draws all of `text` itself (so no font behind it is read)."""
    own, ascii_drawn = _first_set(font_name)
    return (ascii_drawn and text.isascii()) or own.issuperset(text)


def _chain_sets(font_name: str) -> tuple[list[str], list[frozenset[str]]]:
    """The chain and the character sets of its fonts (reading the fonts behind the first)."""
    found = _CHAINS.get(font_name)
    if found is None:
        names = chain(font_name)
        found = _CHAINS[font_name] = (names, [charset(name) for name in names])
    return found


def with_fallback(frags: list) -> list:
    """Paragraph fragments cut where the font changes, each character in the first font of its chain
    that can draw it. Fragments the theme's font draws entirely come back as they were."""
    out = []
    for frag in frags:
        text = getattr(frag, "text", "")
        if not text or _drawn_alone(frag.fontName, text):
            out.append(frag)
            continue
        names, sets = _chain_sets(frag.fontName)
        if len(names) < 2:
            out.append(frag)
            continue
        out += [frag.clone(text=piece, fontName=names[pick]) for pick, piece in glyphs.runs(text, sets)]
    return out


def draw_string(canv, x: float, y: float, text: str, font_name: str, size: float) -> None:
    """canvas.drawString with the same per-character fallback (running heads)."""
    if _drawn_alone(font_name, text):
        canv.setFont(font_name, size)
        canv.drawString(x, y, text)
        return
    names, sets = _chain_sets(font_name)
    for pick, piece in glyphs.runs(text, sets):
        canv.setFont(names[pick], size)
        canv.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, names[pick], size)
