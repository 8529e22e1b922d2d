"""One verdict on how far a publication meets WCAG 2.2 AA, from the check results, used by every claim
made of it: the statement's compliance status and the EPUB's conformance claim (dcterms:conformsTo,
a11y:certifiedBy) cannot disagree, because both are read from here."""

from __future__ import annotations

from collections import defaultdict

from .finding import CheckResult, Finding

FULL, PARTIAL, NONE = "full", "partial", "none"
NOT_COMPLIANT_FROM = 10  # distinct failing error rules from which most requirements count as unmet

# Level AAA success criteria (WCAG 2.2): not required for AA, so a finding tied only to them fails nothing.
AAA = {"1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.3.6", "1.4.6", "1.4.7", "1.4.8", "1.4.9", "2.1.3", "2.2.3",
       "2.2.4", "2.2.5", "2.2.6", "2.3.2", "2.3.3", "2.4.8", "2.4.9", "2.4.10", "2.4.12", "2.4.13", "2.5.5",
       "2.5.6", "3.1.3", "3.1.4", "3.1.5", "3.1.6", "3.2.5", "3.3.5", "3.3.6", "3.3.9"}


def criteria(wcag: str) -> list[str]:
    """The WCAG success criteria a rule's `wcag` field names ("2.4.4, 2.4.9"); none for "–" or PDF/UA."""
    return [part.strip() for part in wcag.split(",") if part.strip()[:1].isdigit()]


def aa_criteria(wcag: str) -> list[str]:
    return [c for c in criteria(wcag) if c not in AAA]


def failing(result: CheckResult) -> dict[str, list[Finding]]:
    """Open errors and warnings tied to an A or AA criterion, by rule: what stops full compliance."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        if finding.status == "open" and finding.severity in ("error", "warning") and aa_criteria(finding.wcag):
            grouped[finding.rule].append(finding)
    return dict(grouped)


def verdict(result: CheckResult) -> str:
    """FULL when nothing fails an A/AA criterion; NONE when errors break many different rules; else PARTIAL."""
    failed = failing(result)
    if not failed:
        return FULL
    errors = {rule for rule, findings in failed.items() if any(f.severity == "error" for f in findings)}
    return NONE if len(errors) >= NOT_COMPLIANT_FROM else PARTIAL


def may_claim_conformance(result: CheckResult) -> bool:
    """The EPUB may say it conforms to WCAG 2.2 AA only when the statement says fully compliant and the
    EPUB itself was checked."""
    return verdict(result) == FULL and bool(result.formats_checked.get("E"))
