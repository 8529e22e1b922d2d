"""Run every rule on every view, trace and waive the findings, and decide each rule × format outcome."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import os
from typing import TYPE_CHECKING

from .. import model as m
from ..evidence import gather
from ..styles import load_theme
from ..writers.registry import CHECKED, DOWNLOADS, ENTRIES, slug_of
from .finding import CheckResult, Finding, Outcome, project_path
from .manual import manual_checks
from .readers import read_views
from .registry import FORMATS, load_rules
from .trace import Tracer
from .view import View
from .views.source import source_line, source_views
from .views.theme import theme_view, use_theme
from .waivers import apply_waivers, load_waivers

if TYPE_CHECKING:
    from .as_written import ReadAsWritten


def _reader(target: str):
    module, function = target.split(":")
    return getattr(importlib.import_module(f"{__package__.rpartition('.')[0]}.{module}"), function)


# Each format's reader, as its declaration names it: f(output_dir, tracer, output name) -> View | None.
# Imported with this module, which `almanac check` imports while the source loads.
READERS = {f.code: _reader(f.reader) for f in CHECKED}


def output_jobs(slug: str) -> list[tuple[str, str]]:
    """(format code, output name) of every output the checks read, in report order: each writer's first
    output, read as the format it declares (the download page as HTML). A missing output is not read."""
    return [(f.code, e.output_names(slug)[0]) for f in CHECKED for e in ENTRIES if e.format is f]


def collect_views(book: m.Book, output_dir: str, problems: list[str] | None = None,
                  early: ReadAsWritten | None = None) -> dict[str, list[View]]:
    """Every view the rules run on: the source's, and each output's. `early`: what the build's
    watcher already read while the writers ran (as_written.py); the rest is read here."""
    problems = problems if problems is not None else []
    already, source_done = early.views_for() if early else ({}, None)
    if early:
        problems.extend(early.problems)
    tracer = early.tracer if early and early.tracer else Tracer(book)  # before the PDF readers fork: they inherit it
    use_theme(book.theme or load_theme())
    views: dict[str, list[View]] = {}

    def source() -> None:  # done here while the forked PDF readers run
        views.update(source_done if source_done is not None else source_view_set(book))

    readers = {code: (lambda name, read=read: read(output_dir, tracer, name)) for code, read in READERS.items()}
    jobs = output_jobs(slug_of(book))
    apart = "".join(f.code for f in CHECKED if f.read_apart)  # the PDFs: in forked processes
    read = read_views([job for job in jobs if job not in already], readers, apart, problems, source)
    read.update(already)
    facts = source_facts(book, views.get("S", []))
    for fmt in READERS:
        found = [read[job] for job in jobs if job[0] == fmt and read[job] is not None]
        for view in found:
            view.facts.update(facts)
        views[fmt] = found
    return views


def source_facts(book: m.Book, source: list[View]) -> dict:
    """What every output view is given from the source: its headings, and the characters no font
    draws, located in the source (and confirmed in each output)."""
    undrawable = [(char, where.source) for view in source for char, where in view.facts["undrawable"]]
    return {"source_headings": _source_headings(book), "source_undrawable": undrawable}


def source_view_set(book: m.Book) -> dict[str, list[View]]:
    """The source's views ("S"), with the styles' colour pairs checked once, on the first."""
    found = source_views(book)
    if found:
        found[0].facts["colour_pairs"] = theme_view(book.theme or load_theme(), book).facts.get("colour_pairs", [])
    return {"S": found}


def _source_headings(book: m.Book) -> list[str]:
    from ..text import plain
    from ..walk import iter_blocks

    return [plain(b.children) for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Heading)]


def run_checks(book: m.Book, source_dir: str, output_dir: str, early: ReadAsWritten | None = None) -> CheckResult:
    rules = load_rules()
    waivers = load_waivers(source_dir, set(rules))
    problems: list[str] = []
    views = collect_views(book, output_dir, problems, early)
    findings: list[Finding] = []
    done_early = early.checked if early else {}  # (rule id, id(view)) -> what rule_findings gave
    for rule in rules.values():
        for fmt in rule.formats:
            for view in views.get(fmt, []):
                found, problem = done_early.get((rule.id, id(view))) or rule_findings(rule, view)
                findings.extend(found)
                if problem:
                    problems.append(problem)
    findings = _dedupe(findings)
    unused = apply_waivers(findings, waivers, source_dir)
    outcomes = _outcomes(rules, views, findings)
    checked = {fmt: [v.file for v in vs if v.format != "S"] or sorted({v.file for v in vs}) for fmt, vs in views.items()}
    result = CheckResult(findings, outcomes, unused, manual_checks(book.meta.title, gather(book)), checked,
                       _today(), source_dir, output_dir,
                       {"title": book.meta.title, "publisher": book.meta.publisher, "language": book.meta.language,
                        "other_formats": book.meta.other_formats, "contact": dataclasses.asdict(book.meta.contact),
                        "edition": book.meta.edition, "date": book.meta.date, "statement": book.meta.statement,
                        "chapters": [{"file": project_path(c.path), "title": c.title} for c in book.chapters],
                        "unchecked_editions": unchecked_editions(book, output_dir)})
    result.problems = problems
    return result


def rule_findings(rule, view: View) -> tuple[list[Finding], str]:
    """One rule's findings on one view, and the problem to report if the rule failed on it (one broken
    rule must not hide every other finding)."""
    found: list[Finding] = []
    try:
        for hit in rule.check(view):
            found.append(_finding(rule, view, hit))
    except Exception as exc:  # what it found before failing is kept
        return found, f"rule {rule.id} failed on {view.file} ({type(exc).__name__}: {exc})"
    return found, ""


def unchecked_editions(book: m.Book, output_dir: str) -> list[str]:
    """Editions this build made that no check reads (braille), as the statement names them: it lists
    them as published, and says the checks did not read them."""
    slug = slug_of(book)
    return [e.download.named for e in DOWNLOADS if e.format not in CHECKED
            and os.path.exists(os.path.join(output_dir, e.output_names(slug)[0]))]


def _today() -> str:
    """The run's date; SOURCE_DATE_EPOCH fixes it, so the same source gives the same reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


