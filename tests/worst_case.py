"""The largest source the documented limits allow, made on the fly: a picture at the pixel budget, a
table at the cell limit, a list at the item limit, a chapter at the heading limit (each limit from the
module that enforces it, so the worst case follows the limits)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from almanac_build.source import raster, shape
from conftest import copy_sample


def budget_png(path: Path) -> tuple[int, int]:
    """An RGBA PNG just under the pixel budget, written row by row (never whole in memory)."""
    side = int(raster.MAX_PIXELS ** 0.5) - 1
    compress = zlib.compressobj(1)
    row = b"\x00" + bytes(range(256)) * (side * 4 // 256) + b"\x80" * (side * 4 % 256)
    data = b"".join(compress.compress(row) for _ in range(side)) + compress.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return side, side


def worst_case(root: Path) -> Path:
    source = copy_sample(root / "source")
    budget_png(source / "images" / "huge.png")
    rows = shape.MAX_CELLS // 2 - 1  # two columns, one header row
    table = "| Council | Score |\n|---|---|\n" + "".join(f"| Council {n} | {n % 97} |\n" for n in range(rows))
    items = "".join(f"- Item {n}\n" for n in range(shape.MAX_LIST_ITEMS))
    headings = "".join(f"## Part {n}\n\nText of part {n}.\n\n" for n in range(shape.MAX_HEADINGS - 3))
    chapter = source / "chapters" / "04-annex.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n![A very large picture](images/huge.png)\n\n"
                       + table + "\n" + items + "\n" + headings, encoding="utf-8")
    return source
