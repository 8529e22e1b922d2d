"""accessibility.sarif (SARIF 2.1.0): source locations are physical locations with a region, relative to
the project folder (uriBaseId SRCROOT); output-only findings point at the output file."""

from __future__ import annotations

import json

from ..checks.finding import CheckResult, Finding
from ..checks.registry import load_rules

LEVELS = {"error": "error", "warning": "warning", "notice": "note"}


def _location(f: Finding) -> dict:
    if f.source_file:
        physical = {"artifactLocation": {"uri": f.source_file, "uriBaseId": "SRCROOT"}}
        if f.source_line:
            region = {"startLine": f.source_line}
            if f.source_col:
                region["startColumn"] = f.source_col
            if f.snippet:
                region["snippet"] = {"text": f.snippet}
            physical["region"] = region
    else:
        physical = {"artifactLocation": {"uri": f"output/{f.output_file}", "uriBaseId": "SRCROOT"}}
    return {"physicalLocation": physical,
            "logicalLocations": [{"name": f.output, "kind": "element", "fullyQualifiedName": f.output}]}


def _result(f: Finding, index: dict) -> dict:
    out = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.severity],
           "message": {"text": f"{f.message} [{f.format}: {f.output}]"}, "locations": [_location(f)],
           "properties": {"format": f.format, "wcag": f.wcag, "outputLocation": f.output}}
    if f.status == "waived":
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": f"{f.waiver.get('reason', '')} ({f.waiver.get('who', '')}, "
                                                 f"{f.waiver.get('date', '')})"}]
    return out


def render(result: CheckResult) -> str:
    rules = list(load_rules().values())
    index = {r.id: i for i, r in enumerate(rules)}
    driver = {"name": "almanac_build accessibility checks", "version": "1.0",
              "rules": [{"id": r.id, "shortDescription": {"text": r.summary}, "fullDescription": {"text": r.fix},
                         "helpUri": f"docs/rules/{r.id}.md",
                         "defaultConfiguration": {"level": LEVELS[r.severity]},
                         "properties": {"wcag": r.wcag, "guidance": list(r.guidance), "formats": list(r.formats)}}
                        for r in rules]}
    run = {"tool": {"driver": driver}, "originalUriBaseIds": {"SRCROOT": {"description": {"text": "the project folder"}}},
           "results": [_result(f, index) for f in result.findings]}
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
