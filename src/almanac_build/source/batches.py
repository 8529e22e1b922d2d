"""How chapter bodies go to Pandoc: one numbered file each, in even batches, two Pandoc runs at once;
and the head start, which begins those runs before the rest of the tool is imported.

The head start exists for speed alone. A build that has work to do spends its first tenth of a second
importing the loader and validating the YAML on one core while the other waits; Pandoc, the longest part
of reading the source, can run in that time. The loader still validates everything first and takes a
started run's result only when it would have asked Pandoc for exactly the same files (same numbering,
same bytes); otherwise (chapters listed in almanac.yaml out of file-name order, a file that changed in
between, an error) the head start is stopped and nothing of it is used.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable, TypeVar

from ..diagnostics import AlmanacError, ToolError
from . import pandoc
from .textfile import read_source_text, split_front_matter

if TYPE_CHECKING:
    from .. import model as m

T = TypeVar("T")
BATCH_BYTES = 200_000  # Markdown per Pandoc run: bounds Pandoc's memory and Python's copy of its JSON
PANDOC_PROCESSES = 2
CHAPTERS_DIR = "chapters"

Batch = tuple[tuple[str, str], ...]  # ((file name given to Pandoc, its text), …)


def pandoc_files(bodies: list[str]) -> list[tuple[str, str]]:
    """The file name and text each chapter body is given to Pandoc as, in reading order."""
    return [(f"c{index:04d}.md", body if body.endswith("\n") else body + "\n") for index, body in enumerate(bodies)]


def write_files(files: list[tuple[str, str]], folder: str) -> None:
    for name, text in files:
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)


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


class HeadStart:
    """Pandoc runs begun on the first batches of the chapter files, in file-name order."""

    def __init__(self) -> None:
        self.folder = ""
        self.readings: dict[Batch, pandoc.Reading] = {}

    @classmethod
    def begin(cls, source_dir: str) -> HeadStart:
        """Start Pandoc on the first PANDOC_PROCESSES batches; nothing is started if anything looks wrong
        (the loader will say what, when it reads the same files)."""
        head = cls()
        chapter_dir = os.path.join(source_dir, CHAPTERS_DIR)
        try:
            names = sorted(n for n in os.listdir(chapter_dir) if n.endswith(".md"))
            bodies = [split_front_matter(read_source_text(source_dir, os.path.join(chapter_dir, n)), n).body
                      for n in names]
        except (OSError, AlmanacError):
            return head
        if not bodies:
            return head
        files = pandoc_files(bodies)
        head.folder = tempfile.mkdtemp(prefix="almanac-")
        try:
            write_files(files, head.folder)
            for batch in make_batches(files)[:PANDOC_PROCESSES]:
                head.readings[batch] = pandoc.start_reading([name for name, _ in batch], head.folder)
        except (OSError, ToolError):  # e.g. no Pandoc: the loader will say so, in its own words
            head.close()
        return head

    def take(self, batch: Batch) -> pandoc.Reading | None:
        """The run started on exactly this batch, if there is one (it is then the caller's)."""
        return self.readings.pop(batch, None)

    def close(self) -> None:
        """Stop the runs nobody took and remove their files."""
        for reading in self.readings.values():
            pandoc.cancel_reading(reading)
        self.readings.clear()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = ""


def load_meanwhile(source_dir: str, meanwhile: Callable[[], T]) -> tuple[m.Book, T]:
    """Load the source with Pandoc's head start, and run `meanwhile` here while it loads: the loader
    mostly waits for Pandoc, so this is where a command imports what it needs next (the writers, the
    output readers). The loader itself is imported in its thread, after Pandoc has begun."""
    head_start = HeadStart.begin(source_dir)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            loading = pool.submit(_load, source_dir, head_start)
            done = meanwhile()
            return loading.result(), done
    finally:
        head_start.close()


def _load(source_dir: str, head_start: HeadStart) -> m.Book:
    from .loader import load

    return load(source_dir, head_start)
