"""accessibility.json: the machine-readable report. Its schema is documented in docs/report-schema.md;
change SCHEMA_VERSION (and the document) whenever a field changes meaning or goes away."""

from __future__ import annotations

import json

from ..checks.finding import CheckResult, Finding
from ..checks.problems import counts, group
from ..checks.registry import FORMATS, load_rules

SCHEMA_VERSION = "1.2"


def finding_dict(index: int, f: Finding, problem: str = "") -> dict:
    source = None
    if f.source_file:
        source = {"file": f.source_file, "line": f.source_line or None, "column": f.source_col or None,
                  "snippet": f.snippet, "traced_by": f.traced}
    return {"id": f"F{index:04d}", "rule": f.rule, "severity": f.severity, "format": f.format,
            "format_name": FORMATS[f.format], "message": f.message, "wcag": f.wcag, "guidance": list(f.guidance),
            "output": {"file": f.output_file, "location": f.output_pointer}, "source": source, "fix": f.fix,
            "status": f.status, "waiver": f.waiver or None, "problem": problem}


def document(result: CheckResult) -> dict:
    rules = load_rules()
    problems = group(result.findings)
    problem_of = {id(f): f"P{n:04d}" for n, p in enumerate(problems, start=1) for f in p.findings}
    outcomes: dict[str, dict] = {}
    for o in result.outcomes:
        outcomes.setdefault(o.rule, {})[o.format] = {"outcome": o.outcome, "findings": o.findings, "note": o.note}
    return {
        "schema": "almanac-accessibility-report", "schema_version": SCHEMA_VERSION,
        "generated": result.generated, "publication": result.meta,
        "summary": {"open": result.counts("open"), "waived": result.counts("waived"),
                    "blocking": len(result.blocking), "passed": not result.blocking,
                    "problems": {"open": counts(problems, "open"), "waived": counts(problems, "waived")}},
        "formats": {k: {"name": v, "files": result.formats_checked.get(k, [])} for k, v in FORMATS.items()},
        "rules": [{"id": r.id, "summary": r.summary, "severity": r.severity, "guidance": list(r.guidance),
                   "wcag": r.wcag, "formats": list(r.formats), "family": r.family, "docs": f"docs/rules/{r.id}.md",
                   "outcomes": outcomes.get(r.id, {})} for r in rules.values()],
        "findings": [finding_dict(i, f, problem_of[id(f)]) for i, f in enumerate(result.findings, start=1)],
        "unused_waivers": [{k: w[k] for k in ("rule", "location", "reason", "who", "date", "loc")}
                           for w in result.unused_waivers],
        "manual_checks": result.manual,
        "problems": result.problems,
    }


def render(result: CheckResult) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