def _finding(rule, view: View, hit) -> Finding:
    where = hit.where
    source = getattr(where, "source", None)
    rel = project_path(source.file) if source else ""
    snippet = source_line(source) if source and source.line else ""
    if snippet and source.col and len(snippet) > 160:
        start = max(0, source.col - 60)
        snippet = ("…" if start else "") + snippet[start:start + 160] + "…"
    pointer = getattr(where, "pointer", "")
    if not pointer and source and source.line:  # a source finding's "output" is the source file itself
        pointer = f"line {source.line}" + (f", column {source.col}" if source.col else "")
    return Finding(rule.id, hit.severity or rule.severity_for(view.format), view.format, hit.message,
                   getattr(where, "file", view.file), pointer, rel,
                   source.line if source else 0, source.col if source else 0, snippet, rule.wcag, rule.guidance,
                   rule.fix, traced=("source" if view.format == "S" else getattr(where, "traced", "") or "section")
                   if source else "")


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        if finding.key() not in seen:
            seen.add(finding.key())
            out.append(finding)
    return out


def _outcomes(rules: dict, views: dict, findings: list[Finding]) -> list[Outcome]:
    by_pair: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault((finding.rule, finding.format), []).append(finding)
    outcomes = []
    for rule in rules.values():
        for fmt in FORMATS:
            if fmt not in rule.formats:
                outcomes.append(Outcome(rule.id, fmt, "not applicable", 0, "the rule does not apply to this format"))
                continue
            if not views.get(fmt):
                outcomes.append(Outcome(rule.id, fmt, "not applicable", 0, "this output was not built"))
                continue
            found = by_pair.get((rule.id, fmt), [])
            open_ = [f for f in found if f.status == "open"]
            if any(f.severity in ("error", "warning") for f in open_):
                outcome = "failed"
            elif open_:
                outcome = "needs review"
            else:
                outcome = "passed"
            waived = len(found) - len(open_)
            outcomes.append(Outcome(rule.id, fmt, outcome, len(found), f"{waived} waived" if waived else ""))
    return outcomes


def source_findings(book: m.Book, source_dir: str, chapter_paths: set[str] | None = None) -> list[Finding]:
    """Every rule's findings on the source alone, no output read, waivers applied: what `almanac links`
    counts and the preview's panel lists. `chapter_paths`: only those chapters (the panel's)."""
    rules = load_rules()
    if chapter_paths is not None:
        book = dataclasses.replace(book, chapters=[c for c in book.chapters if c.path in chapter_paths])
    findings: list[Finding] = []
    for view in source_views(book):
        for rule in rules.values():
            if "S" in rule.formats:
                findings.extend(_finding(rule, view, hit) for hit in rule.check(view))
    findings = _dedupe(findings)
    apply_waivers(findings, load_waivers(source_dir, set(rules)))
    return findings
