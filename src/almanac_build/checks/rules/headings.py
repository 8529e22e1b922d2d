"""Heading rules (guidance items 3 and 6): order, one top heading, empty, fake, too deep."""

from __future__ import annotations

import re
from ..registry import Example, Hit, rule
from ..textutil import words

# MD036's trailing punctuation, except "?": the almanac's own section headings are questions ("What tools
# and resources are available?"), so a bold question followed by text is a heading in disguise.
_END_PUNCT = tuple(".,;:!。，；：！")
_WARNING_WORDS = re.compile(r"^(note|notes|warning|important|caution|tip|remember|please note|do not|don't|never|"
                            r"always|n\.b|nb|example|for example|source|sources|update|updated|new|figure|fig|table|chart|photo|image|"
                            r"credit|copyright|©)\b|^[-–—‘“\"']", re.I)


@rule("heading-level-skip", "A heading is more than one level deeper than the heading before it.", "warning",
      "3, 6", "1.3.1", "headings", severities={"P": "error"},
      fix="Use the next level down (after a level-2 heading, use level 3), or promote the heading.",
      failing=["## Our approach\n\n#### Funding {heading-level-skip}\n\nText."],
      passing=["## Our approach\n\n### Funding\n\nText.\n\n## Next steps\n\nGoing back up is fine."])
def level_skip(view):
    previous = None
    for heading in view.headings:
        if previous is not None and heading.level - previous > 1:
            yield Hit(heading.where, f"heading level {heading.level} follows level {previous}"
                      f" ({_quote(heading.text)}): level {previous + 1} is skipped")
        previous = heading.level


@rule("heading-h1-count", "The document has no top-level heading, or more than one.", "error", "6",
      "1.3.1, 2.4.6", "headings", severities={},
      fix="Keep exactly one top-level heading (the chapter title in the source); make the others level 2 or below.",
      failing=[Example("# Connectivity {heading-h1-count}\n\nThe chapter title is already the top heading.",
                       "The writers shift heading levels, so every output keeps one top heading; only the source "
                       "shows the second `#`.", "S")],
      passing=["## What we mean by connectivity\n\nText."])
def h1_count(view):
    if view.facts.get("h1_per_document"):  # EPUB: each content document may open with its own h1 (as in Ace)
        yield from _h1_per_file(view)
        return
    tops = [h for h in view.headings if h.level == 1]
    if not tops:
        yield Hit(view.here("document"), "the document has no top-level (level-1) heading")
    for extra in tops[1:]:
        yield Hit(extra.where, f"a second top-level heading {_quote(extra.text)}; there must be only one",
                  "warning")


def _h1_per_file(view):
    """EPUB: each content document may have its own h1; the publication needs at least one."""
    if view.headings and not any(h.level == 1 for h in view.headings):
        yield Hit(view.here("publication"), "no content document has a top-level (h1) heading")


@rule("heading-empty", "A heading has no text.", "error", "6", "1.3.1, 2.4.6", "headings",
      fix="Write the heading's text, or delete the empty heading line.",
      failing=[Example("## {heading-empty}\n\nText under an empty heading.", "A Word writer may drop an empty "
                       "heading paragraph altogether, so DOCX is not required to show it.", "SHEP")],
      passing=["## Funding\n\nText."])
def empty(view):
    for heading in view.headings:
        if heading.text is not None and not heading.text.strip():
            yield Hit(heading.where, f"a level-{heading.level} heading has no text")


@rule("heading-depth-exceeds-h4", "A heading is level 5 or deeper (the guidance asks for H1 to H4).", "notice",
      "3, 6", "1.3.1", "headings",
      fix="Keep to three levels below the chapter title (`##`, `###`): every edition puts the publication's "
          "title at level 1 and the chapter titles at level 2, so a `####` heading is level 5 there.",
      failing=[Example("## A\n\n### B\n\n#### C {heading-depth-exceeds-h4}\n\nText.",
                       "Each output judges its own levels (the `####` is an h5 in HTML and EPUB, Heading 4 under the "
                       "Title in DOCX, H5 in PDF); the source finding says what level the heading becomes.")],
      passing=["## A\n\n### B\n\nText."])
def too_deep(view):
    shift = view.facts.get("output_level_shift", 0)  # the source: judged at the level it becomes
    for heading in view.headings:
        level = heading.level + shift
        if level >= 5:
            becomes = f" in the source, level {level} in every edition" if shift else ""
            yield Hit(heading.where, f"heading {_quote(heading.text)} is level {heading.level}{becomes}; keep to "
                      "H1–H4")


