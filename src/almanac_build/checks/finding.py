"""A finding: one rule's hit in one format, with its locations, severity, status and the fix."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..diagnostics import display_path

OUTCOMES = ("failed", "needs review", "passed", "not applicable")


def project_path(path: str) -> str:
    """A file as the reports name it: relative to the project folder (the working directory `almanac`
    runs in, the repository under `make`), as the build's own `file:line:col` errors do; absolute when it
    lies outside (a source tree elsewhere), so the path still opens."""
    return display_path(os.path.abspath(path)) if path else path


@dataclass
class Finding:
    rule: str
    severity: str  # error | warning | notice
    format: str  # S H E D P
    message: str
    output_file: str
    output_pointer: str
    source_file: str = ""  # relative to the project folder
    source_line: int = 0
    source_col: int = 0
    snippet: str = ""
    wcag: str = ""
    guidance: tuple[str, ...] = ()
    fix: str = ""
    status: str = "open"  # open | waived
    waiver: dict = field(default_factory=dict)
    traced: str = ""  # how an output finding was traced to the source (view.Where.traced)

    @property
    def source(self) -> str:
        if not self.source_file:
            return ""
        parts = [self.source_file] + [str(n) for n in (self.source_line, self.source_col) if n]
        return ":".join(parts)

    @property
    def output(self) -> str:
        return f"{self.output_file} {self.output_pointer}".strip()

    @property
    def blocking(self) -> bool:
        return self.status == "open" and self.severity == "error"

    def key(self) -> tuple:
        return (self.rule, self.format, self.output_file, self.output_pointer, self.source, self.message)


@dataclass
class Outcome:
    rule: str
    format: str
    outcome: str  # one of OUTCOMES
    findings: int = 0
    note: str = ""


@dataclass
class CheckResult:
    findings: list[Finding]
    outcomes: list[Outcome]
    unused_waivers: list[dict]
    manual: list[dict]
    formats_checked: dict[str, list[str]]  # format letter -> output files read
    generated: str = ""  # ISO date of the run
    source_dir: str = ""
    output_dir: str = ""
    meta: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # outputs or rules that could not be run

    def counts(self, status: str = "open") -> dict[str, int]:
        out = {"error": 0, "warning": 0, "notice": 0}
        for finding in self.findings:
            if finding.status == status:
                out[finding.severity] += 1
        return out

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]
