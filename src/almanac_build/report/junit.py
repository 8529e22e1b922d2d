"""accessibility.junit.xml for CI: one test suite per format, one test case per applicable rule; a rule
fails when it has open errors or warnings (notices and waived findings are listed, not failed).
Built as an element tree, which does the escaping: lxml's etree (already loaded by the checks; the
standard library's XML modules are kept out of the code base, tests/test_bad_input_xml.py)."""

from __future__ import annotations

from lxml import etree as ET

from ..checks.finding import CheckResult
from ..checks.registry import FORMATS


def render(result: CheckResult) -> str:
    by_pair: dict[tuple[str, str], list] = {}
    for f in result.findings:
        by_pair.setdefault((f.rule, f.format), []).append(f)
    root = ET.Element("testsuites", name="almanac accessibility")
    for fmt, name in FORMATS.items():
        suite = ET.SubElement(root, "testsuite", name=f"accessibility {name}")
        failures = 0
        for o in (o for o in result.outcomes if o.format == fmt and o.outcome != "not applicable"):
            found = by_pair.get((o.rule, fmt), [])
            lines = "\n".join(f"[{f.severity}{' waived' if f.status == 'waived' else ''}] {f.source or f.output}: "
                              f"{f.message}" for f in found)
            case = ET.SubElement(suite, "testcase", classname=f"accessibility.{name}", name=o.rule)
            if o.outcome == "failed":
                failures += 1
                ET.SubElement(case, "failure", message=f"{o.findings} finding(s)", type="accessibility").text = lines
            elif lines:
                ET.SubElement(case, "system-out").text = lines
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
