"""Placeholder links (`[text](#)`, the addresses the 2023 text lost) out to a spreadsheet and back.

`export_links` writes one row per placeholder: a stable id, its place (file, line, column), the link
text, the sentence around it and an empty `address` column. `import_links` writes each filled-in
address into the Markdown. A row is refused when its place no longer holds that link text, and the
edited source must load through the loader — the same gate every chapter link passes (allowed schemes,
internal #ids that exist) — with each link reading back exactly the address given. One refused row and
nothing is written; otherwise every changed chapter is replaced atomically (sourcefiles.replace_all).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass

from .. import model as m
from ..diagnostics import AlmanacError, Diagnostic, Loc
from ..text import slugify
from .sourcefiles import read_exact, replace_all, write_new

COLUMNS = ("id", "file", "line", "column", "text", "sentence", "address")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to a spreadsheet


@dataclass(frozen=True)
class LinkPlace:
    """One link in the source as the spreadsheet names it."""

    id: str  # chapter id + slug of the link text (+ ~2, ~3 for the same text again): stable across edits
    file: str  # relative to the source folder, with forward slashes
    line: int
    column: int
    text: str
    sentence: str
    url: str
    end: tuple[int, int] = (0, 0)  # line and column just past the link's closing parenthesis

    @property
    def placeholder(self) -> bool:
        return self.url.strip() in ("", "#")


def link_places(book: m.Book) -> list[LinkPlace]:
    """Every link of every chapter with its id, place, text and sentence (the checks' source view)."""
    from ..checks.views.source import source_views

    places: list[LinkPlace] = []
    views = source_views(book)
    for chapter, view in zip(book.chapters, views):
        seen: dict[str, int] = {}
        for link in view.links:
            loc = link.where.source
            if loc is None or not loc.line:
                continue
            slug = slugify(link.text) if link.text else "link"
            seen[slug] = seen.get(slug, 0) + 1
            ident = f"{chapter.id}:{slug}" + (f"~{seen[slug]}" if seen[slug] > 1 else "")
            rel = os.path.relpath(loc.file, book.source_dir).replace(os.sep, "/")
            places.append(LinkPlace(ident, rel, loc.line, loc.col, link.text, link.sentence, link.href,
                                    (loc.end_line, loc.end_col)))
    return places


# ---------------------------------------------------------------- export
def export_links(source_dir: str, csv_path: str) -> int:
    """Write the placeholder links of the source to `csv_path` (UTF-8 with a byte-order mark, so Excel
    reads it as UTF-8); return how many."""
    from ..source.loader import load

    rows = [p for p in link_places(load(source_dir)) if p.placeholder]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in rows:
        writer.writerow([p.id, p.file, p.line, p.column, _cell_out(p.text), _cell_out(p.sentence), ""])
    write_new(csv_path, b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return len(rows)


def _cell_out(text: str) -> str:
    """A text a spreadsheet would run as a formula gets a leading apostrophe (shown as text)."""
    return "'" + text if text.startswith(_FORMULA) else text


def _cell_in(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text


# ---------------------------------------------------------------- import
@dataclass
class ImportResult:
    filled: list[tuple[int, LinkPlace, str]]  # (row number, place, address)
    already: int  # rows whose address was already in place (an earlier import)
    empty: int  # rows left without an address
    files: list[str]


@dataclass
class _Edit:
    row: int
    place: LinkPlace
    address: str
    written: str  # the destination as written in the Markdown


def import_links(source_dir: str, csv_path: str, dry_run: bool = False) -> ImportResult:
    """Write each filled-in address into its chapter; raise AlmanacError (and write nothing) if any row
    is refused."""
    from ..source.loader import load

    source_dir = os.path.abspath(source_dir)
    rows = _read_rows(csv_path)
    book = load(source_dir)
    places = link_places(book)
    at = {(p.file, p.line, p.column): p for p in places}
    by_id = {p.id: p for p in places}
    problems: list[Diagnostic] = []
    edits: list[_Edit] = []
    claimed: dict[tuple, int] = {}
    already = empty = 0
    for number, row in rows:
        address = row["address"].strip()
        if not address:
            empty += 1
            continue
        where = Loc(csv_path, number)

        def refuse(what: str, fix: str) -> None:
            problems.append(Diagnostic(where, f"row {number}: {what}", fix))

        try:
            key = (row["file"].strip(), int(row["line"]), int(row["column"]))
        except ValueError:
            refuse(f"line '{row['line']}' and column '{row['column']}' must be whole numbers",
                   "copy the row again from a fresh export")
            continue
        text, ident = _cell_in(row["text"]), row["id"].strip()
        place = at.get(key)
        shown = f"{key[0]}:{key[1]}:{key[2]}"
        if place is None or place.text != text or place.id != ident:
            moved = by_id.get(ident)
            if moved is not None and moved.text == text and moved.url == address:
                already += 1  # filled by an earlier import (a link before it on its line moved it)
                continue
            refuse(_what_changed(place, text, ident, shown, by_id), "export the links again and copy the "
                   "address into the new row (nothing was written)")
            continue
        if not place.placeholder:
            if place.url == address:
                already += 1
            else:
                refuse(f"the link “{text}” at {shown} already has the address {place.url}",
                       "clear this row's address, or change the address in the chapter itself")
            continue
        if key in claimed:
            refuse(f"the link at {shown} is also filled in by row {claimed[key]}", "keep one of the two rows")
            continue
        claimed[key] = number
        written, why = _destination(address)
        if why:
            refuse(f"the address “{address}” {why}", "write one full address such as https://www.example.gov.uk/page")
            continue
        edits.append(_Edit(number, place, address, written))
    texts = _apply(edits, source_dir)
    problems.extend(_gate(edits, texts, source_dir, csv_path))
    if problems:
        raise AlmanacError(sorted(problems, key=lambda d: d.loc.line))
    if not dry_run:
        replace_all({path: (before, text) for path, (before, text) in texts.items()})
    return ImportResult([(e.row, e.place, e.address) for e in edits], already, empty,
                        sorted({e.place.file for e in edits}))


def _read_rows(csv_path: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows with their spreadsheet row numbers (the header is row 1)."""
    def problem(message: str, fix: str, line: int = 0) -> AlmanacError:
        return AlmanacError(Diagnostic(Loc(csv_path, line), message, fix))

    try:
        with open(csv_path, "rb") as handle:
            data = handle.read(16 * 1024 * 1024 + 1)
    except OSError as exc:
        raise problem(f"cannot read the spreadsheet ({exc.strerror})", "check the file name") from None
    if len(data) > 16 * 1024 * 1024:
        raise problem("the spreadsheet is larger than 16 MB", "import the CSV file the export wrote")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise problem("the spreadsheet is not UTF-8 text", "save it as “CSV UTF-8 (comma delimited)”") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:len(COLUMNS)]] != list(COLUMNS):
            raise problem(f"the first row must be the column names {', '.join(COLUMNS)}",
                          "start from the file `almanac links export` wrote, and keep its first row", 1)
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            record = record + [""] * (len(COLUMNS) - len(record))
            rows.append((reader.line_num, dict(zip(COLUMNS, record))))
    except csv.Error as exc:
        raise problem(f"the spreadsheet cannot be read as CSV ({exc})", "save it again as CSV",
                      reader.line_num) from None
    return rows


def _what_changed(place: LinkPlace | None, text: str, ident: str, shown: str, by_id: dict[str, LinkPlace]) -> str:
    if place is not None and place.text != text:
        return f"the link at {shown} now reads “{place.text}”, not “{text}”"
    moved = by_id.get(ident)
    if moved is not None and moved.text == text:
        return f"the link “{text}” has moved to {moved.file}:{moved.line}:{moved.column} since the export"
    if place is not None:
        return f"the link at {shown} is now {place.id}, not {ident}"
    return f"there is no link “{text}” at {shown} any more"


def _destination(address: str) -> tuple[str, str]:
    """The address as written between the parentheses, or why it cannot be one address."""
    if address in ("#", ""):
        return "", "is still a placeholder"
    if any(ch.isspace() or ord(ch) < 32 or ch == "\x7f" for ch in address):
        return "", "contains a space or a line break"
    if any(ch in "<>\\`" for ch in address):
        return "", "contains < > \\ or `, which an address never needs"
    return address.replace("(", "\\(").replace(")", "\\)"), ""


def _apply(edits: list[_Edit], source_dir: str) -> dict[str, tuple[bytes, str]]:
    """New text of each chapter: every `(#)` replaced by its address, right to left within a line."""
    by_file: dict[str, list[_Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.place.file, []).append(edit)
    texts = {}
    for rel, file_edits in by_file.items():
        path = os.path.join(source_dir, *rel.split("/"))
        text, before = read_exact(path)
        lines = text.split("\n")
        for edit in sorted(file_edits, key=lambda e: (e.place.line, -e.place.column)):
            line = lines[edit.place.line - 1]
            end_line, end_col = edit.place.end
            if end_line != edit.place.line or not line[:end_col - 1].endswith("(#)"):
                raise AlmanacError(Diagnostic(Loc(path, edit.place.line, edit.place.column),
                                              "this placeholder link is not written as [text](#)",
                                              "write it as [text](#), then export the links again"))
            lines[edit.place.line - 1] = line[:end_col - 3] + edit.written + line[end_col - 2:]  # inside the ()
        texts[path] = (before, "\n".join(lines))
    return texts


def _gate(edits: list[_Edit], texts: dict[str, tuple[bytes, str]], source_dir: str,
          csv_path: str) -> list[Diagnostic]:
    """Load a copy of the source with the addresses in: every loader error at an edited link refuses its
    row; each edited link must read back as exactly the address given. Returns the refusals."""
    from ..source.loader import load
    from ..walk import iter_inlines

    shift: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (file, line) -> [(column, growth)]
    for e in edits:
        shift.setdefault((e.place.file, e.place.line), []).append((e.place.column, len(e.written) - 1))

    def new_place(e: _Edit) -> tuple[str, int, int]:
        growth = sum(g for col, g in shift[(e.place.file, e.place.line)] if col < e.place.column)
        return e.place.file, e.place.line, e.place.column + growth

    wanted = {new_place(e): e for e in edits}
    problems: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="almanac-links-") as tmp:
        copy = os.path.join(tmp, "source")
        shutil.copytree(source_dir, copy, ignore=shutil.ignore_patterns(".almanac-*"))
        for path, (_, text) in texts.items():
            with open(os.path.join(copy, os.path.relpath(path, source_dir)), "w", encoding="utf-8") as handle:
                handle.write(text)

        def rel(path: str) -> str:
            return os.path.relpath(path, copy).replace(os.sep, "/")

        try:
            book = load(copy)
        except AlmanacError as exc:
            for d in exc.diagnostics:
                edit = wanted.get((rel(d.loc.file), d.loc.line, d.loc.col))
                if edit is None:
                    problems.append(Diagnostic(Loc(csv_path), f"with these addresses the source does not load: "
                                               f"{rel(d.loc.file)}:{d.loc.line}:{d.loc.col}: {d.message}", d.hint))
                else:
                    problems.append(Diagnostic(Loc(csv_path, edit.row), f"row {edit.row}: the address "
                                               f"“{edit.address}” is refused: {d.message}", d.hint))
            return problems
        found = {}
        for chapter in book.chapters:
            for inline in iter_inlines(chapter.blocks):
                if isinstance(inline, m.Link) and inline.loc:
                    found[(rel(inline.loc.file), inline.loc.line, inline.loc.col)] = inline.url
    for place, edit in wanted.items():
        if found.get(place) != edit.address:
            problems.append(Diagnostic(Loc(csv_path, edit.row), f"row {edit.row}: the address “{edit.address}” "
                                       f"would read back as “{found.get(place, '')}”",
                                       "check the address for characters Markdown treats specially, such as &name;"))
    return problems
