"""Why a rule does not run on a format: each rule runs on every format in which its defect can survive,
and its page (checks/docs.py) says why it skips the others. A test fails while a rule skips a format
without a reason here.
"""

from __future__ import annotations

# Editorial rules judge the author's words, which every writer copies unchanged: judged once, on the
# source, where the editor fixes them (the outputs would repeat the same finding five times).
_WORDS = ("the writers copy the source's text unchanged into every edition, so the words are judged once, "
          "on the source, where an editor fixes them")

WHY_NOT: dict[str, str] = {
    "heading-too-long": _WORDS,
    "heading-duplicate": _WORDS,
    "heading-trailing-punctuation": _WORDS,
    "link-text-redundant-prefix": _WORDS,
    "link-text-too-long": _WORDS,
    "sensory-instruction": _WORDS,
    "sentence-too-long": _WORDS,
    "readability-score": _WORDS,
    "template-leftover": _WORDS,
    "img-raster-diagram": "whether a chart is a raster image is decided by the file the source names; every "
                          "edition embeds that same file",
    "contrast-text": "the colours of every edition come from the theme, whose every text/background pair is "
                     "checked with the source; the DOCX is also read for the colours its runs really use "
                     "(Word documents are the edition people edit afterwards)",
    "img-alt-duplicates-text": "in the DOCX and the PDFs a picture does not sit in a paragraph, link or cell "
                               "with text of its own, so there is no nearby text the reader hears twice",
    "link-empty": "the PDF writer draws a link only over its text, so a link without text cannot exist in a "
                  "PDF; placeholder links become plain text in every edition and are found in the source",
    "link-distinguishable": "a PDF has no link style to read: an underline is a drawn line, which the PDF "
                            "writer always draws under links",
    "list-structure": "in the source a list is Markdown syntax and cannot hold anything but items",
    "text-justified": "the source has no alignment; every edition's is checked",
    "min-font-size": "the HTML and EPUB set sizes relative to the reader's own (they scale), and the source "
                     "has no sizes",
    "html-landmarks": "landmarks exist only in the HTML page (the EPUB's own navigation is epub-nav-toc)",
    "docx-heading-styles": "Word paragraph styles exist only in the DOCX",
}

# Rules about one format's own machinery (its package, catalog or structure tree) run on that format only.
_OWN_FORMAT = {"epub": "it judges the EPUB's own package (metadata, navigation, page list)",
               "pdf": "it judges the PDF's own catalog, structure tree, fonts or annotations"}


def why_not(rule) -> str:
    """Why `rule` skips the formats it skips ("" when it runs everywhere or no reason is written)."""
    return WHY_NOT.get(rule.id) or _OWN_FORMAT.get(rule.family, "")
