"""The build cache's import scan (imports.py) finds exactly what Python's own parser finds, in every
module of the tool: a line scan is cheaper than `ast`, and must not lose an import (a missed import
would leave a writer's output stale after an edit)."""

from __future__ import annotations

import ast
import os

from almanac_build import imports

from conftest import ROOT

PACKAGE_DIR = ROOT / "src" / "almanac_build"


def parsed(module: str, rel: str, source: bytes) -> set[str]:
    package = module if rel.endswith("__init__.py") else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, rel)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == imports.PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            base = imports._absolute(node.module or "", node.level, package)
            if base.split(".")[0] == imports.PACKAGE:
                found |= {base} | {f"{base}.{a.name}" for a in node.names}
    return found


def module_name(rel: str) -> str:
    parts = rel[:-3].split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([imports.PACKAGE, *parts])


def test_the_scan_finds_what_the_parser_finds_in_every_module():
    graph = imports.ImportGraph(str(PACKAGE_DIR))
    files = sorted(str(p.relative_to(PACKAGE_DIR)) for p in PACKAGE_DIR.rglob("*.py"))
    assert len(files) > 100
    for rel in files:
        source = (PACKAGE_DIR / rel).read_bytes()
        assert set(graph._imports(module_name(rel), rel, source)) == parsed(module_name(rel), rel, source), rel


def test_the_scan_reads_every_form_of_import():
    source = (b"import almanac_build.model as m, os\n"
              b"from . import (walk,\n    text as t)\n"
              b"def later():\n    from ..diagnostics import Loc  # inside a function\n"
              b"from .styles import \\\n    load_theme\n")
    found = set(imports.ImportGraph(str(PACKAGE_DIR))._imports("almanac_build.writers.x", "writers/x.py", source))
    assert found == {"almanac_build.model", "almanac_build.writers", "almanac_build.writers.walk",
                     "almanac_build.writers.text", "almanac_build.diagnostics", "almanac_build.diagnostics.Loc",
                     "almanac_build.writers.styles", "almanac_build.writers.styles.load_theme"}
