"""The rule registry: every rule is a small function that declares what it is and registers itself.

Ids are the catalogue's kebab-case ids. They are unique (asserted at import) and never reused: an id
that has been published and then dropped goes into RETIRED, and registering it again is an error.

A rule names what it needs to see (`needs`, from CAPABILITIES), never a list of formats: it applies to
the source and to every format whose declaration (writers/registry.py) has all of it, so a new format
is checked by every rule it can be checked by without touching a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..writers.registry import CHECKED as OUTPUT_FORMATS

SEVERITIES = ("error", "warning", "notice")
# What a view can show. A format declares the ones its view has; a rule names the ones it reads.
CAPABILITIES = {
    "title": "the document's title",
    "language": "the document's declared language",
    "headings": "headings with their levels",
    "images": "images with their alt text, decorative or not",
    "links": "links with their text and address",
    "tables": "tables with their header cells and captions",
    "source-text": "the text as the author typed it (editorial rules, judged once on the source)",
    "paragraphs": "paragraphs as the writer made them, with their lines and emphasis",
    "link-markup": "links as elements of their own (a PDF link is an annotation over painted text)",
    "image-surroundings": "an image's alt text beside its caption and the text around it",
    "rendered": "a laid-out edition: its styles, list markup and text alignment",
    "link-styles": "how links are styled (underline)",
    "point-sizes": "fixed font sizes in points",
    "text-colours": "each text colour with the colour behind it",
    "glyphs": "which characters the edition's fonts can draw",
    "word-styles": "Word paragraph styles",
    "landmarks": "HTML landmark regions",
    "epub-package": "the EPUB package: metadata, navigation, page list",
    "pdf-structure": "the PDF's catalog, structure tree, marked content, fonts and annotations",
}
# The source is checked like a format: the author's text, with every kind of content but no rendering.
SOURCE_CAPABILITIES = frozenset({"title", "language", "headings", "images", "links", "tables", "source-text",
                                 "paragraphs", "link-markup", "image-surroundings", "text-colours", "glyphs"})
FORMATS = {"S": "source", **{f.code: f.name for f in OUTPUT_FORMATS}}  # code → name, in report order
_HAS = {"S": SOURCE_CAPABILITIES, **{f.code: f.capabilities for f in OUTPUT_FORMATS}}
# Published ids that were dropped; never register them again (pylint's _deleted_message_ids idea).
RETIRED: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hit:
    """What a rule reports: where (a view item's `where`), what is wrong, and optionally a severity
    that differs from the rule's default (the catalogue gives some rules two levels)."""

    where: object
    message: str
    severity: str = ""


@dataclass(frozen=True)
class Example:
    """A failing or passing example for the rule's documentation page and its tests (source Markdown)."""

    markdown: str
    note: str = ""
    formats: str = ""  # formats in which a failing example must be found ("" = every format the rule claims)


@dataclass
class Rule:
    id: str
    summary: str
    severity: str
    guidance: tuple[str, ...]
    wcag: str
    needs: frozenset[str]
    check: Callable[[object], Iterable[Hit]]
    fix: str
    family: str = ""
    failing: tuple[Example, ...] = ()
    passing: tuple[Example, ...] = ()
    references: str = ""
    severities: dict[str, str] = field(default_factory=dict)  # per format overrides, e.g. {"P": "error"}

    @property
    def formats(self) -> str:
        """The codes of the formats (and "S", the source) that have all the rule needs, in report order."""
        return "".join(code for code in FORMATS if self.needs <= _HAS[code])

    def severity_for(self, fmt: str) -> str:
        return self.severities.get(fmt, self.severity)


RULES: dict[str, Rule] = {}


def rule(id: str, summary: str, severity: str, guidance: str, wcag: str, needs: Iterable[str], fix: str,
         failing: Iterable = (), passing: Iterable = (), references: str = "",
         severities: dict[str, str] | None = None):
    """Register the decorated function `check(view) -> hits` as rule `id`."""
    assert id not in RULES, f"rule id {id} registered twice"
    assert id not in RETIRED, f"rule id {id} is retired and may not be reused"
    assert severity in SEVERITIES, severity
    needs = frozenset((needs,) if isinstance(needs, str) else needs)
    assert needs and needs <= set(CAPABILITIES), f"rule {id}: unknown capability in {sorted(needs)}"

    def register(func):
        family = func.__module__.rsplit(".", 1)[-1]
        RULES[id] = Rule(id, summary, severity, tuple(g.strip() for g in guidance.split(",")), wcag, needs, func,
                         fix, family, tuple(_example(e) for e in failing), tuple(_example(e) for e in passing),
                         references, dict(severities or {}))
        return func

    return register


def _example(value) -> Example:
    return value if isinstance(value, Example) else Example(value)


def load_rules() -> dict[str, Rule]:
    """Import every rule family once: each module of `checks/rules/` registers its rules on import, so a
    new family is a new file there and nothing else."""
    import importlib
    import pkgutil

    from . import rules

    for family in sorted(info.name for info in pkgutil.iter_modules(rules.__path__)):
        importlib.import_module(f"{rules.__name__}.{family}")
    return RULES
