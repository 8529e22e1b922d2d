"""`almanac check`: build if needed, run every rule, write the reports, decide the exit status, and
claim EPUB conformance only when no unwaived error remains."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .build import build, source_date_epoch
from .diagnostics import AlmanacError, ToolError
from .writers.registry import DEFAULT_SLUG, WRITERS, slug_of

if TYPE_CHECKING:
    from . import model as m
    from .checks.finding import CheckResult


@dataclass
class CheckRun:
    result: CheckResult
    reports: list[str]
    exit_code: int
    built: bool
    claimed: bool


def check(source_dir: str, output_dir: str, strict: bool = False) -> CheckRun:
    built = build(source_dir, output_dir)  # the build cache makes this a no-op when nothing changed
    book: m.Book = built.book or _load_while_importing(source_dir)
    from .checks.run import run_checks

    result = run_checks(book, source_dir, output_dir)
    from .report import write_reports

    reports = write_reports(result, output_dir)
    failing = bool(result.blocking) or (strict and result.counts("open")["warning"] > 0)
    claimed = False if result.blocking else claim(output_dir, source_date_epoch(book), slug_of(book))
    return CheckRun(result, reports, 1 if failing else 0, bool(built.written), claimed)


def _load_while_importing(source_dir: str) -> m.Book:
    """Nothing was built, so the source is read again: Pandoc reads the chapters in its own processes
    while this one imports the output readers (python-docx, pikepdf, lxml: about 0.15 s)."""
    import importlib

    from .source.loader import load_meanwhile

    return load_meanwhile(source_dir, lambda: importlib.import_module(".checks.run", __package__))[0]


def claim(output_dir: str, epoch: int, slug: str = DEFAULT_SLUG) -> bool:
    """Add the EPUB Accessibility conformance claim through the EPUB writer's claim_conformance."""
    from .writers import epub

    path = os.path.join(output_dir, WRITERS["epub"].output_names(slug)[0])
    if not os.path.isfile(path):
        return False
    try:
        epub.claim_conformance(path, epoch)
    except (AlmanacError, ToolError):
        raise
    except Exception as exc:  # the claim is the EPUB writer's; its failure is a tool failure, not a traceback
        raise ToolError(f"adding the EPUB conformance claim failed: {exc}") from exc
    return True
