"""The guidance's ten points (Inclusion chapter, "Basic standards to follow for inclusive website
design"). Machines test parts of them; each appears in the report as a check for a person too."""

from __future__ import annotations

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
     "check": "Read the list of links alone (screen-reader links list): is each destination clear? "
              "Fill in every placeholder link.",
     "rules": ["link-empty", "link-text-generic", "link-text-url", "link-text-too-short", "link-text-too-long"]},
    {"item": "8", "title": "Predictable formatting (links blue and underlined)",
     "check": "Check that links look the same in every format (blue and underlined) and nothing else is underlined.",
     "rules": ["link-distinguishable", "contrast-text"]},
    {"item": "9", "title": "Describe errors",
     "check": "The almanac has no forms. If a form is added, its errors must be described in text.",
     "rules": []},
    {"item": "10", "title": "Label inputs",
     "check": "The almanac has no forms. If a form is added, every input needs a visible label.",
     "rules": []},
]
