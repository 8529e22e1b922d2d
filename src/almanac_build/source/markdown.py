"""Chapter bodies → model blocks through Pandoc, each chapter read as its own document.

Pandoc reads the chapters in a few even batches, two runs at once, with `--file-scope`: every file of a
batch is parsed alone, so link reference definitions, code blocks, lists and every other block end at
its chapter's end (without it Pandoc joins a batch's files into one text, and chapters change each
other). `--file-scope` also prefixes every id with the file's name and rewrites links to `#…`; the
AST reader undoes that where it reads an id or an address (`FileScope`). One batch's JSON is turned into the
model and dropped before the next is read, so no process holds a long book's AST whole.

`parse_chapter` reads one chapter alone (a live preview re-reads only the chapter that changed).
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from typing import Iterator

from .. import model as m
from ..diagnostics import Collector, Loc
from . import pandoc
from .ast_reader import AstReader, FileScope

BATCH_BYTES = 200_000  # Markdown per Pandoc run: bounds Pandoc's memory and Python's copy of its JSON
PANDOC_PROCESSES = 2

TOO_DEEP = "the text here is nested too deeply to read"
TOO_DEEP_HINT = "use fewer levels of lists, quotes, ':::' blocks, emphasis or links inside each other"
TOO_COMPLEX_HINT = ("look for long runs of punctuation such as '[', '{' or '*', and for blocks nested inside each "
                    "other; or split the chapter")

Batch = tuple[tuple[str, str], ...]  # ((file name given to Pandoc, its text), …)


def parse_chapter(path: str, body: str, out: Collector) -> list[m.Block]:
    """One chapter body (front matter blanked, so lines count as in the file) → its blocks."""
    return parse_chapters([(path, body)], out)[path]


def parse_chapters(bodies: list[tuple[str, str]], out: Collector) -> dict[str, list[m.Block]]:
    """Each (path, body) → that chapter's blocks, every chapter parsed as a document of its own."""
    grouped: dict[str, list[m.Block]] = {path: [] for path, _ in bodies}
    if not bodies:
        return grouped
    files = pandoc_files([body for _, body in bodies])
    names = {name: path for (name, _), (path, _) in zip(files, bodies)}
    with tempfile.TemporaryDirectory(prefix="almanac-") as tmp:
        _write_files(files, tmp)
        reader = AstReader(lambda rel: names.get(rel, rel), out)
        reader.bodies = dict(bodies)
        for batch, document in _read_batches(make_batches(files), tmp):
            if isinstance(document, Exception):
                _report_unreadable(batch, tmp, names, document, out)
                continue
            current = batch[0]
            for node in document.pop("blocks"):
                current = _node_file(node) or current
                reader.scope = FileScope(current, batch) if len(batch) > 1 else None
                path = names[current]
                try:
                    grouped[path].extend(reader.block(node, Loc(path)))
                except RecursionError:
                    out.error(reader.loc(_attr_of(node), Loc(path, 1, 1)), TOO_DEEP, TOO_DEEP_HINT)
    return grouped


def pandoc_files(bodies: list[str]) -> list[tuple[str, str]]:
    """The file name and text each chapter body is given to Pandoc as, in reading order."""
    return [(f"c{index:04d}.md", body if body.endswith("\n") else body + "\n") for index, body in enumerate(bodies)]


def make_batches(files: list[tuple[str, str]]) -> list[Batch]:
    """Consecutive groups of even size: a multiple of PANDOC_PROCESSES groups of about BATCH_BYTES at
    most, so every core parses the same amount (the real almanac: two halves, not two thirds and a tail).
    A file joins the group its midpoint falls in."""
    sizes = [len(text) for _, text in files]
    total = sum(sizes) or 1
    count = -(-total // BATCH_BYTES)
    count = min(len(files), -(-count // PANDOC_PROCESSES) * PANDOC_PROCESSES)
    batches: list[list[tuple[str, str]]] = [[] for _ in range(max(1, count))]
    before = 0
    for file, size in zip(files, sizes):
        batches[min(len(batches) - 1, int((before + size / 2) * len(batches) / total))].append(file)
        before += size
    return [tuple(batch) for batch in batches if batch]


def _write_files(files: list[tuple[str, str]], folder: str) -> None:
    for name, text in files:
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)


def _read_batches(batches: list[Batch], cwd: str) -> Iterator[tuple[list[str], dict | Exception]]:
    """Yield (file names, Pandoc document or the reading's limit error) batch by batch, in order, with at
    most PANDOC_PROCESSES runs ahead of the reader."""
    ahead: deque = deque()
    pending = deque([name for name, _ in batch] for batch in batches)
    try:
        while pending or ahead:
            while pending and len(ahead) < PANDOC_PROCESSES:
                names = pending.popleft()
                ahead.append((names, pandoc.start_reading(names, cwd)))
            names, reading = ahead.popleft()
            try:
                document = pandoc.finish_reading(reading)
            except (RecursionError, pandoc.PandocLimitError) as exc:
                document = exc
            yield names, document
            del reading, document
    finally:
        for _, reading in ahead:  # an error stopped the reader: stop the runs it will not collect
            pandoc.cancel_reading(reading)


def _node_file(node: dict) -> str:
    """The Pandoc file name a top-level node's position names ('' when it carries none)."""
    for key, value in _attr_of(node)[2]:
        if key == "data-pos":
            return value.split("@", 1)[0]
    return ""


def _attr_of(node: dict) -> list:
    """A top-level node's attributes: `sourcepos` puts a position on each (in a wrapper Div for most)."""
    c = node.get("c")
    if node["t"] in ("Div", "CodeBlock", "Table"):
        return c[0]
    return c[1] if node["t"] == "Header" else ["", [], []]


def _report_unreadable(batch: list[str], cwd: str, names: dict[str, str], problem: Exception,
                       out: Collector) -> None:
    """Python's JSON reader (nesting beyond its stack) or Pandoc (beyond its memory or time limit) gave
    up on a batch: read its files one by one to find the one(s) to blame."""
    for rel in batch:
        if len(batch) > 1:
            try:
                pandoc.read_markdown([rel], cwd)
                continue
            except (RecursionError, pandoc.PandocLimitError) as exc:
                problem = exc
        if isinstance(problem, RecursionError):
            out.error(Loc(names[rel], 1, 1), TOO_DEEP, TOO_DEEP_HINT)
        else:
            out.error(Loc(names[rel], 1, 1), f"the text is too complex to read ({problem})", TOO_COMPLEX_HINT)
