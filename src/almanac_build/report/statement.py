"""output/accessibility-statement.html: a draft statement in the shape UK public-sector bodies use
(GOV.UK's sample statement), filled from the check results and almanac.yaml. A person must review it."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ..checks.finding import CheckResult
from ..checks.registry import FORMATS, load_rules
from .html_report import CSS

FORMAT_NAMES = {"H": "HTML web page", "E": "EPUB e-book", "D": "Word document (DOCX)", "P": "PDF and large-print PDF"}


def _e(text) -> str:
    return escape(str(text or ""), quote=True)


def status(result: CheckResult) -> str:
    """fully / partially / not compliant, from the open errors and warnings that map to WCAG criteria."""
    rules = load_rules()
    failing = {f.rule for f in result.findings if f.status == "open" and f.severity in ("error", "warning")
               and rules[f.rule].wcag[:1].isdigit() and rules[f.rule].wcag[:3] != "3.1.5"}
    if not failing:
        return "fully compliant"
    errors = {f.rule for f in result.findings if f.status == "open" and f.severity == "error"}
    return "partially compliant" if len(errors) < 10 else "not compliant"


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
    """The statement's parts, in the order of GOV.UK's sample statement."""
    meta = result.meta
    title = meta.get("title", "the publication")
    contact = meta.get("contact", {})
    state = status(result)
    return [
        f"<p><strong>Draft:</strong> generated from the accessibility checks on {_e(result.generated)}. Review it, "
        "and complete the manual checks in the accessibility report, before publishing it.</p>",
        f"<p>This accessibility statement applies to <cite>{_e(title)}</cite>"
        + (f" ({_e(meta.get('edition'))} edition)" if meta.get("edition") else "") + ", "
        f"published by {_e(meta.get('publisher'))} in these formats: "
        + ", ".join(FORMAT_NAMES[k] for k in FORMAT_NAMES if result.formats_checked.get(k)) + ".</p>",
        "<p>We want as many people as possible to be able to use this publication. For example, you should be able "
        "to zoom in up to 300% without the text spilling off the screen, navigate by headings, and listen to it "
        "using a screen reader.</p>",
        "<h2>How accessible this publication is</h2>", _known_problems(result),
        "<h2>Feedback and contact information</h2>",
        f"<p>{_e(meta.get('other_formats'))}</p>" if meta.get("other_formats") else "",
        _contact_list(contact),
        "<h2>Reporting accessibility problems with this publication</h2>",
        "<p>We are always looking to improve the accessibility of this publication. If you find any problems not "
        f"listed on this page, or think we are not meeting accessibility requirements, contact {_e(meta.get('publisher'))}"
        f"{_ways(contact)}.</p>",
        "<h2>Enforcement procedure</h2>",
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
        "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’) "
        "in England, Scotland and Wales. If you are not happy with how we respond to your complaint, contact the "
        "Equality Advisory and Support Service (EASS). In Northern Ireland, contact the Equality Commission for "
        "Northern Ireland (ECNI).</p>",
        "<h2>Technical information about this publication’s accessibility</h2>",
        f"<p>{_e(meta.get('publisher'))} is committed to making its publications accessible, in accordance with the "
        "accessibility regulations.</p>",
        "<h3>Compliance status</h3>",
        f"<p>This publication is {state} with the <a href=\"https://www.w3.org/TR/WCAG22/\">Web Content "
        "Accessibility Guidelines version 2.2</a> AA standard"
        + (", due to the non-compliances listed below." if state != "fully compliant" else ".") + "</p>",
        "<h2>Non-accessible content</h2>", _non_compliance(result), _accepted(result),
        "<h2>Preparation of this accessibility statement</h2>",
        f"<p>This statement was prepared on {_e(result.generated)}. It is based on automated checks of the source "
        "and of every format by almanac_build (see the accessibility report), which must be completed by the manual "
        "checks listed in that report.</p>",
    ]


def _open_by_rule(result: CheckResult, severities=("error", "warning")) -> dict:
    grouped = defaultdict(list)
    for f in result.findings:
        if f.status == "open" and f.severity in severities:
            grouped[f.rule].append(f)
    return grouped


def _known_problems(result: CheckResult) -> str:
    grouped = _open_by_rule(result)
    if not grouped:
        return "<p>The automated checks found no problems that are not fixed or accepted.</p>"
    rules = load_rules()
    items = "".join(f"<li>{_e(rules[r].summary)} ({len(fs)} place(s) in "
                    f"{_e(', '.join(sorted({_where(f.format) for f in fs})))})</li>" for r, fs in grouped.items())
    return f"<p>We know some parts of this publication are not fully accessible:</p><ul>{items}</ul>"


def _where(fmt: str) -> str:
    return "the source text" if fmt == "S" else f"the {FORMATS[fmt]} edition"


def _non_compliance(result: CheckResult) -> str:
    grouped = _open_by_rule(result)
    rules = load_rules()
    if not grouped:
        return "<h3>Non-compliance with the accessibility regulations</h3><p>None found by the automated checks.</p>"
    items = "".join(f"<li>{_e(rules[r].summary)} This fails WCAG 2.2 success criterion {_e(rules[r].wcag)}. "
                    f"We plan to fix it before the next edition: {_e(rules[r].fix)}</li>" for r in grouped)
    return f"<h3>Non-compliance with the accessibility regulations</h3><ul>{items}</ul>"


def _accepted(result: CheckResult) -> str:
    waived = [f for f in result.findings if f.status == "waived"]
    if not waived:
        return ""
    seen, items = set(), []
    for f in waived:
        key = (f.rule, f.waiver.get("reason"))
        if key not in seen:
            seen.add(key)
            items.append(f"<li>{_e(load_rules()[f.rule].summary)} Accepted: {_e(f.waiver.get('reason'))}</li>")
    return "<h3>Content we have accepted for now</h3><ul>" + "".join(items) + "</ul>"


def _address(contact: dict) -> str:
    """The address's lines (a list since the metadata keeps them) on one line."""
    address = contact.get("address") or []
    return ", ".join(address) if isinstance(address, list) else str(address)


def _contact_list(contact: dict) -> str:
    """Email, telephone and post, each only when the metadata gives it."""
    items = []
    if contact.get("email"):
        items.append(f"<li>email: <a href=\"mailto:{_e(contact['email'])}\">{_e(contact['email'])}</a></li>")
    if contact.get("telephone"):
        items.append(f"<li>telephone: {_e(contact['telephone'])}</li>")
    if _address(contact):
        items.append(f"<li>post: {_e(_address(contact))}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _ways(contact: dict) -> str:
    """' by email at … or telephone …' with the ways the metadata gives."""
    ways = []
    if contact.get("email"):
        ways.append(f"email at <a href=\"mailto:{_e(contact['email'])}\">{_e(contact['email'])}</a>")
    if contact.get("telephone"):
        ways.append(f"telephone {_e(contact['telephone'])}")
    return (" by " + " or ".join(ways)) if ways else ""
