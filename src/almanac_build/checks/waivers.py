"""`source/accessibility-waivers.yaml`: findings an editor has accepted, each with a reason.

A waived finding stays in every report, marked waived; a waiver that matches nothing is reported, so
stale waivers do not pile up. The file is validated as strictly as the rest of the source.
"""

from __future__ import annotations

import difflib
import os

from ..diagnostics import AlmanacError, Collector
from ..source.schema import Field, validate
from ..source.textfile import read_text
from ..source.yamlsource import load_yaml
from .finding import Finding, project_path

WAIVERS_FILE = "accessibility-waivers.yaml"
WAIVER_SCHEMA = {
    "rule": Field("text", example="link-text-too-long"),
    "location": Field("text", example="chapters/02-connectivity.md:99"),
    "reason": Field("text", example="The linked title is the report's own name."),
    "who": Field("text", example="A. Editor"),
    "date": Field("date", example="2024-03-01"),
}


def load_waivers(source_dir: str, rule_ids: set[str]) -> list[dict]:
    path = os.path.join(source_dir, WAIVERS_FILE)
    if not os.path.isfile(path):
        return []
    data = load_yaml(read_text(path), path)
    out = Collector()
    if data.value is None:
        return []
    if not isinstance(data.value, dict) or set(data.value) != {"waivers"} or not isinstance(data.value["waivers"].value, list):
        out.error(data.loc, "the waivers file must have one key, 'waivers:', holding a list",
                  "start the file with 'waivers:' and write each waiver as '  - rule: …'")
        out.raise_if_any()
    waivers = []
    for entry in data.value["waivers"].value:
        values = validate(entry, WAIVER_SCHEMA, "a waiver", out)
        rule = values.get("rule")
        if rule and rule not in rule_ids:
            close = difflib.get_close_matches(rule, rule_ids, n=1)
            out.error(entry.value["rule"].loc, f"unknown rule '{rule}' in a waiver",
                      f"did you mean '{close[0]}'?" if close else "use a rule id from docs/rules/")
        if len(values) == len(WAIVER_SCHEMA):
            values["loc"] = str(entry.loc)
            waivers.append(values)
    out.raise_if_any()
    return waivers


def _normal(location: str, folder: str = "source/") -> str:
    """A location relative to the source folder (waivers are written that way; findings name files
    relative to the project, see finding.project_path)."""
    location = location.strip().replace("\\", "/")
    for prefix in dict.fromkeys((folder, "source/")):
        if location.startswith(prefix):
            return location[len(prefix):]
    return location


def matches(waiver: dict, finding: Finding, folder: str = "source/") -> bool:
    if waiver["rule"] != finding.rule:
        return False
    wanted = _normal(waiver["location"], folder)
    source = _normal(finding.source, folder)
    if source and (source == wanted or source.startswith(wanted + ":")):
        return True
    return wanted in (finding.output, finding.output_file)


def apply_waivers(findings: list[Finding], waivers: list[dict], source_dir: str = "source") -> list[dict]:
    """Mark matching findings waived; return the waivers that matched nothing."""
    folder = project_path(source_dir).replace("\\", "/").rstrip("/") + "/"
    unused = []
    for waiver in waivers:
        hit = False
        for finding in findings:
            if matches(waiver, finding, folder):
                finding.status = "waived"
                finding.waiver = {k: waiver[k] for k in ("reason", "who", "date", "location")}
                hit = True
        if not hit:
            unused.append(waiver)
    return unused


__all__ = ["AlmanacError", "apply_waivers", "load_waivers", "WAIVERS_FILE"]
