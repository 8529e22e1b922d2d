"""accessibility.junit.xml for CI: one test suite per format, one test case per applicable rule; a rule
fails when it has open errors or warnings (notices and waived findings are listed, not failed)."""

from __future__ import annotations

from ..checks.finding import CheckResult
from ..checks.registry import FORMATS


def escape(text: str) -> str:
    """xml.sax.saxutils.escape, without its import of urllib and http.client (25 ms)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """xml.sax.saxutils.quoteattr: escaped, line breaks and tabs as character references, quoted."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"{}"'.format(text.replace('"', "&quot;"))


def render(result: CheckResult) -> str:
    by_pair: dict[tuple[str, str], list] = {}
    for f in result.findings:
        by_pair.setdefault((f.rule, f.format), []).append(f)
    suites = []
    for fmt, name in FORMATS.items():
        cases, failures = [], 0
        for o in (o for o in result.outcomes if o.format == fmt and o.outcome != "not applicable"):
            found = by_pair.get((o.rule, fmt), [])
            lines = "\n".join(f"[{f.severity}{' waived' if f.status == 'waived' else ''}] {f.source or f.output}: "
                              f"{f.message}" for f in found)
            body = ""
            if o.outcome == "failed":
                failures += 1
                body = (f"<failure message={quoteattr(f'{o.findings} finding(s)')} type=\"accessibility\">"
                        f"{escape(lines)}</failure>")
            elif lines:
                body = f"<system-out>{escape(lines)}</system-out>"
            cases.append(f'    <testcase classname="accessibility.{name}" name={quoteattr(o.rule)}>{body}</testcase>')
        suites.append(f'  <testsuite name="accessibility {name}" tests="{len(cases)}" failures="{failures}" '
                      f'errors="0" skipped="0">\n' + "\n".join(cases) + "\n  </testsuite>")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="almanac accessibility">\n' + \
        "\n".join(suites) + "\n</testsuites>\n"
