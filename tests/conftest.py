"""Shared fixtures: small source trees made on the fly, and builds of the sample and real almanac
made once per test session (tests read them back, never rebuild them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "roots" / "sample"
SOURCE = ROOT / "source"
SECOND = ROOT / "tests" / "roots" / "cto-guidance"  # a second real publication (its README says whose)

sys.path.insert(0, str(ROOT / "src"))

from almanac_build.build import build  # noqa: E402


def copy_sample(target: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Copy the sample book to `target`, then write (or delete, for None) the files in `changes`."""
    shutil.copytree(SAMPLE, target)
    for name, text in (changes or {}).items():
        path = target / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def sample_copy(tmp_path):
    """A writable copy of the sample book: call it with {relative path: new text}."""
    return lambda changes=None: copy_sample(tmp_path / "source", changes)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample-out")
    build(str(SAMPLE), str(out))
    return out


@pytest.fixture(scope="session")
def built_almanac(tmp_path_factory) -> Path:
    """The real almanac, built once from source/ for every end-to-end test."""
    out = tmp_path_factory.mktemp("almanac-out")
    build(str(SOURCE), str(out))
    return out


@pytest.fixture(scope="session")
def built_second(tmp_path_factory) -> Path:
    """The second real publication (tests/roots/cto-guidance), built once in every format."""
    out = tmp_path_factory.mktemp("second-out")
    build(str(SECOND), str(out))
    return out


def editions(out: Path) -> dict[str, Path]:
    """The built editions in `out` by format, whatever the publication names its files."""
    pdfs = sorted(out.glob("*.pdf"))
    pages = [p for p in out.glob("*.html") if p.name not in ("index.html", "accessibility-statement.html")]
    found = {"pdf": [p for p in pdfs if not p.stem.endswith("-large-print")],
             "large-print": [p for p in pdfs if p.stem.endswith("-large-print")],
             "html": pages, "docx": list(out.glob("*.docx")), "epub": list(out.glob("*.epub"))}
    assert all(len(paths) == 1 for paths in found.values()), found
    return {kind: paths[0] for kind, paths in found.items()}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m almanac_build …` as an editor's `make` would, capturing its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "almanac_build", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def pdf_text(path: Path) -> str:
    """Text of a PDF in reading order as pdftotext extracts it (poppler-utils is installed by tools/install-validators.sh)."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def write_pagination(source_dir: Path, data_dir: Path, every: int = 7) -> dict:
    """A stand-in for the print PDF's pagination.json (the pagination contract in docs/architecture.md), for EPUB page-list tests
    that must not depend on where the PDF happens to break pages: two unnumbered front pages, then a
    page at each chapter opener and at every `every`-th block, some marked as continued. Labels differ
    from page indexes on purpose, so a test can tell which one a writer used."""
    import json

    from almanac_build.source.loader import load
    from almanac_build.walk import iter_blocks

    book = load(str(source_dir))
    pages = [{"page": n, "label": label, "chapter": None, "block": -1, "continued": False, "loc": ""}
             for n, label in ((1, "i"), (2, "ii"))]
    for chapter in book.chapters:
        locs = [chapter.loc] + [b.loc for b in iter_blocks(chapter.blocks)]
        for block in [-1] + list(range(every, len(locs) - 1, every)):
            n = len(pages) + 1
            pages.append({"page": n, "label": str(n - 2), "chapter": chapter.id, "block": block,
                          "continued": block > 0 and block % 3 == 0, "loc": str(locs[block + 1] or "")})
    record = {"source": "almanac.pdf", "page_count": len(pages), "pages": pages}
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "pagination.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return record


def write_edition(source_dir: Path, out: Path, name: str) -> None:
    """Run one writer ("html", "epub") on its own, against the pagination.json a test left in out/.build.
    `build` would lay out the print PDF first (the writers require it), replacing the test's record."""
    from almanac_build.build import source_date_epoch
    from almanac_build.source.loader import load
    from almanac_build.writers.base import BuildContext
    from almanac_build.writers.registry import all_writers

    book = load(str(source_dir))
    ctx = BuildContext(str(out), book.theme, source_date_epoch(book), str(out / ".build"))
    all_writers(book.meta.slug)[name].write(book, ctx)


@pytest.fixture(scope="session")
def paged_almanac(tmp_path_factory) -> Path:
    """The real almanac's EPUB built against a pagination record written by `write_pagination`."""
    out = tmp_path_factory.mktemp("paged-almanac")
    write_pagination(SOURCE, out / ".build")
    write_edition(SOURCE, out, "epub")
    return out
