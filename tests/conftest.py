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


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m almanac_build …` as an editor's `make` would, capturing its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "almanac_build", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def pdf_text(path: Path) -> str:
    """Text of a PDF in reading order as pdftotext extracts it (poppler-utils is installed by tools/install-validators.sh)."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
