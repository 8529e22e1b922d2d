"""accessibility.html: the reviewers' report. It is itself accessible: lang, title, landmarks, a skip
link, one h1, headings in order, tables with captions and scoped header cells, underlined links."""

from __future__ import annotations

from collections import defaultdict
import re
from html import escape

from ..checks.finding import CheckResult
from ..checks.problems import Problem, counts, group
from ..checks.registry import FORMATS, load_rules

CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#0b0c0c;background:#fff;
margin:0 auto;max-width:80rem;padding:0 1rem;line-height:1.5;overflow-wrap:anywhere}a{color:#1d70b8;text-decoration:underline}
a:visited{color:#4c2c92}a:focus{background:#ffdd00;color:#0b0c0c;outline:3px solid #0b0c0c}
.skip{position:absolute;left:-999rem}.skip:focus{position:static}table{border-collapse:collapse;width:100%;
margin:0 0 1.5rem}caption{text-align:left;font-weight:700;padding:.3rem 0}th,td{border:1px solid #505a5f;
padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#f3f2f1}code{font-size:.9em;
white-space:pre-wrap;word-break:break-word}.failed{font-weight:700}footer{border-top:1px solid #505a5f;margin-top:2rem}
.scroll{overflow-x:auto;margin:0 0 1.5rem}.scroll:focus{outline:3px solid #0b0c0c}td,th{overflow-wrap:anywhere}
@media (max-width:40rem){th,td{padding:.2rem;font-size:.9rem}}"""


def _e(text) -> str:
    return escape(str(text or ""), quote=True)


def _scrollable(html: str, count: list[int]) -> str:
    """Wide tables scroll inside their own focusable region, so the page itself reflows at 320 px."""

    def wrap(match) -> str:
        count[0] += 1
        return (f'<div class="scroll" role="region" tabindex="0" aria-labelledby="table-{count[0]}">'
                f'<table><caption id="table-{count[0]}">{match.group(1)}</caption>{match.group(2)}</table></div>')
    return re.sub(r"<table><caption>(.*?)</caption>(.*?)</table>", wrap, html, flags=re.S)


def render(result: CheckResult) -> str:
    title = f"Accessibility report: {result.meta.get('title', 'the almanac')}"
    count = [0]
    parts = [_scrollable(part, count) for part in (_intro(result), _rule_table(result), _format_table(result),
                                            _findings(result), _unused(result), _manual(result))]
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n"
            f'<a class="skip" href="#main">Skip to main content</a>\n'
            f"<header><p>{_e(result.meta.get('publisher', ''))}</p></header>\n"
            f'<main id="main">\n<h1>{_e(title)}</h1>\n' + "\n".join(parts) + "\n</main>\n"
            f"<footer><p>Generated {_e(result.generated)} by almanac_build. Rule pages: docs/rules/. "
            f'Machine-readable: <a href="accessibility.json">accessibility.json</a>, '
            f'<a href="accessibility.sarif">accessibility.sarif</a>, '
            f'<a href="accessibility.junit.xml">accessibility.junit.xml</a>.</p></footer>\n</body>\n</html>\n')


def _intro(result: CheckResult) -> str:
    grouped = group(result.findings)
    open_, waived = counts(grouped, "open"), sum(counts(grouped, "waived").values())
    verdict = ("Errors remain that are neither fixed nor waived, so the publication does not yet pass."
               if result.blocking else "No unwaived error remains.")
    problems = "".join(f"<li>{_e(p)}</li>" for p in result.problems)
    problems = f"<p>Some checks could not run:</p><ul>{problems}</ul>" if problems else ""
    return problems + (f"<p>{open_['error']} error(s), {open_['warning']} warning(s) and {open_['notice']} notice(s) "
            f"are open and {waived} are waived, each problem counted once whatever formats it was seen in "
            f"({len(result.findings)} finding(s) across the source and the outputs). {verdict}</p>\n<p>Errors are "
            "failures of a WCAG A/AA success criterion or of a format requirement; warnings are likely failures; "
            "notices need a person to judge. "
            'Each rule is explained in <code>docs/rules/&lt;rule&gt;.md</code>. <a href="#manual">Checks only a '
            "person can make</a> are listed at the end.</p>")


def _rule_table(result: CheckResult) -> str:
    outcomes = {(o.rule, o.format): o for o in result.outcomes}
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in FORMATS.values())
    rows = []
    for rule in load_rules().values():
        cells = []
        for fmt in FORMATS:
            o = outcomes.get((rule.id, fmt))
            label = o.outcome if o else "not applicable"
            count = f" ({o.findings})" if o and o.findings else ""
            cells.append(f'<td class="{"failed" if label == "failed" else ""}">{_e(label)}{count}</td>')
        link = f'<a href="#rule-{rule.id}">{_e(rule.id)}</a>' if any(
            f.rule == rule.id for f in result.findings) else _e(rule.id)
        rows.append(f'<tr><th scope="row">{link}</th><td>{_e(rule.severity)}</td><td>{_e(rule.wcag)}</td>'
                    + "".join(cells) + "</tr>")
    return ("<h2>Summary by rule</h2>\n<table><caption>Outcome of each rule in each format (number of findings in "
            "brackets)</caption>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>"
            f'<th scope="col">WCAG</th>{head}</tr></thead>\n<tbody>' + "\n".join(rows) + "</tbody></table>")


def _format_table(result: CheckResult) -> str:
    counts = defaultdict(lambda: defaultdict(int))
    for f in result.findings:
        counts[f.format]["waived" if f.status == "waived" else f.severity] += 1
    rows = []
    for fmt, name in FORMATS.items():
        c = counts[fmt]
        files = ", ".join(result.formats_checked.get(fmt, [])[:3]) or "not built"
        more = len(result.formats_checked.get(fmt, [])) - 3
        files += f" and {more} more" if more > 0 else ""
        rows.append(f'<tr><th scope="row">{_e(name)}</th><td>{_e(files)}</td><td>{c["error"]}</td>'
                    f'<td>{c["warning"]}</td><td>{c["notice"]}</td><td>{c["waived"]}</td></tr>')
    return ("<h2>Summary by format</h2>\n<table><caption>Open findings by format</caption>\n<thead><tr>"
            '<th scope="col">Format</th><th scope="col">Files checked</th><th scope="col">Errors</th>'
            '<th scope="col">Warnings</th><th scope="col">Notices</th><th scope="col">Waived</th></tr></thead>\n'
            "<tbody>" + "\n".join(rows) + "</tbody></table>")


def _findings(result: CheckResult) -> str:
    """Each problem once (checks/problems.py): its source location with the line, the formats it was seen
    in, and every output location beneath with that output's own words when they differ."""
    rules = load_rules()
    grouped = defaultdict(list)
    for problem in group(result.findings):
        grouped[problem.rule].append(problem)
    out = ["<h2>Findings</h2>", "<p>Each row is one problem: a rule's finding on one element of the source, "
           "with every output it was seen in. The JSON, JUnit and SARIF reports list each format's finding "
           "separately.</p>"]
    if not grouped:
        out.append("<p>No findings.</p>")
    for rule_id, problems in grouped.items():
        rule = rules[rule_id]
        rows = "\n".join(_problem_row(p, rule) for p in problems)
        found = sum(len(p.findings) for p in problems)
        out.append(f'<h3 id="rule-{_e(rule_id)}">{_e(rule_id)}: {_e(rule.summary)}</h3>\n'
                   f"<p>Severity {_e(rule.severity)}; WCAG {_e(rule.wcag)}; guidance item(s) "
                   f"{_e(', '.join(rule.guidance))}. <strong>How to fix:</strong> {_e(rule.fix)} "
                   f'<a href="{_e(_docs_href(result, rule_id))}">The {_e(rule_id)} rule page</a>.</p>\n'
                   f"<table><caption>{len(problems)} problem(s) for {_e(rule_id)} ({found} finding(s) across "
                   "the formats)</caption>\n<thead><tr>"
                   '<th scope="col">Severity</th><th scope="col">Source location</th><th scope="col">Seen in</th>'
                   '<th scope="col">What is wrong</th><th scope="col">Output locations</th></tr></thead>\n'
                   f"<tbody>{rows}</tbody></table>")
    return "\n".join(out)


def _docs_href(result: CheckResult, rule_id: str) -> str:
    """The rule's page in the tool's docs/rules/ (where checks/docs.py writes it), relative to the report."""
    import os

    from ..checks.docs import DOCS_DIR

    reports = os.path.join(os.path.abspath(result.output_dir or "output"), "reports")
    return os.path.relpath(os.path.join(DOCS_DIR, f"{rule_id}.md"), reports).replace(os.sep, "/")


def _problem_row(problem: Problem, rule) -> str:
    first = problem.first
    waived = next((f for f in problem.findings if f.status == "waived"), None)
    status = f" (waived: {_e(waived.waiver.get('reason'))}, {_e(waived.waiver.get('who'))}, " \
             f"{_e(waived.waiver.get('date'))})" if waived and problem.status == "waived" else ""
    snippet = f"<br><code>{_e(first.snippet)}</code>" if first.snippet else ""
    message = first.message if first.format == "S" or not problem.source else rule.summary
    outputs = "".join(f"<li>{_e(FORMATS[f.format])}: {_e(f.output)}"
                      + (f" — {_e(f.message)}" if f.message != message else "") + "</li>" for f in problem.outputs)
    return (f"<tr><td>{_e(problem.severity)}{status}</td><td>{_e(problem.source) or 'not traceable'}{snippet}</td>"
            f"<td>{_e(', '.join(problem.formats))}</td><td>{_e(message)}</td>"
            f"<td>{f'<ul>{outputs}</ul>' if outputs else 'the source only'}</td></tr>")


def _unused(result: CheckResult) -> str:
    if not result.unused_waivers:
        return "<h2>Waivers</h2>\n<p>Every waiver matches a finding.</p>"
    items = "".join(f"<li>{_e(w['loc'])}: the waiver for {_e(w['rule'])} at {_e(w['location'])} matches no "
                    f"finding; remove it.</li>" for w in result.unused_waivers)
    return f"<h2>Waivers</h2>\n<p>These waivers no longer match anything:</p><ul>{items}</ul>"


def _manual(result: CheckResult) -> str:
    items = "".join(f"<li><strong>{_e(m['title'])}</strong> (guidance item {_e(m['item'])}): {_e(m['check'])}"
                    + (f" Automated rules that help: {_e(', '.join(m['rules']))}." if m["rules"] else "") + "</li>"
                    for m in result.manual)
    return f'<h2 id="manual">Checks for a person</h2>\n<p>No machine can judge these fully.</p>\n<ol>{items}</ol>'
