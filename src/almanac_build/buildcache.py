"""Which outputs are already up to date, by content hash, so an unchanged output is never rebuilt.

A writer's key hashes everything its output depends on: every file in source/ and styles/, the tool's
shared code, the writer's own modules, the tool's version and SOURCE_DATE_EPOCH. The record of the last
build (`output/.build/cache.json`) holds each writer's key, the keys of the writers whose build data it
read (the PDF's pagination, for HTML and EPUB), and the hash of each output it wrote, so an output that
was deleted or edited by hand is rebuilt too. The record also holds each writer's own modules, so the
no-change path can decide without importing any writer (and so without importing ReportLab).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field

from . import __version__

CACHE_FILE = "cache.json"
FORMAT_VERSION = 1
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


@dataclass
class WriterSpec:
    """What the cache needs to know about a writer (taken from the class, or from the last record)."""

    name: str
    outputs: tuple[str, ...]
    requires: tuple[str, ...] = ()
    own_files: tuple[str, ...] = ()  # its modules, relative to the package folder


@dataclass
class Record:
    key: str
    deps: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # output name -> hash of what was written


def spec_of(writer) -> WriterSpec:
    """A writer's own modules: its module file, or its whole sub-package (writers/pdf/)."""
    module = type(writer).__module__.split(".")
    relative = os.path.join(*module[1:])
    if len(module) > 3:  # almanac_build.writers.pdf.writer -> writers/pdf/
        folder = os.path.join(PACKAGE_DIR, *module[1:-1])
        own = tuple(sorted(os.path.relpath(p, PACKAGE_DIR) for p in _files(folder)))
    else:
        own = (relative + ".py",)
    return WriterSpec(writer.name, tuple(writer.outputs), tuple(writer.requires), own)


def digest_tree(folder: str, skip: set[str] | None = None, base: str | None = None) -> str:
    """One hash over every file's relative name and bytes (sorted, so the walk order does not matter)."""
    h = hashlib.sha256()
    base = base or folder
    for path in sorted(_files(folder)):
        rel = os.path.relpath(path, base)
        if skip and rel in skip:
            continue
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        h.update(_file_digest(path).encode() + b"\0")
    return h.hexdigest()


def _files(folder: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [os.path.join(root, f) for f in files if not f.endswith(".pyc")]
    return found


def _file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def writer_keys(source_dir: str, styles_dir: str, specs: list[WriterSpec]) -> dict[str, str]:
    """The key of every writer in `specs` (the shared part is hashed once)."""
    own = {f for s in specs for f in s.own_files}
    shared = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", "").strip(), digest_tree(source_dir),
                 digest_tree(styles_dir), digest_tree(PACKAGE_DIR, skip=own)):
        shared.update(part.encode() + b"\0")
    keys = {}
    for spec in specs:
        h = shared.copy()
        for rel in spec.own_files:
            path = os.path.join(PACKAGE_DIR, rel)
            h.update(rel.encode() + (_file_digest(path).encode() if os.path.exists(path) else b"-"))
        keys[spec.name] = h.hexdigest()
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


def write_records(data_dir: str, records: dict[str, Record], warnings: list[str], specs: list[WriterSpec]) -> None:
    data = {"format": FORMAT_VERSION, "warnings": warnings,
            "specs": [[s.name, s.outputs, s.requires, s.own_files] for s in specs],
            "writers": {name: {"key": r.key, "deps": r.deps, "outputs": r.outputs} for name, r in sorted(records.items())}}
    os.makedirs(data_dir, exist_ok=True)
    with open(os.path.join(data_dir, CACHE_FILE), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)


def read_extras(data_dir: str) -> tuple[list[str], list[WriterSpec]]:
    """The warnings the last build printed, and every writer's spec as it was then."""
    try:
        with open(os.path.join(data_dir, CACHE_FILE), encoding="utf-8") as handle:
            data = json.load(handle)
        specs = [WriterSpec(n, tuple(o), tuple(r), tuple(f)) for n, o, r, f in data.get("specs", [])]
        return [str(w) for w in data.get("warnings", [])], specs
    except (OSError, ValueError, AttributeError, TypeError):
        return [], []


def up_to_date(name: str, keys: dict[str, str], records: dict[str, Record], output_dir: str) -> bool:
    """True when the writer's inputs, the build data it read, and its outputs are what was recorded."""
    record = records.get(name)
    if record is None or keys.get(name) != record.key:
        return False
    if any(keys.get(dep) != key for dep, key in record.deps.items()):
        return False
    return all(output_digest(os.path.join(output_dir, out)) == want for out, want in record.outputs.items())

