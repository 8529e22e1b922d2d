"""Every rule's documented failing and passing examples, built into real outputs and checked in every
format the rule claims (the `{rule-id}` markers say where each failure must be found)."""

from __future__ import annotations

import pytest

from almanac_build.build import build
from almanac_build.checks.registry import load_rules
from almanac_build.checks.run import run_checks
from books import write_book

RULES = load_rules()
FAILING = [(r.id, i) for r in RULES.values() for i, _ in enumerate(r.failing)]
PASSING = [(r.id, i) for r in RULES.values() for i, _ in enumerate(r.passing)]


def _run(tmp_path_factory, kind: str):
    folder = tmp_path_factory.mktemp(f"rules-{kind}")
    examples = [(r.id, kind, e.markdown) for r in RULES.values() for e in getattr(r, kind)]
    placed = write_book(folder / "source", examples)
    result = build(str(folder / "source"), str(folder / "out"))
    return placed, run_checks(result.book, str(folder / "source"), str(folder / "out"))


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    return _run(tmp_path_factory, "failing")


@pytest.fixture(scope="module")
def passing(tmp_path_factory):
    return _run(tmp_path_factory, "passing")


def _placed(placed, rule_id: str, index: int):
    return [p for p in placed if p.rule == rule_id][index]


def _expected_formats(rule, example, result) -> str:
    formats = example.formats or rule.formats
    tagged = result.formats_checked.get("P") and not any(
        f.rule == "pdf-tagged" and "structure tree" in f.message for f in result.findings)
    return formats if tagged else formats.replace("P", "")  # an untagged PDF has no elements to judge


@pytest.mark.parametrize("rule_id,index", FAILING, ids=[f"{r}-{i}" for r, i in FAILING])
def test_failing_example_is_found_in_every_format(failing, rule_id, index):
    placed, result = failing
    rule, where = RULES[rule_id], _placed(placed, rule_id, index)
    hits = [f for f in result.findings if f.rule == rule_id and f.source_file.endswith(where.file)]
    found = {f.format for f in hits}
    for fmt in _expected_formats(rule, rule.failing[index], result):
        assert fmt in found, f"{rule_id} example {index} not found in format {fmt} (found in {sorted(found)})"
    source_lines = [f.source_line for f in hits if f.format == "S"]
    assert any(line in range(where.lines[0] - 6, where.lines[0] + 1) for line in source_lines), (source_lines, where)
    for hit in hits:
        assert hit.wcag and hit.output_file and hit.message


@pytest.mark.parametrize("rule_id,index", PASSING, ids=[f"{r}-{i}" for r, i in PASSING])
def test_passing_example_raises_nothing(passing, rule_id, index):
    placed, result = passing
    where = _placed(placed, rule_id, index)
    hits = [f for f in result.findings if f.rule == rule_id and f.source_file.endswith(where.file)]
    assert not hits, [f"{f.format} {f.output}: {f.message}" for f in hits]


def test_a_problem_is_told_in_the_levels_of_the_place_it_points_at(failing):
    """`## A` then `#### B`: at the source line the source's levels; each output in its own beneath."""
    from almanac_build.checks.problems import group
    from almanac_build.report.terminal import entry

    placed, result = failing
    where = _placed(placed, "heading-level-skip", 0)
    problems = [p for p in group(result.findings) if p.rule == "heading-level-skip"
                and p.first.source_file.endswith(where.file)]
    assert len(problems) == 1, [p.findings for p in problems]
    lines = entry(problems[0])
    assert "heading level 4 follows level 2" in lines[0] and "level 5" not in lines[0], lines
    assert "seen in source, HTML, EPUB, DOCX, PDF ×2" in lines[0], lines
    for line, finding in zip(lines[1:], problems[0].outputs):
        assert finding.output_file in line
