"""Chapter kinds (front matter `kind:`): what each needs, and which chapters a part holds.

Any document has chapters (the default), front matter, annexes or appendices, and parts; a part's
own file is its landing page and it holds the chapters after it, up to the next part or the first
annex/appendix. `outcome` is the almanac's kind of chapter: an outcome statement, a colour and an icon.
"""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Collector, Loc
from .schema import FRONT_MATTER_SCHEMA, OUTCOME_REQUIRED, loc_of
from .yamlsource import Located


def check_kind(values: dict, fm: Located, path: str, out: Collector) -> None:
    """The keys a kind needs beyond the common ones."""
    if values.get("kind") == "outcome":
        for key in OUTCOME_REQUIRED:
            if key not in values and key not in (fm.value or {}):
                out.error(Loc(path, 1, 1), f"an outcome chapter needs '{key}' in its front matter",
                          f"add a line such as '{key}: {FRONT_MATTER_SCHEMA[key].example}', or use another "
                          "kind (chapter, front, part, annex, appendix)")
    elif values.get("kind") != "outcome" and "outcome" in values:
        out.warning(loc_of(fm, "outcome"), "'outcome' is shown only on chapters of kind outcome",
                    "add 'kind: outcome', or remove the line")


def may_be_empty(values: dict) -> bool:
    """A part's landing page may be its title alone."""
    return values.get("kind") == "part"


def assign_parts(chapters: list[m.Chapter], out: Collector) -> None:
    """Set each chapter's `part`: the part it follows, until the next part or the back matter."""
    current: m.Chapter | None = None
    held: dict[str, int] = {}
    for chapter in chapters:
        if chapter.kind == "part":
            current = chapter
            held[chapter.id] = 0
        elif chapter.back_matter:
            current = None
        elif current is not None and chapter.kind != "front":
            chapter.part = current.id
            held[current.id] += 1
    for chapter in chapters:
        if chapter.kind == "part" and not held.get(chapter.id):
            out.error(chapter.loc or Loc(chapter.path, 1, 1), f"the part '{chapter.title}' holds no chapters",
                      "list its chapters after it in almanac.yaml (an annex or appendix ends a part), "
                      "or make it 'kind: chapter'")
