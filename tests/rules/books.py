"""Fixture books built from the rules' own documentation examples.

Every example becomes one chapter of a small book (so one build serves all of them). A `{rule-id}`
marker in an example's text says which rule must fire there; it is stripped before the build, and the
line it sat on is remembered so source findings can be checked to the line.
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(r"\s?\{([a-z0-9]+(?:-[a-z0-9]+)+)\}")
SAMPLE = Path(__file__).resolve().parent.parent / "roots" / "sample"

ALMANAC = """title: Rule fixtures
slug: almanac
subtitle: Examples from the rule pages
publisher: Local Government Association
edition: "2023"
date: 2023-03-21
language: en-GB
identifier: urn:uuid:00000000-0000-4000-8000-000000000001
description: Fixture book for the accessibility rules.
contact:
  address: "18 Smith Square, London SW1P 3HZ"
  telephone: "020 7664 3000"
  email: info@local.gov.uk
  web: https://www.local.gov.uk
copyright: "© Local Government Association, March 2023"
other_formats: "If you require this document in a specific format, please contact us on 020 7664 3000."
chapters:
"""


@dataclass
class Placed:
    rule: str
    kind: str  # failing | passing
    chapter_id: str
    file: str  # relative to the book folder
    lines: list[int]  # marker lines (failing examples)


def write_book(folder: Path, examples: list[tuple[str, str, str]]) -> list[Placed]:
    """examples: (rule id, failing|passing, markdown). Returns where each one went."""
    shutil.copytree(SAMPLE / "images", folder / "images")
    (folder / "images" / "chart.png").write_bytes(png())
    (folder / "chapters").mkdir(parents=True)
    placed, names = [], []
    for index, (rule, kind, markdown) in enumerate(examples, start=1):
        chapter_id = f"ex-{index}"
        text = _with_front_matter(markdown, chapter_id, f"Example {index}")
        lines = [n for n, line in enumerate(text.splitlines(), start=1) if MARKER.search(line)]
        name = f"{index:03d}-{chapter_id}.md"
        (folder / "chapters" / name).write_text(MARKER.sub("", text) + "\n", encoding="utf-8")
        names.append(name)
        placed.append(Placed(rule, kind, chapter_id, f"chapters/{name}", lines))
    (folder / "almanac.yaml").write_text(ALMANAC + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    return placed


def png() -> bytes:
    """A 1×1 PNG made here, so the fixtures need no binary file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _with_front_matter(markdown: str, chapter_id: str, title: str) -> str:
    if markdown.startswith("---\n"):
        return re.sub(r"^id: .*$", f"id: {chapter_id}", markdown, count=1, flags=re.M)
    return f"---\nid: {chapter_id}\ntitle: {title}\nkind: front\n---\n\n## Section\n\nText.\n\n{markdown}"
