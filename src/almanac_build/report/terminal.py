"""The short summary `almanac check` prints: totals, the worst rules, where the reports are."""

from __future__ import annotations

import os
from collections import Counter

from ..checks.finding import CheckResult, project_path
from ..checks.registry import FORMATS


def report_path(result: CheckResult) -> str:
    """The reviewers' report where it was really written, as the project names files."""
    return project_path(os.path.join(result.output_dir or "output", "reports", "accessibility.html"))


def summary(result: CheckResult, strict: bool = False, limit: int = 12) -> str:
    open_ = result.counts("open")
    waived = sum(result.counts("waived").values())
    lines = [f"Accessibility checks: {open_['error']} error(s), {open_['warning']} warning(s), "
             f"{open_['notice']} notice(s) open; {waived} waived."]
    by_format = Counter(f.format for f in result.findings if f.status == "open" and f.severity != "notice")
    if by_format:
        lines.append("  errors and warnings by format: " + ", ".join(f"{FORMATS[k]} {v}" for k, v in by_format.items()))
    by_rule = Counter((f.severity, f.rule) for f in result.findings if f.status == "open")
    order = {"error": 0, "warning": 1, "notice": 2}
    for (severity, rule), count in sorted(by_rule.items(), key=lambda kv: (order[kv[0][0]], -kv[1]))[:limit]:
        lines.append(f"  {severity:7} {count:4}  {rule}")
    placeholders = [f for f in result.findings if f.rule == "link-empty" and f.format == "S"
                    and "placeholder" in f.message and f.status == "open"]
    if placeholders:
        lines.append(f"Placeholder links to fill in ({len(placeholders)}):")
        lines.extend(f"  {f.source}: {f.message}" for f in placeholders)
    listed = {id(f) for f in placeholders}  # by identity: comparing findings field by field was quadratic
    shown = [f for f in result.findings if f.status == "open" and f.severity == "error" and id(f) not in listed]
    if shown:
        lines.append("Other errors" + (f" (first 10 of {len(shown)})" if len(shown) > 10 else "") + ":")
    for f in shown[:10]:
        lines.append(f"  {f.source or f.output}: {f.severity}: {f.message} [{f.rule}]")
    for problem in result.problems:
        lines.append(f"  warning: {problem}")
    for w in result.unused_waivers:
        lines.append(f"  {w['loc']}: warning: the waiver for {w['rule']} at {w['location']} matches no finding")
    failing = result.blocking or (strict and open_["warning"])
    lines.append("Result: " + ("FAILED" if failing else "passed") +
                 (" (errors remain that are neither fixed nor waived)" if result.blocking else
                  " (--strict: warnings remain)" if failing else "") +
                 f". Details: {report_path(result)}")
    return "\n".join(lines)
