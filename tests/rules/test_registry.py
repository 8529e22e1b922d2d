"""The registry's promises: ids unique, kebab-case and never reused; metadata complete; one documentation
page per rule, generated from the rule itself and kept up to date."""

from __future__ import annotations

import re

import pytest

from almanac_build.checks import docs, registry
from almanac_build.checks.registry import FORMATS, RULES, SEVERITIES, load_rules

CATALOGUE_CORE = {"heading-level-skip", "heading-h1-count", "heading-empty", "fake-heading", "heading-depth-exceeds-h4",
                  "img-alt-missing", "img-alt-whitespace", "img-alt-filename", "img-alt-placeholder",
                  "img-alt-redundant-phrasing", "img-alt-too-long", "img-decorative-conflict", "img-alt-duplicates-text",
                  "link-empty", "link-text-generic", "link-text-url", "link-same-text-different-target",
                  "link-text-too-long", "link-download-file-info"}


def test_every_rule_is_complete():
    rules = load_rules()
    assert CATALOGUE_CORE <= set(rules)
    for rule in rules.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.id)
        assert rule.severity in SEVERITIES and set(rule.formats) <= set(FORMATS)
        assert rule.summary and rule.fix and rule.wcag and rule.guidance
        assert all(g in {str(n) for n in range(1, 11)} | {"G", "ST"} for g in rule.guidance), rule.id
        assert rule.family in {"headings", "images", "links", "tables", "language", "colour", "text", "pdf", "epub",
                               "docx"}


def test_ids_cannot_be_registered_twice_or_reused(monkeypatch):
    load_rules()
    with pytest.raises(AssertionError):
        registry.rule("heading-empty", "dup", "error", "6", "1.3.1", "source-text", fix="x")
    monkeypatch.setattr(registry, "RETIRED", frozenset({"old-rule"}))
    with pytest.raises(AssertionError):
        registry.rule("old-rule", "reused", "error", "6", "1.3.1", "source-text", fix="x")
    assert "old-rule" not in RULES


def test_rule_pages_are_generated_and_current():
    for name, text in docs.pages().items():
        path = docs.DOCS_DIR + "/" + name
        with open(path, encoding="utf-8") as handle:
            assert handle.read() == text, f"{name} is stale: run python -m almanac_build.checks.docs"


def test_a_rule_that_skips_a_format_says_why():
    """Parity: each rule runs on every format in which its defect can survive, or its page says why not."""
    from almanac_build.checks.coverage import WHY_NOT, why_not

    rules = load_rules()
    silent = [r.id for r in rules.values() if set(FORMATS) - set(r.formats) and not why_not(r)]
    assert not silent, f"say in checks/coverage.py why these skip formats: {silent}"
    assert set(WHY_NOT) <= set(rules), set(WHY_NOT) - set(rules)  # no reason left for a rule that is gone
    assert not [k for k in WHY_NOT if set(FORMATS) <= set(rules[k].formats)]  # nor for one that runs everywhere
    for rule in rules.values():
        if set(FORMATS) - set(rule.formats):
            assert f"| Not run on | " in docs.render(rule) and why_not(rule) in docs.render(rule), rule.id
