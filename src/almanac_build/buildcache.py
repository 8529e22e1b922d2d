"""Which outputs are already up to date, by content hash, so an unchanged output is never rebuilt.

A writer's key hashes everything its output depends on: every file in source/ and styles/, every module
of the tool that building it runs (the writer's module, the build and loader, and all they import, found
by reading the code: imports.py), the tool's version and SOURCE_DATE_EPOCH. The record of the last
build (`output/.build/cache.json`) holds each writer's key, the keys of the writers whose build data it
read (the PDF's pagination, for HTML and EPUB), and the hash of each output it wrote, so an output that
was deleted or edited by hand is rebuilt too, and which modules each module imports (reused while the
file is unchanged). The no-change path decides without importing any writer (or ReportLab).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field

from . import __version__

CACHE_FILE = "cache.json"
FORMAT_VERSION = 3
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# Besides its own module, every writer runs what the build runs before it: loading the source into the
# model, the theme, the build data. The checks and reports are in no writer's import closure, so editing
# a rule rebuilds nothing.
BUILD_MODULE = f"{__package__}.build"


@dataclass
class Record:
    key: str
    deps: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # output name -> hash of what was written


def digest_tree(folder: str, skip: set[str] | None = None, base: str | None = None) -> str:
    """One hash over every file's relative name and bytes (sorted, so the walk order does not matter)."""
    h = hashlib.sha256()
    base = base or folder
    for path in sorted(files_under(folder)):
        rel = os.path.relpath(path, base)
        if skip and rel in skip:
            continue
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        h.update(_file_digest(path).encode() + b"\0")
    return h.hexdigest()


def files_under(folder: str) -> list[str]:
    """Every file below `folder`, without Python's caches."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [os.path.join(root, f) for f in files if not f.endswith(".pyc")]
    return found


def _file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def writer_keys(source_dir: str, styles_dir: str, entries, known_imports: dict | None = None) -> dict[str, str]:
    """The key of every writer entry (its `module`; the source and styles are hashed once).
    `known_imports` (the last build's, from `read_imports`) is updated in place with what was read."""
    from .imports import ImportGraph

    graph = ImportGraph(PACKAGE_DIR, known_imports)
    shared = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", "").strip(), digest_tree(source_dir),
                 digest_tree(styles_dir)):
        shared.update(part.encode() + b"\0")
    keys = {}
    for entry in entries:
        h = shared.copy()
        for rel in sorted(graph.closure(entry.module, BUILD_MODULE)):
            h.update(rel.encode() + b"\0" + graph.digests[rel].encode() + b"\0")
        keys[entry.name] = h.hexdigest()
    if known_imports is not None:
        known_imports.clear()
        known_imports.update({rel: graph.known[rel] for rel in graph.digests})
    return keys


def output_digest(path: str) -> str:
    if os.path.isdir(path):
        return digest_tree(path)
    return _file_digest(path) if os.path.isfile(path) else ""


def read_records(data_dir: str) -> dict[str, Record]:
    """The last build's records; an unreadable or older-format file counts as no record."""
    try:
        with open(os.path.join(data_dir, CACHE_FILE), encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != FORMAT_VERSION:
            return {}
        return {name: Record(str(r["key"]), dict(r["deps"]), dict(r["outputs"])) for name, r in data["writers"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_records(data_dir: str, records: dict[str, Record], warnings: list[str],
                  imports: dict | None = None) -> None:
    data = {"format": FORMAT_VERSION, "warnings": warnings, "imports": imports or {},
            "writers": {name: {"key": r.key, "deps": r.deps, "outputs": r.outputs} for name, r in sorted(records.items())}}
    os.makedirs(data_dir, exist_ok=True)
    with open(os.path.join(data_dir, CACHE_FILE), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)


def read_imports(data_dir: str) -> dict[str, list]:
    """Each module's digest and the names it imports, as the last build read them."""
    try:
        with open(os.path.join(data_dir, CACHE_FILE), encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != FORMAT_VERSION:
            return {}
        return {str(rel): [str(v[0]), [str(n) for n in v[1]]] for rel, v in data.get("imports", {}).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return {}


def read_warnings(data_dir: str) -> list[str]:
    """The warnings the last build printed (repeated when nothing has to be built)."""
    try:
        with open(os.path.join(data_dir, CACHE_FILE), encoding="utf-8") as handle:
            return [str(w) for w in json.load(handle).get("warnings", [])]
    except (OSError, ValueError, AttributeError, TypeError):
        return []


def up_to_date(name: str, keys: dict[str, str], records: dict[str, Record], output_dir: str) -> bool:
    """True when the writer's inputs, the build data it read, and its outputs are what was recorded."""
    record = records.get(name)
    if record is None or keys.get(name) != record.key:
        return False
    if any(keys.get(dep) != key for dep, key in record.deps.items()):
        return False
    return all(output_digest(os.path.join(output_dir, out)) == want for out, want in record.outputs.items())

