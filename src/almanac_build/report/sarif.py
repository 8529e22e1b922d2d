"""accessibility.sarif (SARIF 2.1.0): source locations are physical locations with a region, relative to
the project folder (uriBaseId SRCROOT); output-only findings point at the output file."""

from __future__ import annotations

import json
import os
import pathlib

from ..checks.finding import CheckResult, Finding, project_path
from ..checks.registry import load_rules

LEVELS = {"error": "error", "warning": "warning", "notice": "note"}


def _artifact(path: str) -> dict:
    """A file relative to the project folder (SRCROOT), or an absolute file: URI when it lies outside."""
    if os.path.isabs(path):
        return {"uri": pathlib.Path(path).as_uri()}
    return {"uri": path.replace(os.sep, "/"), "uriBaseId": "SRCROOT"}


def _location(f: Finding, output_dir: str) -> dict:
    if f.source_file:
        physical = {"artifactLocation": _artifact(f.source_file)}
        if f.source_line:
            region = {"startLine": f.source_line}
            if f.source_col:
                region["startColumn"] = f.source_col
            if f.snippet:
                region["snippet"] = {"text": f.snippet}
            physical["region"] = region
    else:
        physical = {"artifactLocation": _artifact(project_path(os.path.join(output_dir, f.output_file)))}
    return {"physicalLocation": physical,
            "logicalLocations": [{"name": f.output, "kind": "element", "fullyQualifiedName": f.output}]}


def _result(f: Finding, index: dict, output_dir: str) -> dict:
    out = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.severity],
           "message": {"text": f"{f.message} [{f.format}: {f.output}]"}, "locations": [_location(f, output_dir)],
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
    run = {"tool": {"driver": driver}, "originalUriBaseIds": {"SRCROOT": {"description": {"text": "the project folder (where almanac ran)"}}},
           "results": [_result(f, index, result.output_dir or "output") for f in result.findings]}
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