@rule("fake-heading", "A short line in bold or italic is used as a heading instead of heading markup.",
      "warning", "3", "1.3.1", "paragraphs",
      fix="Make it a real heading (`## Heading text` at the right level) so it appears in navigation.",
      failing=["## Funding\n\n**Where the money comes from** {fake-heading}\n\nCouncils draw on several "
               "funds, which this section lists in turn with what each one pays for."],
      passing=["**Note:** bold lead-ins inside a paragraph are fine.\n\n**Key actions:**\n\n- a list after a "
               "bold line ending in a colon is fine"])
def fake_heading(view):
    for block in view.blocks:
        if _looks_like_heading(block):
            yield Hit(block.where, f"{_quote(block.text)} is styled like a heading but is a paragraph")


def _looks_like_heading(block) -> bool:
    """MD036 / HTML_CodeSniffer H42 / IBM text_block_heading, with the catalogue's traps excluded."""
    text = block.text.strip()
    if not (block.emphasised and block.context == "body" and block.single_line and text):
        return False
    if text.endswith(_END_PUNCT) or text.endswith(("-", "–", "—", "…")) or block.has_link:
        return False
    if not 1 <= len(words(text)) <= 12 or _WARNING_WORDS.match(text):
        return False
    return block.next_kind in ("p", "list", "table", "figure")


def _quote(text) -> str:
    if text is None:
        return "(text not extractable)"
    short = text if len(text) <= 60 else text[:57] + "…"
    return f"“{short}”"


@rule("heading-too-long", "A heading has more than 20 words.", "warning", "3, 6", "2.4.6", "source-text",
      fix="Shorten the heading to the few words a reader scans for; move the rest into the text below it.",
      failing=["## How councils across England and Wales have worked with providers, communities and each other to "
               "bring better broadband to rural areas {heading-too-long}\n\nText."],
      passing=["## Rural broadband partnerships\n\nText."])
def too_long(view):
    for heading in view.headings:
        count = len(words(heading.text or ""))
        if count > 20 and not (heading.text or "").rstrip().endswith("?"):  # FAQ questions may be long
            yield Hit(heading.where, f"heading {_quote(heading.text)} has {count} words")


@rule("heading-duplicate", "Two headings in a row have the same text.", "warning", "3, 6", "2.4.6", "source-text",
      fix="Give each heading its own words; repeated sub-headings under different parents are fine.",
      failing=["## Funding\n\n### Funding {heading-duplicate}\n\nText."],
      passing=["## Connectivity\n\n### Overview\n\nText.\n\n## Data\n\n### Overview\n\nText."])
def duplicate(view):
    previous = None
    for heading in view.headings:
        text = (heading.text or "").strip().lower()
        if previous is not None and text and text == previous:
            yield Hit(heading.where, f"heading {_quote(heading.text)} repeats the heading just before it")
        previous = text


@rule("heading-trailing-punctuation", "A heading ends in . , ; : or ! (a question mark is fine).", "notice", "6",
      "–", "source-text", fix="Drop the punctuation at the end of the heading.",
      failing=["## Our approach: {heading-trailing-punctuation}\n\nText."],
      passing=["## What is connectivity?\n\nText."])
def trailing_punctuation(view):
    for heading in view.headings:
        text = (heading.text or "").rstrip()
        if text.endswith(tuple(".,;:!")) and not text.endswith(("etc.", "...", "…")):
            yield Hit(heading.where, f"heading {_quote(heading.text)} ends in “{text[-1]}”")


@rule("html-landmarks", "An HTML page has no main landmark, more than one, or no way to skip to the content.",
      "warning", "3", "1.3.1, 2.4.1", "landmarks",
      fix="The HTML writer must wrap the content in one <main> and start the page with a skip link to it.",
      failing=[], passing=["## A section\n\nThe HTML writer adds the landmarks."])
def landmarks(view):
    facts = view.facts.get("landmarks")
    if not facts:
        return
    if facts["main"] == 0:
        yield Hit(view.here("body"), "the page has no main landmark")
    elif facts["main"] > 1:
        yield Hit(view.here("main"), f"the page has {facts['main']} main landmarks")
    if not facts["skip_link"] and not facts["headings"]:
        yield Hit(view.here("body"), "there is no skip link and no heading to jump to the content")
