"""DOCX checks (Microsoft Accessibility Checker conditions): headings use heading styles."""

from __future__ import annotations

from ..registry import Hit, rule
from ..textutil import normalise


@rule("docx-heading-styles", "A source heading did not get a built-in heading style in the Word document.",
      "error", "3, 6", "1.3.1", "word-styles", fix="The DOCX writer must give every heading a Heading 1–9 style.",
      failing=[], passing=["## What we mean by data\n\nText."])
def heading_styles(view):
    if not view.headings:
        yield Hit(view.here("document"), "no paragraph uses a heading style")
        return
    wanted = {normalise(t) for t in view.facts.get("source_headings", []) if t.strip()}
    styled = {normalise(h.text or "") for h in view.headings}
    for block in view.blocks:
        key = normalise(block.text)
        if block.context == "body" and key in wanted and key not in styled:
            yield Hit(block.where, f"the heading “{block.text[:60]}” is an ordinary paragraph")
