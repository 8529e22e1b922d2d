"""Which of the tool's own modules a module needs, read from the code (nothing is imported).

The build cache keys each writer on exactly the modules it runs: its own, every module they import
(at the top or inside a function, directly or through another module), and the package `__init__`
files Python runs on the way. Deriving this from the code, rather than listing each writer's folder,
is what keeps the key right when a writer starts using another writer's module (the DOCX writer uses
the PDF writer's font registry). Imports of other packages are ignored: their versions are pinned.
"""

from __future__ import annotations

import hashlib
import os
import re

PACKAGE = "almanac_build"


class ImportGraph:
    """The package's modules under `package_dir`, read lazily: module name → the file that holds it."""

    def __init__(self, package_dir: str, known: dict[str, list] | None = None):
        self.package_dir = package_dir
        # relative path → [digest, names it imports]: the last build's reading, reused while a file is
        # unchanged (parsing every module costs a tenth of a second; the no-change path must not pay it)
        self.known: dict[str, list] = dict(known or {})
        self.digests: dict[str, str] = {}  # relative path → sha256 of its bytes, for every file visited
        self._files = {os.path.relpath(os.path.join(root, name), package_dir)
                       for root, dirs, names in os.walk(package_dir) for name in names if name.endswith(".py")}
        self._direct: dict[str, list[str]] = {}
        self._file: dict[str, str | None] = {}
        self._closures: dict[str, frozenset[str]] = {}

    def file_of(self, module: str) -> str | None:
        """The file, relative to the package folder, that holds `almanac_build.a.b`; None if there is none."""
        if module not in self._file:
            parts = module.split(".")[1:]
            found = None
            for rel in (os.path.join(*parts, "__init__.py") if parts else "__init__.py",
                        os.path.join(*parts) + ".py" if parts else ""):
                if rel in self._files:
                    found = rel
                    break
            self._file[module] = found
        return self._file[module]

    def closure(self, *modules: str) -> set[str]:
        """Every file (relative to the package folder) that importing `modules` runs."""
        found: set[str] = set()
        for module in modules:
            if module not in self._closures:
                self._closures[module] = frozenset(self._closure_of(module))
            found |= self._closures[module]
        return found

    def _closure_of(self, module: str) -> set[str]:
        seen: set[str] = set()
        pending = [module]
        while pending:
            module = pending.pop()
            for name in _with_parents(module):
                rel = self.file_of(name)
                if rel is None or rel in seen:
                    continue
                seen.add(rel)
                pending.extend(self.direct(name, rel))
        return seen

    def direct(self, module: str, rel: str) -> list[str]:
        """The package module names that `module` (held in `rel`) imports, or may (`from . import x`
        names x, which may be a module or a name: `closure` keeps those that are files)."""
        if rel in self._direct:
            return self._direct[rel]
        with open(os.path.join(self.package_dir, rel), "rb") as handle:
            source = handle.read()
        digest = self.digests[rel] = hashlib.sha256(source).hexdigest()
        known = self.known.get(rel)
        if not known or known[0] != digest:
            known = self.known[rel] = [digest, sorted(set(self._imports(module, rel, source)))]
        self._direct[rel] = known[1]
        return known[1]

    def _imports(self, module: str, rel: str, source: bytes):
        """Import statements found by a line scan, at any indent (inside functions too). Parsing every
        module with `ast` cost about 0.25 s of a cold build; the scan gives the same names (a test holds
        it to `ast`), and a statement-like line inside a string can only add a name, never lose one."""
        package = module if rel.endswith("__init__.py") else module.rpartition(".")[0]
        text = source.decode("utf-8", "replace")
        for match in _IMPORT.finditer(text):
            for name in _names(match.group(1)):
                if name.split(".")[0] == PACKAGE:
                    yield name
        for match in _FROM.finditer(text):
            dots = len(match.group(1)) - len(match.group(1).lstrip("."))
            base = _absolute(match.group(1)[dots:], dots, package)
            if base.split(".")[0] != PACKAGE:
                continue
            yield base
            yield from (f"{base}.{name}" for name in _names(match.group(2)))


_REST = r"[^\n#;\\]*(?:\\\n[^\n#;\\]*)*"  # to the end of the statement, across backslash continuations
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(" + _REST + ")", re.MULTILINE)
_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|" + _REST + ")", re.MULTILINE)


def _names(clause: str) -> list[str]:
    """`a, b as c` or `(a,\n b)` → the imported names (a, b)."""
    clause = clause.replace("(", " ").replace(")", " ").replace("\\", " ")
    return [part.split()[0] for part in clause.split(",") if part.split() and part.split()[0] != "*"]


def _absolute(module: str, level: int, package: str) -> str:
    if not level:
        return module
    base = package.split(".")
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _with_parents(module: str) -> list[str]:
    """`a.b.c` → a, a.b, a.b.c: importing a module runs its packages' __init__ first."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
