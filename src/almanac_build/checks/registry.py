"""The rule registry: every rule is a small function that declares what it is and registers itself.

Ids are the catalogue's kebab-case ids. They are unique (asserted at import) and never reused: an id
that has been published and then dropped goes into RETIRED, and registering it again is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

SEVERITIES = ("error", "warning", "notice")
FORMATS = {"S": "source", "H": "HTML", "E": "EPUB", "D": "DOCX", "P": "PDF"}
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
    formats: str
    check: Callable[[object], Iterable[Hit]]
    fix: str
    family: str = ""
    failing: tuple[Example, ...] = ()
    passing: tuple[Example, ...] = ()
    references: str = ""
    severities: dict[str, str] = field(default_factory=dict)  # per format overrides, e.g. {"P": "error"}

    def severity_for(self, fmt: str) -> str:
        return self.severities.get(fmt, self.severity)


RULES: dict[str, Rule] = {}


def rule(id: str, summary: str, severity: str, guidance: str, wcag: str, formats: str, fix: str,
         failing: Iterable = (), passing: Iterable = (), references: str = "",
         severities: dict[str, str] | None = None):
    """Register the decorated function `check(view) -> hits` as rule `id`."""
    assert id not in RULES, f"rule id {id} registered twice"
    assert id not in RETIRED, f"rule id {id} is retired and may not be reused"
    assert severity in SEVERITIES, severity
    assert set(formats) <= set(FORMATS), formats

    def register(func):
        family = func.__module__.rsplit(".", 1)[-1]
        RULES[id] = Rule(id, summary, severity, tuple(g.strip() for g in guidance.split(",")), wcag, formats, func,
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
