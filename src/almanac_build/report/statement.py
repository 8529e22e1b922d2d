"""output/accessibility-statement.html: a draft accessibility statement for the publication's readers,
filled from the check results and almanac.yaml. A person must review it before it is published.

Its frame comes from the metadata (`statement:`): `uk-public-sector` (the default) follows GOV.UK's
sample statement for the Public Sector Bodies Accessibility Regulations 2018; `wcag` is a plain WCAG 2.2
conformance statement with no legal frame. Each known problem is told as a reader meets it
(`reader_words.py`), with the editions and chapters it is in, its WCAG criterion when it has one, and
what the next edition will do. Editors' instructions (files, lines, styles) stay in the report. The
compliance verdict is `checks.compliance.verdict`, the one the EPUB's conformance claim follows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from ..checks.compliance import AAA, FULL, NONE, PARTIAL, aa_criteria, criteria, may_claim_conformance, verdict
from ..checks.finding import CheckResult
from ..writers.registry import CHECKED, DOWNLOADS
from .html_report import CSS
from .reader_words import CRITERIA, READER_WORDS


def rule_summary(rule: str) -> str:
    from ..checks.registry import load_rules

    return load_rules()[rule].summary

# Each checked format's editions as the statement names them, from the registry's declarations.
EDITIONS = {f.code: tuple(e.download.named for e in DOWNLOADS if e.format is f) for f in CHECKED}
UK_STATUS = {FULL: "fully compliant", PARTIAL: "partially compliant", NONE: "not compliant"}
WCAG_STATUS = {FULL: "fully conformant", PARTIAL: "partially conformant", NONE: "not conformant"}
MANY_CHAPTERS = 5  # beyond this, "in 9 of the 12 chapters" rather than a list of titles


def _e(text) -> str:
    return escape(str(text or ""), quote=True)


@dataclass
class Problem:
    """One rule's open findings, told for readers."""
    rule: str
    meets: str  # what a reader meets
    plan: str  # what the next edition does
    where: str  # "in every edition, in the chapters “A” and “B”"
    criteria: list[str]  # every WCAG criterion the rule cites
    fails_aa: bool


def status(result: CheckResult) -> str:
    """The compliance status in the statement's own words."""
    words = WCAG_STATUS if result.meta.get("statement") == "wcag" else UK_STATUS
    return words[verdict(result)]


def problems(result: CheckResult) -> list[Problem]:
    """Open errors and warnings, one entry per rule, in rule order of first appearance."""
    grouped = defaultdict(list)
    for f in result.findings:
        if f.status == "open" and f.severity in ("error", "warning"):
            grouped[f.rule].append(f)
    out = []
    for rule, findings in grouped.items():
        meets, plan = READER_WORDS.get(rule, (rule_summary(rule), "it will be fixed."))  # a test requires words
        wcag = findings[0].wcag
        out.append(Problem(rule, meets, plan, _where(findings, result), criteria(wcag), bool(aa_criteria(wcag))))
    return out


def _where(findings, result: CheckResult) -> str:
    """Which editions and which chapters: a source problem reaches every edition built from it."""
    built = [name for fmt, names in EDITIONS.items() if result.formats_checked.get(fmt) for name in names]
    met = {name for f in findings for name in _editions_of(f)}
    if "S" in {f.format for f in findings} or set(built) <= met:
        editions = "every edition"
    else:
        editions = _and([name.replace("a ", "the ", 1).replace("an ", "the ", 1) for name in built if name in met])
    chapters = result.meta.get("chapters", [])
    titles = {c["file"]: c["title"] for c in chapters}
    hit = [c["title"] for c in chapters if c["file"] in {f.source_file for f in findings}]
    if not hit or any(f.source_file and f.source_file not in titles for f in findings):
        return f"in {editions}" + (f", including {_chapters(hit, len(chapters))}" if hit else "")
    return f"in {editions}, in {_chapters(hit, len(chapters))}"


def _editions_of(finding) -> tuple[str, ...]:
    """The edition a finding was seen in; a PDF finding names the one of the two PDFs it came from."""
    names = EDITIONS.get(finding.format, ())
    if finding.format == "P" and finding.output_file:
        return (names[1],) if "large-print" in finding.output_file else (names[0],)
    return names


