"""The catalogue's false-positive traps, and the defects they sit next to: each core rule must flag the
defect and stay quiet on the look-alike. Source findings come from the loader alone (no build needed)."""

from __future__ import annotations

import pytest

from almanac_build.checks.registry import load_rules
from almanac_build.checks.views.source import source_views
from almanac_build.source.loader import load
from books import write_book

RULES = load_rules()


def hits(tmp_path, rule_id: str, markdown: str) -> list[str]:
    write_book(tmp_path / "source", [(rule_id, "case", markdown)])
    book = load(str(tmp_path / "source"))
    return [hit.message for view in source_views(book) for hit in RULES[rule_id].check(view)]


FLAGGED = [
    ("heading-level-skip", "## A\n\n#### B\n\nText."),
    ("heading-level-skip", "---\nid: x\ntitle: Title\nkind: front\n---\n\n### Level 3 straight after the title\n\nText."),
    ("heading-empty", "##\n\nText."),
    ("heading-h1-count", "# Title again\n\nText."),
    ("heading-depth-exceeds-h4", "## A\n\n### B\n\n#### C\n\n##### D\n\nText."),
    ("fake-heading", "**Funding streams**\n\nCouncils draw on several funds for this work."),
    ("fake-heading", "*Funding streams*\n\nCouncils draw on several funds for this work."),
    ("fake-heading", "***Funding streams***\n\n- one fund\n- another fund"),
    ("fake-heading", "**What tools and resources are available?**\n\nThere are many toolkits for councils."),
    ("link-text-generic", "Read [this report](https://www.gov.uk/report) today."),
    ("link-text-redundant-prefix", "[Click to read the toolkit](https://www.gov.uk/toolkit)."),
    ("img-alt-missing", "![](images/chart.svg)"),
    ("img-alt-whitespace", "![ ](images/chart.svg)"),
    ("img-alt-whitespace", "Text ![&nbsp;](images/chart.svg) more."),
    ("img-alt-filename", "![chart.svg](images/chart.svg)"),
    ("img-alt-filename", "![DSC_0042](images/chart.svg)"),
    ("img-alt-filename", "![Coverage map.png](images/chart.svg)"),
    ("img-alt-placeholder", "![Logo](images/chart.svg)"),
    ("img-alt-placeholder", "![photo](images/chart.svg)"),
    ("img-alt-redundant-phrasing", "![Image of a council meeting](images/chart.svg)"),
    ("img-alt-redundant-phrasing", "![Graphic of broadband speeds](images/chart.svg)"),
    ("img-alt-redundant-phrasing", "![Council chamber image](images/chart.svg)"),
    ("img-decorative-conflict", "![A divider](images/chart.svg){.decorative}"),
    ("img-alt-duplicates-text", "![Broadband coverage in Dorset](images/chart.svg)\n\nBroadband coverage in Dorset."),
    ("link-empty", "Read the [toolkit](#)."),
    ("link-empty", "Read the [](https://www.gov.uk/toolkit)."),
    ("link-text-generic", "For the toolkit [click here](https://www.gov.uk/toolkit)."),
    ("link-text-generic", "The toolkit is [here](https://www.gov.uk/toolkit)."),
    ("link-text-generic", "[Read more.](https://www.gov.uk/toolkit)"),
    ("link-text-generic", "[Learn more](https://www.gov.uk/toolkit) about it."),
    ("link-text-generic", "See [this link](https://www.gov.uk/toolkit)."),
    ("link-text-generic", "Guidance is [here](#) for now."),
    ("link-text-url", "See [https://www.gov.uk/guidance/x](https://www.gov.uk/guidance/x) for it."),
    ("link-text-url", "See [www.gov.uk/guidance/x](https://www.gov.uk/guidance/x) for it."),
    ("link-text-url", "See <https://www.gov.uk/guidance/x> for it."),
    ("link-text-url", "See [gov.uk/guidance/project-gigabit](https://www.gov.uk/guidance/project-gigabit)."),
    ("link-same-text-different-target", "[Toolkit](https://a.gov.uk/x) and [toolkit](https://b.gov.uk/y)."),
    ("link-text-too-short", "Use [EE](https://ee.co.uk/coverage) or [O2](https://o2.co.uk/coverage)."),
    ("link-text-too-short", "Check [3](#) for coverage."),
    ("link-text-too-short", "Use [Vodafone's](#) checker."),
    ("link-text-too-long", "[Our council publishes all of its spending data every month on its website.](https://x.gov.uk)"),
    ("link-text-too-long", "Through the levy, [councils can transfer part of their funds to other employers](#)."),
    ("link-text-too-long", "[Find out how councils use open data to improve local services](https://x.gov.uk)."),
    ("link-download-file-info", "Read the [annual report](https://x.gov.uk/report.pdf)."),
    ("link-download-file-info", "Open the [data](https://x.gov.uk/data.xlsx) to check."),
]

