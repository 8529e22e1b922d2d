"""The short summary `almanac check` prints: totals, the worst rules, where the reports are.

It counts and lists problems (checks/problems.py: one rule on one source element, whatever formats it was
seen in), each at its source location once with the formats and every output location beneath; the
placeholder links are listed one by one, since each is an editor's task."""

from __future__ import annotations

import os
from collections import Counter

from ..checks.finding import CheckResult, project_path
from ..checks.problems import SEVERITY_ORDER, Problem, counts, group
from ..checks.registry import FORMATS, load_rules

SHOWN = 20  # errors and warnings listed in full; the HTML report has every one


def report_path(result: CheckResult) -> str:
    """The reviewers' report where it was really written, as the project names files."""
    return project_path(os.path.join(result.output_dir or "output", "reports", "accessibility.html"))


def summary(result: CheckResult, strict: bool = False, limit: int = 12) -> str:
    problems = group(result.findings)
    open_ = counts(problems, "open")
    waived = sum(counts(problems, "waived").values())
    findings = sum(1 for f in result.findings if f.status == "open")
    lines = [f"Accessibility checks: {open_['error']} error(s), {open_['warning']} warning(s), "
             f"{open_['notice']} notice(s) open; {waived} waived. (Distinct problems; {findings} open finding(s) "
             "across the source and the outputs are in the JSON, JUnit and SARIF reports.)"]
    live = [p for p in problems if p.status == "open"]
    by_format = Counter(FORMATS[k] for p in live if p.severity != "notice" for k in {f.format for f in p.findings})
    if by_format:
        lines.append("  errors and warnings seen in: " + ", ".join(f"{name} {by_format[name]}" for name in FORMATS.values()
                                                                   if by_format[name]))
    by_rule = Counter((p.severity, p.rule) for p in live)
    for (severity, rule), count in sorted(by_rule.items(), key=lambda kv: (SEVERITY_ORDER[kv[0][0]], -kv[1]))[:limit]:
        lines.append(f"  {severity:7} {count:4}  {rule}")
    placeholders = [p for p in live if _placeholder(p)]
    if placeholders:
        lines.append(f"Placeholder links to fill in ({len(placeholders)}):")
        lines.extend(f"  {p.source}: {p.first.message}" for p in placeholders)
    listed = {id(p) for p in placeholders}  # by identity: comparing problems field by field was quadratic
    shown = sorted((p for p in live if p.severity != "notice" and id(p) not in listed),
                   key=lambda p: SEVERITY_ORDER[p.severity])
    if shown:
        lines.append("Errors and warnings" + (f" (first {SHOWN} of {len(shown)})" if len(shown) > SHOWN else "") + ":")
    for problem in shown[:SHOWN]:
        lines.extend(entry(problem))
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


def entry(problem: Problem) -> list[str]:
    """A problem at its source place once, in the source's words (the rule's summary when only outputs show
    it, so no output's heading levels are put at a source line), then each output place with its own words."""
    first = problem.first
    if not problem.source:  # not traced to the source: the output's own place and words
        return [f"  {FORMATS[first.format]} {first.output}: {first.severity}: {first.message} [{problem.rule}]"]
    message = first.message if first.format == "S" else load_rules()[problem.rule].summary
    lines = [f"  {problem.source}: {problem.severity}: {message} [{problem.rule}] (seen in {', '.join(problem.formats)})"]
    for f in problem.outputs:
        lines.append(f"      {FORMATS[f.format]} {f.output}" + (f": {f.message}" if f.message != message else ""))
    return lines


def _placeholder(problem: Problem) -> bool:
    first = problem.first
    return first.rule == "link-empty" and first.format == "S" and "placeholder" in first.message