def _chapters(hit: list[str], total: int) -> str:
    if len(hit) == total and total > 1:
        return "every chapter"
    if len(hit) > MANY_CHAPTERS:
        return f"{len(hit)} of the {total} chapters"
    quoted = [f"\u201c{t}\u201d" for t in hit]
    return ("the chapter " if len(hit) == 1 else "the chapters ") + _and(quoted)


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _criteria_sentence(p: Problem) -> str:
    named = [f"{c} ({CRITERIA[c]})" if c in CRITERIA else c for c in p.criteria]
    if p.fails_aa:
        aa = [n for c, n in zip(p.criteria, named) if c not in AAA]
        return (f"This fails WCAG 2.2 success criteri{'on' if len(aa) == 1 else 'a'} {_and(aa)}.")
    return (f"It concerns WCAG 2.2 success criteri{'on' if len(named) == 1 else 'a'} {_and(named)}, at level AAA, "
            "which goes beyond the AA standard.")


def _item(p: Problem, with_criteria: bool = True) -> str:
    wcag = f" {_criteria_sentence(p)}" if with_criteria and p.criteria else ""
    return (f"<li><p>{_e(p.meets)} You meet this {_e(p.where)}.{_e(wcag)}</p>"
            f"<p>We plan to fix this in the next edition: {_e(p.plan)}</p></li>")


def render(result: CheckResult) -> str:
    meta = result.meta
    title = meta.get("title", "the publication")
    page_title = f"Accessibility statement for {title}"
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(page_title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
            f"<header><p>{_e(meta.get('publisher'))}</p></header>\n<main id=\"main\">\n<h1>{_e(page_title)}</h1>\n"
            + "\n".join(_sections(result)) + f"\n</main>\n<footer><p>{_e(meta.get('publisher'))}</p></footer>\n"
            "</body>\n</html>\n")


def _sections(result: CheckResult) -> list[str]:
    meta = result.meta
    uk = meta.get("statement") != "wcag"
    found = problems(result)
    intro = [
        f"<p><strong>Draft</strong> made from the automated accessibility checks on {_e(result.generated)}, to be "
        "reviewed before it is published.</p>",
        f"<p>This accessibility statement applies to <cite>{_e(meta.get('title'))}</cite>"
        + (f" ({_e(meta.get('edition'))} edition)" if meta.get("edition") else "")
        + f", published by {_e(meta.get('publisher'))} as "
        + _e(_and([n for k, names in EDITIONS.items() if result.formats_checked.get(k) for n in names]
                  or ["no edition yet"])) + ".</p>",
        *([f"<p>It is also published as {_e(_and(meta['unchecked_editions']))}, which the automated checks do "
           "not read.</p>"] if meta.get("unchecked_editions") else []),
        "<p>We want as many people as possible to be able to use this publication. For example, you should be able "
        "to zoom in up to 300% without the text spilling off the screen, navigate by headings, and listen to it "
        "using a screen reader.</p>",
        "<h2>How accessible this publication is</h2>", _known(found),
    ]
    contact = _contact(meta)
    if uk:
        return intro + contact + _uk_frame(result, found)
    return intro + _wcag_frame(result, found) + contact + _preparation(result)


def _known(found: list[Problem]) -> str:
    if not found:
        return "<p>The automated checks found no problems that are not fixed or accepted.</p>"
    items = "".join(f"<li>{_e(p.meets)} (You meet this {_e(p.where)}.)</li>" for p in found)
    return f"<p>We know some parts of this publication are not fully accessible:</p><ul>{items}</ul>"


def _contact(meta: dict) -> list[str]:
    contact = meta.get("contact") or {}
    email = contact.get("email")
    address = contact.get("address") or []  # the lines of the address, kept as lines by the metadata
    contact = {**contact, "address": ", ".join(address) if isinstance(address, list) else address}
    lines = ([f"<li>email: <a href=\"mailto:{_e(email)}\">{_e(email)}</a></li>"] if email else []) + [
        f"<li>{label}: {_e(_one_line(contact[key]))}</li>" for key, label in (("telephone", "telephone"), ("address", "post"))
        if contact.get(key)]
    return ["<h2>Feedback and contact information</h2>",
            *([f"<p>{_e(meta['other_formats'])}</p>"] if meta.get("other_formats") else []),
            f"<p>To ask for the publication in another format, or to tell us about a problem, contact "
            f"{_e(meta.get('publisher'))}:</p>" + (f"<ul>{''.join(lines)}</ul>" if lines else "")]


