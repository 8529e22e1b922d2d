"""docs/rules/<id>.md, generated from each rule's own metadata and examples so the pages stay true.

Run `python -m almanac_build.checks.docs` after changing a rule; a test fails while a page is stale.
"""

from __future__ import annotations

import os
import re
import sys

from .coverage import why_not
from .registry import FORMATS, RETIRED, Rule, load_rules

DOCS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "rules"))
_MARKER = re.compile(r"\s?\{([a-z0-9]+(?:-[a-z0-9]+)+)\}")


def render(rule: Rule) -> str:
    formats = ", ".join(FORMATS[f] for f in rule.formats)
    extra = "".join(f"; {FORMATS[k]}: {v}" for k, v in rule.severities.items())
    lines = [f"# `{rule.id}`", "", rule.summary, "",
             "| | |", "|---|---|", f"| Severity | {rule.severity}{extra} |",
             f"| Guidance item(s) | {', '.join(rule.guidance)} |", f"| WCAG | {rule.wcag} |",
             f"| Formats | {formats} |", *_not_run(rule),
             f"| Defined in | `src/almanac_build/checks/rules/{rule.family}.py` |", "",
             "## How to fix", "", rule.fix, ""]
    lines += _examples("Failing example", rule.failing, True) or [
        "## Failing example", "", f"This rule reads the {formats} output itself; the writer, not the source, decides "
        "it. Its failing cases are tested on small hand-made outputs in `tests/rules/test_output_views.py`.", ""]
    lines += _examples("Passing example", rule.passing, False) or [
        "## Passing example", "", "An output written as the rule's fix describes.", ""]
    return "\n".join(lines)


def _not_run(rule: Rule) -> list[str]:
    """The formats the rule skips, and why (checks/coverage.py)."""
    skipped = [name for code, name in FORMATS.items() if code not in rule.formats]
    return [f"| Not run on | {', '.join(skipped)}: {why_not(rule)} |"] if skipped else []


def _examples(title: str, examples, failing: bool) -> list[str]:
    out = []
    for index, example in enumerate(examples, start=1):
        out += [f"## {title}" + (f" {index}" if len(examples) > 1 else ""), ""]
        if failing:
            marked = [n for n, line in enumerate(example.markdown.splitlines(), 1) if _MARKER.search(line)]
            where = f"line {marked[0]}" if marked else "the example"
            found = ", ".join(FORMATS[f] for f in example.formats) if example.formats else "every format it claims"
            out += [f"Flagged at {where} of this chapter text, in {found}.", ""]
        out += ["```markdown", _MARKER.sub("", example.markdown), "```", ""]
        if example.note:
            out += [example.note, ""]
    return out


def index_page(rules: dict[str, Rule]) -> str:
    lines = ["# Accessibility rules", "", "Generated from the rule registry (`python -m almanac_build.checks.docs`).",
             "Ids are stable and never reused" + (f"; retired: {', '.join(sorted(RETIRED))}." if RETIRED else "."),
             "", "| Rule | Severity | WCAG | Formats | Summary |", "|---|---|---|---|---|"]
    for rule in rules.values():
        lines.append(f"| [`{rule.id}`]({rule.id}.md) | {rule.severity} | {rule.wcag} | {rule.formats} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    rules = load_rules()
    out = {f"{r.id}.md": render(r) for r in rules.values()}
    out["README.md"] = index_page(rules)
    return out


def main() -> int:
    os.makedirs(DOCS_DIR, exist_ok=True)
    for name, text in pages().items():
        with open(os.path.join(DOCS_DIR, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    print(f"wrote {len(pages())} pages into {DOCS_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
