"""The guidance's ten points (Inclusion chapter, "Basic standards to follow for inclusive website
design"). Machines test parts of them; each appears in the report as a check for a person too, worded
from what the publication contains (`manual_checks`), never from what the almanac happened to hold."""

from __future__ import annotations

from ..evidence import Evidence

MANUAL_CHECKS = [
    {"item": "1", "title": "Alternative formats for media and graphics",
     "check": "Read every alt text next to its image: does it say what the image tells a sighted reader? "
              "Do charts and diagrams have their data or a summary in the text?",
     "rules": ["img-alt-missing", "img-alt-placeholder", "img-alt-filename", "img-alt-duplicates-text"]},
    {"item": "2", "title": "Text contrast",
     "check": "Look at text over images, gradients and the cover: contrast there cannot be computed.",
     "rules": ["contrast-text"]},
    {"item": "3", "title": "Logical organisation and visual hierarchy",
     "check": "Read the outline (HTML contents, PDF bookmarks, Word navigation pane): does it make sense on "
              "its own, and does the reading order match the visual order?",
     "rules": ["heading-level-skip", "fake-heading", "fake-list", "table-header-missing"]},
    {"item": "4", "title": "Resize text and enlarge images",
     "check": "Zoom the HTML to 200 % and reflow to 320 px; open the large-print PDF: nothing is cut off.",
     "rules": ["min-font-size", "text-justified"]},
    {"item": "5", "title": "No reliance on sensory characteristics",
     "check": "Check instructions and charts: nothing relies on colour, shape, size or position alone.",
     "rules": ["sensory-instruction", "colour-only-table-cell"]},
    {"item": "6", "title": "Titles and logical headings (H1 to H4)",
     "check": "Do headings describe their sections? Is the document title meaningful?",
     "rules": ["heading-h1-count", "heading-empty", "heading-depth-exceeds-h4", "doc-title-missing"]},
    {"item": "7", "title": "Link text describes where the link goes",
     "check": "Read the list of links alone (screen-reader links list): is each destination clear?",
     "rules": ["link-empty", "link-text-generic", "link-text-url", "link-text-too-short", "link-text-too-long"]},
    {"item": "8", "title": "Predictable formatting (links blue and underlined)",
     "check": "Check that links look the same in every format (blue and underlined) and nothing else is underlined.",
     "rules": ["link-distinguishable", "contrast-text"]},
    {"item": "9", "title": "Describe errors",
     "check": "",
     "rules": []},
    {"item": "10", "title": "Label inputs",
     "check": "",
     "rules": []},
]


def manual_checks(title: str, evidence: Evidence) -> list[dict]:
    """The ten checks, with what this publication has to look at filled in."""
    checks = [dict(c) for c in MANUAL_CHECKS]
    pictures = []
    if evidence.described_images:
        pictures.append(f"{_n(evidence.described_images, 'picture')} with alt text")
    if evidence.decorative_images:
        pictures.append(f"{_n(evidence.decorative_images, 'picture')} marked decorative (check that each adds nothing)")
    checks[0]["check"] += (f" {title} has " + " and ".join(pictures) + "." if pictures
                           else f" {title} has no pictures apart from the cover.")
    if evidence.colour_coded_cells:
        checks[4]["check"] += (f" {title} has {_n(evidence.colour_coded_cells, 'table cell')} shown in colour: "
                               "each must keep its word.")
    checks[6]["check"] += (f" Fill in the {_n(evidence.placeholder_links, 'placeholder link')} whose address the "
                           "text lost." if evidence.placeholder_links else "")
    no_forms = f"{title} has no forms (the source format cannot make one), so there is nothing to check. "
    checks[8]["check"] = no_forms + "If a form is ever added, its errors must be described in text."
    checks[9]["check"] = no_forms + "If a form is ever added, every input needs a visible label."
    return checks


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
