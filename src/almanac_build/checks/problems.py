"""One problem, one entry: the findings of one rule on one source element, in whichever formats it was
seen, grouped so a reviewer reads the source location once with each output location beneath it.

The per-format findings stay what the JSON, JUnit and SARIF reports list; the terminal summary and the
HTML report show problems. Two findings of one rule at one source place are one problem when they come
from different outputs; two from the same output (two long sentences on one source line) are two.
"""

from __future__ import annotations

from dataclasses import dataclass

from .finding import Finding
from .registry import FORMATS

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


@dataclass
class Problem:
    rule: str
    findings: list[Finding]

    @property
    def first(self) -> Finding:
        """The finding that speaks for the problem: the source's own when there is one (its message uses the
        source's words and levels), else the first output's."""
        return next((f for f in self.findings if f.format == "S"), self.findings[0])

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__)

    @property
    def status(self) -> str:
        return "open" if any(f.status == "open" for f in self.findings) else "waived"

    @property
    def source(self) -> str:
        return self.first.source

    @property
    def in_source(self) -> bool:
        return any(f.format == "S" for f in self.findings)

    @property
    def formats(self) -> list[str]:
        """Format names in the catalogue's order, a format read from two files counted twice ("PDF ×2")."""
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.format] = counts.get(f.format, 0) + 1
        return [FORMATS[k] + (f" ×{counts[k]}" if counts[k] > 1 else "") for k in FORMATS if k in counts]

    @property
    def outputs(self) -> list[Finding]:
        """Findings in the outputs (not the source), each with its own location and message."""
        return [f for f in self.findings if f.format != "S"]


def group(findings: list[Finding]) -> list[Problem]:
    """Problems in the order their first finding was reported."""
    problems: dict[tuple, Problem] = {}
    seen: dict[tuple, int] = {}
    for f in findings:
        if not f.source_file:  # nothing to join on: the finding is its own problem
            key = ("untraced", id(f))
        else:
            place = (f.rule, f.source_file, f.source_line, f.source_col)
            view = place + (f.format, f.output_file)
            nth = seen.get(view, 0)
            seen[view] = nth + 1
            key = place + (nth,)
        problems.setdefault(key, Problem(f.rule, [])).findings.append(f)
    return list(problems.values())


def counts(problems: list[Problem], status: str = "open") -> dict[str, int]:
    out = {"error": 0, "warning": 0, "notice": 0}
    for problem in problems:
        if problem.status == status:
            out[problem.severity] += 1
    return out