def _one_line(value) -> str:
    """An address is a list of lines in almanac.yaml; the statement writes it on one line."""
    return ", ".join(value) if isinstance(value, (list, tuple)) else str(value)


def _claim_note(result: CheckResult) -> list[str]:
    if not may_claim_conformance(result):
        return []
    return ["<p>The e-book (EPUB) states the same in its accessibility information: it conforms to EPUB "
            "Accessibility 1.1 and WCAG 2.2 level AA.</p>"]


def _uk_frame(result: CheckResult, found: list[Problem]) -> list[str]:
    meta = result.meta
    state = status(result)
    failing = [p for p in found if p.fails_aa]
    others = [p for p in found if not p.fails_aa]
    return [
        "<h2>Reporting accessibility problems with this publication</h2>",
        "<p>We are always looking to improve the accessibility of this publication. If you find any problems not "
        "listed on this page, or think we are not meeting accessibility requirements, contact "
        f"{_e(meta.get('publisher'))} as above.</p>",
        "<h2>Enforcement procedure</h2>",
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
        "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the \u2018accessibility "
        "regulations\u2019) in England, Scotland and Wales. If you are not happy with how we respond to your "
        "complaint, contact the Equality Advisory and Support Service (EASS). In Northern Ireland, contact the "
        "Equality Commission for Northern Ireland (ECNI).</p>",
        "<h2>Technical information about this publication\u2019s accessibility</h2>",
        f"<p>{_e(meta.get('publisher'))} is committed to making its publications accessible, in accordance with "
        "the accessibility regulations.</p>",
        "<h3>Compliance status</h3>",
        f"<p>This publication is {state} with the <a href=\"https://www.w3.org/TR/WCAG22/\">Web Content "
        "Accessibility Guidelines version 2.2</a> AA standard"
        + (", due to the non-compliances listed below." if failing else ".") + "</p>",
        *_claim_note(result),
        "<h2>Non-accessible content</h2>",
        "<h3>Non-compliance with the accessibility regulations</h3>",
        f"<ul>{''.join(_item(p) for p in failing)}</ul>" if failing else "<p>None found by the automated checks.</p>",
        *(["<h3>Other problems we know about</h3>", f"<ul>{''.join(_item(p) for p in others)}</ul>"] if others else []),
        _accepted(result),
        *_preparation(result),
    ]


def _wcag_frame(result: CheckResult, found: list[Problem]) -> list[str]:
    state = status(result)
    meaning = {"partially conformant": " Partially conformant means that some parts of the content do not fully "
               "conform to the standard.", "not conformant": " Not conformant means that much of the content does "
               "not conform to the standard."}.get(state, "")
    return [
        "<h2>Conformance status</h2>",
        "<p>The <a href=\"https://www.w3.org/TR/WCAG22/\">Web Content Accessibility Guidelines (WCAG) 2.2</a> set "
        "out what authors should do to make content accessible to people with disabilities. They have three levels: "
        f"A, AA and AAA. <cite>{_e(result.meta.get('title'))}</cite> is {state} with WCAG 2.2 level AA.{meaning}</p>",
        *_claim_note(result),
        "<h2>Known limitations</h2>",
        f"<ul>{''.join(_item(p) for p in found)}</ul>" if found else "<p>None found by the automated checks.</p>",
        _accepted(result),
    ]


def _preparation(result: CheckResult) -> list[str]:
    return ["<h2>Preparation of this accessibility statement</h2>",
            f"<p>This statement was prepared on {_e(result.generated)}. It is based on automated checks of every "
            "edition, which a person completes by checking what software cannot judge (for example whether each "
            "picture\u2019s description says what it shows).</p>"]


def _accepted(result: CheckResult) -> str:
    waived = [f for f in result.findings if f.status == "waived" and f.rule in READER_WORDS]
    if not waived:
        return ""
    seen, items = set(), []
    for f in waived:
        key = (f.rule, f.waiver.get("reason"))
        if key not in seen:
            seen.add(key)
            items.append(f"<li>{_e(READER_WORDS[f.rule][0])} We have accepted this for now: "
                         f"{_e(f.waiver.get('reason'))}</li>")
    return "<h3>Content we have accepted for now</h3><ul>" + "".join(items) + "</ul>"