QUIET = [
    ("heading-level-skip", "## A\n\n### B\n\n#### C\n\n## D\n\nGoing back up is fine."),
    ("heading-level-skip", "## Overview\n\n### Overview\n\nRepeated subheadings are fine."),
    ("heading-empty", "## A real heading\n\nText."),
    ("heading-h1-count", "## Section\n\nOnly the chapter title is level 1."),
    ("fake-heading", "**Note:** bold lead-ins inside a paragraph are fine."),
    ("fake-heading", "**Key actions:**\n\n- a list after a bold line ending in a colon"),
    ("fake-heading", "- **Bold in a list item**\n- another item"),
    ("fake-heading", "| **Bold cell** | b |\n|---|---|\n| c | d |"),
    ("fake-heading", "**Do not share your password with anyone**\n\nText after a short bold warning."),
    ("fake-heading", "**This whole paragraph is bold and it ends with a full stop.**\n\nMore text."),
    ("fake-heading", "Text before.\n\n**A bold line at the end of the chapter**"),
    ("fake-heading", "**[A bold link on its own](https://www.gov.uk)**\n\nText."),
    ("fake-heading", "*Figure 1: coverage by region*\n\nText."),
    ("fake-heading", "> **Quoted bold**\n>\n> in a callout\n\nText."),
    ("img-alt-missing", "![](images/chart.svg){.decorative}"),
    ("img-alt-missing", "![ ](images/chart.svg)"),
    ("img-alt-filename", "![St. Paul's Cathedral, version 2.0 of the GOV.UK map](images/chart.svg)"),
    ("img-alt-placeholder", "![GOV.UK logo](images/chart.svg)"),
    ("img-alt-redundant-phrasing", "![Map of gigabit coverage in Wales](images/chart.svg)"),
    ("img-alt-redundant-phrasing", "![Screenshot of the council's booking page](images/chart.svg)"),
    ("img-alt-too-long", "![Bar chart: coverage rose from 40 to 70 per cent](images/chart.svg)"),
    ("img-alt-duplicates-text", "![Gigabit coverage, 2023](images/chart.svg){caption=\"Gigabit coverage, 2023\"}"),
    ("img-decorative-conflict", "![](images/chart.svg){.decorative}"),
    ("link-text-generic", "[Read more about tax credits](https://www.gov.uk/tax-credits)."),
    ("link-text-generic", "See [more information on the levy](https://www.gov.uk/levy)."),
    ("link-text-generic", "Jump [here](#ex-1) on this page."),
    ("link-text-generic", "Email [here](mailto:info@local.gov.uk)."),
    ("link-text-url", "Visit [GOV.UK](https://www.gov.uk) or email <info@local.gov.uk>."),
    ("link-text-url", "Visit [www.local.gov.uk](https://www.local.gov.uk)."),
    ("link-text-url", "Read the [v2.0 guidance/annex](https://www.gov.uk/x) and [GOV.UK](https://www.gov.uk)."),
    ("link-text-url", "See Project Gigabit ([https://www.gov.uk/x](https://www.gov.uk/x))."),
    ("link-same-text-different-target", "[Toolkit](https://www.gov.uk/a?x=1&y=2) and [toolkit](http://www.gov.uk:80/a/?y=2&x=1)."),
    ("link-text-too-short", "Use [Ofcom's coverage checker](https://ofcom.org.uk) and [Three](https://three.co.uk)."),
    ("link-text-too-long", "See [Public Sector Bodies (Websites and Mobile Applications) Accessibility Regulations 2018](#)."),
    ("link-text-too-long", "Read [What is mobile connectivity?](#) first."),
    ("link-text-too-long", "- [guide to better recruitment for hard to fill roles](#)\n- [another resource](#)"),
    ("link-text-too-long", "Read LOTI's [step-by-step guide to running a device lending or gifting scheme](#)."),
    ("link-download-file-info", "Read the [annual report (PDF, 2MB)](https://x.gov.uk/report.pdf)."),
    ("link-download-file-info", "Read the [annual report](https://x.gov.uk/report.pdf) (PDF, 2MB)."),
    ("sensory-instruction", "Councils have the right to ask. Use the right tools. It is a top priority."),
    ("sensory-instruction", "See the table below for a large number of examples."),
    ("fake-list", "The 2024 budget rose.\n2025 will be harder.\nA dash – used as punctuation – is fine."),
    ("sentence-too-long", "Short sentences, e.g. this one, are fine. Decimals like 2.5 per cent do not split them."),
]


@pytest.mark.parametrize("rule_id,markdown", FLAGGED, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FLAGGED)])
def test_defect_is_flagged(tmp_path, rule_id, markdown):
    assert hits(tmp_path, rule_id, markdown), f"{rule_id} missed: {markdown!r}"


@pytest.mark.parametrize("rule_id,markdown", QUIET, ids=[f"{r}-{i}" for i, (r, _) in enumerate(QUIET)])
def test_trap_is_not_flagged(tmp_path, rule_id, markdown):
    assert not hits(tmp_path, rule_id, markdown), f"{rule_id} false alarm on {markdown!r}"


@pytest.mark.parametrize("text,expected", [
    ("He said ‘go home.’ Then he left.", ["He said ‘go home.’", "Then he left."]),
    ("It was “done!” She said so.", ["It was “done!”", "She said so."]),
    ("(This is in brackets.) Next sentence here.", ["(This is in brackets.)", "Next sentence here."]),
    ("See GOV.UK and www.local.gov.uk for 3.5 per cent. Next one.",
     ["See GOV.UK and www.local.gov.uk for 3.5 per cent.", "Next one."]),
    ("Cllr. Smith spoke, e.g. on data, i.e. the figures. Then Mr. Jones, etc. spoke.",
     ["Cllr. Smith spoke, e.g. on data, i.e. the figures.", "Then Mr. Jones, etc. spoke."]),
    ("Councils should:\nplan the work\nTrain staff", ["Councils should:", "plan the work", "Train staff"]),
])
def test_sentences_split_at_closing_quotes_and_list_items_not_abbreviations(text, expected):
    from almanac_build.checks.textutil import sentences

    assert sentences(text) == expected


def test_a_long_quoted_sentence_is_measured_on_its_own(tmp_path):
    quoted = "The leader said ‘" + " ".join(["we"] * 12) + " will do it.’ " + "Short one here. " * 3
    assert not hits(tmp_path, "sentence-too-long", quoted + "\n")
