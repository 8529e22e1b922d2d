"""Reports of a check run: HTML for reviewers, JSON (stable schema), JUnit XML, SARIF 2.1.0, a terminal
summary, and the draft accessibility statement."""

from __future__ import annotations

import os

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.finding import CheckResult

REPORTS_DIR = "reports"


def write_reports(result: CheckResult, output_dir: str) -> list[str]:
    """Write every report atomically (temporary file, then rename); return their paths. The writers are
    imported here: `almanac check` imports the terminal summary before it builds."""
    from . import html_report, json_report, junit, sarif, statement

    reports = os.path.join(output_dir, REPORTS_DIR)
    os.makedirs(reports, exist_ok=True)
    files = {
        os.path.join(reports, "accessibility.json"): json_report.render(result),
        os.path.join(reports, "accessibility.html"): html_report.render(result),
        os.path.join(reports, "accessibility.junit.xml"): junit.render(result),
        os.path.join(reports, "accessibility.sarif"): sarif.render(result),
        os.path.join(output_dir, "accessibility-statement.html"): statement.render(result),
    }
    for path, text in files.items():
        _atomic_write(path, text)
    return list(files)


def _atomic_write(path: str, text: str) -> None:
    import tempfile

    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)
