"""The print edition's page record, the writing side of the pagination contract (docs/architecture.md):
which source block begins each printed page, recorded while the print PDF is laid out, for the EPUB
page list and the HTML page anchors (read back by writers/pagination.py)."""

from __future__ import annotations

import json
import os


def loc_text(loc, base: str) -> str:
    """`source/chapters/02-connectivity.md:11:1`: relative to the folder that holds the source folder."""
    if loc is None:
        return ""
    path = os.path.relpath(loc.file, base) if base and os.path.isabs(loc.file) else loc.file
    return f"{path}:{loc.line}:{loc.col}"


def pages(page_count: int, records: list[tuple[int, str, tuple]], page_chapters: dict) -> list[dict]:
    """One entry per page: the first block that starts on it, else the block that continues onto it."""
    starts: dict[int, tuple] = {}
    conts: dict[int, tuple] = {}
    for page, kind, ref in records:
        (starts if kind == "start" else conts).setdefault(page, ref)
    out, last = [], None
    for page in range(1, page_count + 1):
        chapter = page_chapters.get(page)
        ref, continued = starts.get(page), False
        if ref is None:
            ref, continued = conts.get(page) or last, True
        if chapter is None or ref is None or ref[0] != chapter.id:
            entry = {"chapter": chapter.id if chapter is not None else None, "block": -1, "continued": False,
                     "loc": (ref[2] if ref and chapter is not None and ref[0] == chapter.id else "")}
        else:
            entry = {"chapter": ref[0], "block": ref[1], "continued": continued, "loc": ref[2]}
            last = ref
        out.append({"page": page, "label": str(page), **entry})
    return out


def write(data_dir: str, source_name: str, page_list: list[dict]) -> None:
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(data_dir, "pagination.json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({"source": source_name, "page_count": len(page_list), "pages": page_list}, handle, indent=1)
    os.replace(tmp, path)
