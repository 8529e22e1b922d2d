"""`almanac check`: build if needed, run every rule, write the reports, decide the exit status, and
claim EPUB conformance only when no unwaived error remains."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .. import model as m
from ..diagnostics import AlmanacError, ToolError
from ..build import build, source_date_epoch
from ..source.loader import load
from .finding import CheckResult
from .run import OUTPUTS, run_checks

WATCHED = ("styles", "src")  # besides the source folder: what a build depends on


@dataclass
class CheckRun:
    result: CheckResult
    reports: list[str]
    exit_code: int
    built: bool
    claimed: bool


def check(source_dir: str, output_dir: str, strict: bool = False) -> CheckRun:
    built = needs_build(source_dir, output_dir)
    book: m.Book = build(source_dir, output_dir).book if built else load(source_dir)
    result = run_checks(book, source_dir, output_dir)
    from ..report import write_reports

    reports = write_reports(result, output_dir)
    failing = bool(result.blocking) or (strict and result.counts("open")["warning"] > 0)
    claimed = False if result.blocking else claim(output_dir, source_date_epoch(book))
    return CheckRun(result, reports, 1 if failing else 0, built, claimed)


def needs_build(source_dir: str, output_dir: str) -> bool:
    """True when an output is missing or older than anything it is built from."""
    outputs = [os.path.join(output_dir, n) for names in OUTPUTS.values() for n in names]
    if not all(os.path.isfile(p) for p in outputs):
        return True
    oldest = min(os.path.getmtime(p) for p in outputs)
    project = os.path.dirname(os.path.abspath(source_dir))
    roots = [source_dir] + [os.path.join(project, d) for d in WATCHED]
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                if not name.endswith(".pyc") and os.path.getmtime(os.path.join(folder, name)) > oldest:
                    return True
    return False


def claim(output_dir: str, epoch: int) -> bool:
    """Add the EPUB Accessibility conformance claim (writers.epub.claim_conformance, from the EPUB work;
    skipped while that function has not landed)."""
    from ..writers import epub

    path = os.path.join(output_dir, "almanac.epub")
    if not hasattr(epub, "claim_conformance") or not os.path.isfile(path):
        return False
    try:
        epub.claim_conformance(path, epoch)
    except (AlmanacError, ToolError):
        raise
    except Exception as exc:  # the claim is the EPUB writer's; its failure is a tool failure, not a traceback
        raise ToolError(f"adding the EPUB conformance claim failed: {exc}") from exc
    return True
