"""Waivers: an editor accepts a finding with a reason; it stays visible as waived; a waiver matching
nothing is reported; a broken waivers file is a clear error with file and line."""

from __future__ import annotations

import pytest

from almanac_build.checks.run import run_checks
from almanac_build.checks.waivers import load_waivers
from almanac_build.diagnostics import AlmanacError
from almanac_build.source.loader import load

CHAPTER = """---
id: data
title: Data
kind: front
---

## What we mean by data

Read the [Data Ethics Framework](#) first.

See [click here](https://www.gov.uk/data) too.
"""

WAIVERS = """waivers:
  - rule: link-empty
    location: chapters/03-data.md:9
    reason: The framework's new address is not published yet.
    who: A. Editor
    date: 2024-03-01
  - rule: link-text-generic
    location: source/chapters/03-data.md:40
    reason: Stale.
    who: A. Editor
    date: 2024-03-01
"""


def test_waived_findings_stay_visible_and_stale_waivers_are_reported(sample_copy, tmp_path):
    source = sample_copy({"chapters/03-data.md": CHAPTER, "accessibility-waivers.yaml": WAIVERS})
    result = run_checks(load(str(source)), str(source), str(tmp_path / "no-outputs"))
    placeholder = [f for f in result.findings if f.rule == "link-empty" 
                   and f.source_file.endswith("03-data.md") and f.source_line == 9]
    assert placeholder and all(f.status == "waived" for f in placeholder)
    assert placeholder[0].waiver["reason"].startswith("The framework")
    generic = [f for f in result.findings if f.rule == "link-text-generic"]
    assert generic and all(f.status == "open" for f in generic)
    assert [w["rule"] for w in result.unused_waivers] == ["link-text-generic"]
    outcome = {(o.rule, o.format): o for o in result.outcomes}[("link-empty", "S")]
    assert "1 waived" in outcome.note


@pytest.mark.parametrize("text,expected", [
    ("waivers:\n  - rule: link-empty\n    location: x.md:1\n    reason: r\n    who: w\n", "missing the required key 'date'"),
    ("waivers:\n  - rule: link-emtpy\n    location: x.md:1\n    reason: r\n    who: w\n    date: 2024-01-01\n",
     "did you mean 'link-empty'"),
    ("waivers:\n  - rule: link-empty\n    location: x.md:1\n    reason: r\n    who: w\n    date: soon\n", "YYYY-MM-DD"),
    ("- just a list\n", "one key, 'waivers:'"),
])
def test_bad_waivers_file_is_a_located_error(tmp_path, text, expected):
    (tmp_path / "accessibility-waivers.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(AlmanacError) as caught:
        load_waivers(str(tmp_path), {"link-empty"})
    message = str(caught.value)
    assert expected in message and "accessibility-waivers.yaml:" in message
