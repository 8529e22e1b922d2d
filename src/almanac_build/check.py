"""`almanac check`: build if needed, run every rule, write the reports, decide the exit status, and
claim EPUB conformance only when the results say fully compliant (the statement's own verdict)."""

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
    from .checks.as_written import ReadAsWritten

    early = ReadAsWritten()  # each output is read for the checks as soon as its writer is done
    built = build(source_dir, output_dir, watcher=early)  # the build cache makes this a no-op when nothing changed
    from .source.loader import load

    book: m.Book = built.book or load(source_dir)  # nothing was built, so the source is read again
    from .checks.run import run_checks

    result = run_checks(book, source_dir, output_dir, early)
    from .report import write_reports

    reports = write_reports(result, output_dir)
    failing = bool(result.blocking) or (strict and result.counts("open")["warning"] > 0)
    from .checks.compliance import may_claim_conformance

    claimed = claim(output_dir, source_date_epoch(book), slug_of(book), may_claim_conformance(result))
    return CheckRun(result, reports, 1 if failing else 0, bool(built.written), claimed)


def claim(output_dir: str, epoch: int, slug: str = DEFAULT_SLUG, claimed: bool = True) -> bool:
    """Add the EPUB Accessibility conformance claim through the EPUB writer's claim_conformance, or
    withdraw one an earlier run added. True when the EPUB now carries the claim."""
    from .writers import epub

    path = os.path.join(output_dir, WRITERS["epub"].output_names(slug)[0])
    if not os.path.isfile(path):
        return False
    try:
        epub.claim_conformance(path, epoch, claimed)
    except (AlmanacError, ToolError):
        raise
    except Exception as exc:  # the claim is the EPUB writer's; its failure is a tool failure, not a traceback
        raise ToolError(f"adding the EPUB conformance claim failed: {exc}") from exc
    return claimed
