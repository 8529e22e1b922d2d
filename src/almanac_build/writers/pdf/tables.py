"""Tables: tagged data tables (Table > Caption, THead, TBody > TR > TH|TD) and untagged layout boxes.

Backgrounds and rules are artifacts; on continuation pages the repeated header rows are pagination
artifacts (ReportLab hands every split part our `renderCB`). `splitByRow=0, splitInRow=24` avoids
ReportLab's header-repeated-mid-page quirk and lets long cells split cleanly across pages.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.tables import TableRenderCB

from .paragraphs import Recorded, _own_ref

SPLIT_IN_ROW = 24  # the smallest part of a row (points) left at a page foot when a row splits


class TableTagger(TableRenderCB):
    """renderCB: backgrounds and rules as artifacts, repeated header rows as pagination artifacts."""

    def startTable(self, T):
        pass

    def endTable(self, T):
        pass

    def startBG(self, T):
        T.canv._code.append("/Artifact BMC")

    def endBG(self, T):
        T.canv._code.append("EMC")

    startLines, endLines = startBG, endBG

    def startRow(self, T, rowNo):
        T._art_row = T._is_cont and rowNo < T.repeatRows
        if T._art_row:
            T.canv._tagger.artifact_depth += 1

    def endRow(self, T):
        if T._art_row:
            T.canv._tagger.artifact_depth -= 1

    def startCell(self, T, *args):
        pass

    def endCell(self, T):
        pass


class TaggedTable(Recorded, Table):
    """A Table whose split parts know they are continuations (their header rows are artifacts)."""

    _is_cont = False

    def _splitCell(self, value, style, oldHeight, newHeight, width):
        """ReportLab's in-row split ignores keepWithNext: a heading could end a page alone. Move such
        trailing flowables to the next part (no split at all if nothing else would stay)."""
        result = super()._splitCell(value, style, oldHeight, newHeight, width)
        if not result or not isinstance(result[0], tuple):
            return result
        first, rest = list(result[0]), list(result[1])
        while first and first[-1].getKeepWithNext():
            rest.insert(0, first.pop())
        if not first:
            return []
        return tuple(first), tuple(rest)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if not parts and availHeight > 3 * SPLIT_IN_ROW:  # refused: what would be left of the row is too
            parts = super().split(availWidth, availHeight - SPLIT_IN_ROW)  # short; split a little higher up
        if len(parts) == 2 and _only_padding_left(parts[1]):  # the last row fitted but for its padding
            parts = parts[:1]
        for index, part in enumerate(parts):
            part._is_cont = self._is_cont or index > 0
            part._starts = self._starts if index == 0 else ()
            part._cont = self._cont if index == 0 else _own_ref(self)
        return parts


def _only_padding_left(part: Table) -> bool:
    rows = part._cellvalues[part.repeatRows:]
    return len(rows) == 1 and all(value in ("", None) or (isinstance(value, (list, tuple)) and not value)
                                  for value in rows[0])


def make_table(rows, widths, commands, repeat_rows=0) -> TaggedTable:
    table = TaggedTable(rows, colWidths=widths, repeatRows=repeat_rows, splitByRow=0, splitInRow=SPLIT_IN_ROW,
                        hAlign="LEFT", renderCB=TableTagger())
    table.setStyle(TableStyle(commands))
    return table


def box(flowables, width: float, font: str, background: str, bar: str = "", pad: float = 8) -> TaggedTable:
    """A shaded box (case study, practice theme, outcome statement) or, without a background, a block
    quote's bar: layout only, no table tags."""
    commands = [("FONT", (0, 0), (-1, -1), font),
                *([("BACKGROUND", (0, 0), (-1, -1), HexColor(background))] if background else []),
                ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if bar:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), pad * 0.6, HexColor(bar)))
    return make_table([[flowables]], [width], commands)


def column_widths(texts: list[list[tuple[str, str, float]]], columns: int, avail: float,
                  pad: float) -> tuple[list[float], bool]:
    """Widths from content: never narrower than a column's longest word, wider where text is longer.
    `texts` holds, per row, (text, font, size, indent) for each column. False when the longest words
    do not fit side by side (the caller may then turn the page)."""
    least, natural = [pad * 2 + 12] * columns, [pad * 2 + 12] * columns
    for row in texts:
        for col, (text, font, size, indent) in enumerate(row):
            words = text.split() or [""]
            least[col] = max(least[col], max(stringWidth(w, font, size) for w in words) + pad * 2 + indent + 2)
            natural[col] = max(natural[col], min(stringWidth(text, font, size), avail) + pad * 2 + indent + 2)
    if sum(natural) <= avail:
        return [w * avail / sum(natural) for w in natural], True
    if sum(least) >= avail:
        return [w * avail / sum(least) for w in least], False
    spare, extra = avail - sum(least), [n - m for n, m in zip(natural, least)]
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(least, extra)], True


def too_wide(fit: tuple, avail: float, size: float, landscape: bool, edition: str) -> str:
    """Why a table cannot be laid out even at the smallest type: how many of its columns would fit."""
    texts, columns, pad = fit
    least = [pad * 2 + 12] * columns
    for row in texts:
        for col, (text, font, font_size, indent) in enumerate(row):
            words = text.split() or [""]
            least[col] = max(least[col], max(stringWidth(w, font, font_size) for w in words) + pad * 2 + indent + 2)
    fitting, total = 0, 0.0
    for width in least:
        if total + width > avail:
            break
        total, fitting = total + width, fitting + 1
    page = "a landscape page" if landscape else "the width it has here"
    return (f"this table is too wide for {page} of the {edition} even at {size:g} pt, the smallest type it allows: "
            f"its {columns} columns need {sum(least) / 2.835:.0f} mm for their longest words and "
            f"{avail / 2.835:.0f} mm is there; {fitting} of its columns fit")
