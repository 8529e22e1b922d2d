"""Colour rules (guidance items 2 and 5): text contrast, and meaning carried by colour alone."""

from __future__ import annotations

import re
from collections import defaultdict

from ..registry import Example, Hit, rule

_SYMBOLS = set("●■▲▼◆⬤○□△◯•✓✔✗✘✅❌⚫⚪🔴🟠🟡🟢🔵🟣🟤")


def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance (sRGB threshold 0.04045)."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), never rounded: 4.48:1 fails a 4.5:1 threshold."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@rule("contrast-text", "A text/background colour pair the styles can produce is below 4.5:1 (3:1 for large text).",
      "error", "2", "1.4.3", "text-colours",
      fix="Darken the text colour or lighten the background in the publication's source/theme.yaml (or the "
          "chapter's `colour:`) "
          "until the ratio reaches 4.5:1 (3:1 for text of 18 pt, or 14 pt bold, and larger).",
      failing=[Example("---\nid: fixture\ntitle: Fixture\nkind: outcome\noutcome: Outcome text.\n"
                       "colour: \"#F5A623\" {contrast-text}\nicon: images/icons/connectivity.svg\n---\n\nText.",
                       "The chapter colour is checked with white text on it, as the chapter opener uses it.", "S")],
      passing=["---\nid: fixture\ntitle: Fixture\nkind: outcome\noutcome: Outcome text.\ncolour: \"#00629B\"\n"
               "icon: images/icons/connectivity.svg\n---\n\nText."])
def text_contrast(view):
    for label, fg, bg, large, where in view.facts.get("colour_pairs", []):
        if not _is_hex(fg) or not _is_hex(bg):
            continue
        ratio, needed = contrast(fg, bg), 3.0 if large else 4.5
        if ratio < needed:
            yield Hit(where, f"{label}: {fg} on {bg} has contrast {ratio:.3f}:1 (needs {needed}:1)")


def _is_hex(value: str) -> bool:
    return bool(re.fullmatch(r"#?[0-9a-fA-F]{6}|#?[0-9a-fA-F]{3}", value or ""))


@rule("colour-only-table-cell", "A table cell's meaning rests on its colour alone (no word in the cell).",
      "warning", "5, 2", "1.4.1, 1.1.1", "tables",
      fix="Put the word in the cell (“Amber”, “High risk”); the colour may stay as styling.",
      failing=[Example("::: {.table caption=\"Risk\"}\n| Area | Risk |\n|---|---|\n| Data | []{.status-red} |\n"
                       "::: {colour-only-table-cell}", "The DOCX and PDF views see a colour only where the writer "
                       "fills the cell.", "SHE")],
      passing=["::: {.table caption=\"Risk\" status=\"traffic-light\"}\n| Area | Risk |\n|---|---|\n"
               "| Data | Red |\n:::"])
def colour_only_cell(view):
    for table in view.tables:
        by_text = defaultdict(set)
        for row in table.rows:
            for cell in row:
                if not cell.colour or cell.header:
                    continue
                text = cell.text.strip()
                if not text or all(ch in _SYMBOLS or ch.isspace() for ch in text):
                    yield Hit(cell.where, f"a {cell.colour} cell has no words, only its colour"
                                          f"{' and a symbol' if text else ''}")
                else:
                    by_text[text.lower()].add(cell.colour)
        for text, colours in by_text.items():
            if len(colours) > 1:
                yield Hit(table.where, f"cells reading “{text}” differ only in colour ({', '.join(sorted(colours))})")
