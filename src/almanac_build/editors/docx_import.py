"""`almanac import FILE.docx --chapter ID`: a Word contribution becomes a chapter file.

Pandoc's docx reader gives the structure (headings from Word's heading styles, lists, tables with
their header rows and captions, links, footnotes); docx_facts reads what it drops (paragraph numbers,
alt text as Word stores it, the decorative flag, bold-only lines, text boxes and the like); and
docx_markdown writes the source format. The result is read by the loader, in a copy of the source
with the chapter in place, before anything is written: a chapter that would not build is not written.
Nothing existing is replaced without `force`."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field

from ..diagnostics import AlmanacError, Diagnostic, Loc, ToolError
from .docx_facts import DocxFacts, read_facts
from .docx_markdown import MarkdownWriter, _plain, _plain_blocks
from .sourcefiles import replace_all, write_new

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^(\d+)-")


@dataclass
class ImportReport:
    chapter_path: str
    images: list[str]
    headings: int
    tables: int
    notes: list[Diagnostic] = field(default_factory=list)
    listed: bool = True
    added: bool = False  # added at the end of the chapters list in almanac.yaml
    markdown: str = ""


def import_docx(docx_path: str, source_dir: str, chapter_id: str, force: bool = False,
                title: str | None = None) -> ImportReport:
    from ..source.loader import load

    source_dir = os.path.abspath(source_dir)
    if not _ID.match(chapter_id or ""):
        raise AlmanacError(Diagnostic(Loc(docx_path), f"'{chapter_id}' is not a chapter id",
                                      "use lower-case letters, digits and hyphens, such as digital-inclusion"))
    book = load(source_dir)
    existing = next((c for c in book.chapters if c.id == chapter_id), None)
    chapters_dir = os.path.join(source_dir, "chapters")
    target = existing.path if existing else os.path.join(chapters_dir, f"{_next_prefix(chapters_dir)}-{chapter_id}.md")
    if os.path.exists(target) and not force:
        raise AlmanacError(Diagnostic(Loc(target), f"the chapter file already exists ({os.path.basename(target)})",
                                      "pass --force to replace its text (its front matter is kept), or choose another --chapter id"))
    facts = read_facts(docx_path)
    with tempfile.TemporaryDirectory(prefix="almanac-import-") as tmp:
        media = os.path.join(tmp, "media")
        os.mkdir(media)
        document = _read(docx_path, media)
        report = _convert(document, facts, docx_path, chapter_id, title, existing, target, media, source_dir,
                          _known_ids(book))
        _validate(report, source_dir, tmp, media)
        for rel, src in report._copies:  # type: ignore[attr-defined]
            dest = os.path.join(source_dir, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(src, "rb") as handle:
                write_new(dest, handle.read())
        listing = _listing_edit(source_dir, os.path.basename(target))
        write_new(target, report.markdown.encode("utf-8"))
        if listing:
            replace_all({os.path.join(source_dir, "almanac.yaml"): listing})
    report.listed = os.path.basename(target) in _listed(source_dir)
    report.added = bool(listing)
    return report


def _read(docx_path: str, media: str) -> dict:
    from ..source import pandoc

    try:
        return pandoc.read_docx(docx_path, media)
    except pandoc.PandocLimitError as exc:
        raise AlmanacError(Diagnostic(Loc(docx_path), f"the Word file is too large or complex to read ({exc})",
                                      "split the contribution into several files")) from None
    except ToolError as exc:
        raise AlmanacError(Diagnostic(Loc(docx_path), f"Pandoc could not read the Word file ({exc})",
                                      "open it in Word and save it again as “Word Document (.docx)”")) from None


def _known_ids(book) -> frozenset[str]:
    """Every id a link may name: chapters and everything inside them that has one (headings, tables…)."""
    from ..walk import iter_blocks

    ids = {c.id for c in book.chapters}
    for chapter in book.chapters:
        ids.update(b.id for b in iter_blocks(chapter.blocks) if getattr(b, "id", ""))
    return frozenset(ids)


def _next_prefix(chapters_dir: str) -> str:
    numbers = [int(m.group(1)) for name in os.listdir(chapters_dir) if (m := _PREFIX.match(name))] \
        if os.path.isdir(chapters_dir) else []
    return f"{max(numbers, default=0) + 1:02d}"


def _listed(source_dir: str) -> list[str]:
    import yaml

    try:
        with open(os.path.join(source_dir, "almanac.yaml"), encoding="utf-8") as handle:
            return list((yaml.safe_load(handle) or {}).get("chapters") or [])
    except (OSError, yaml.YAMLError, AttributeError):
        return []


def _convert(document: dict, facts: DocxFacts, docx_path: str, chapter_id: str, title: str | None,
             existing, target: str, media: str, source_dir: str, known_ids: frozenset[str]) -> ImportReport:
    notes: list[Diagnostic] = []
    state = {"after": 0, "footnote": 0}

    def note(what: str, near: str) -> None:
        if what.startswith("a footnote"):
            number = facts.footnotes[state["footnote"]] if state["footnote"] < len(facts.footnotes) else 0
            state["footnote"] += 1
        else:
            number = facts.find(near, state["after"]) if near else 0
        where = f"paragraph {number}: " if number else ""
        text = f" (“{' '.join(near.split())[:60]}”)" if near and not what.startswith("a footnote") else ""
        notes.append(Diagnostic(Loc(docx_path, number), f"{where}{what}{text}", severity="warning"))

    blocks = document["blocks"]
    title, blocks = _title(document, blocks, title, existing, docx_path)
    levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
    shift = 2 - min(levels, default=2)
    pictures = _Pictures(facts, media, chapter_id, source_dir, note)
    writer = MarkdownWriter(shift, pictures.markdown, note, known_ids, facts.row_headers)
    body = writer.document(blocks)
    if not body.strip():
        raise AlmanacError(Diagnostic(Loc(docx_path), "the Word file has no text to make a chapter of"
                                      + (" after its title" if levels or document.get("meta", {}).get("title") else ""),
                                      "check that this is the contribution, saved with its text"))
    for p in facts.paragraphs:
        if p.bold_only and not p.in_table and p.style not in facts.heading_styles and len(p.text) <= 150:
            notes.append(Diagnostic(Loc(docx_path, p.number), f"paragraph {p.number}: “{p.text[:80]}” is bold on a "
                                    "line of its own: if it is a heading, give it a Heading style in Word (or write "
                                    "## before it in the chapter); it was kept as a bold paragraph", severity="warning"))
        for what in p.unsupported:
            notes.append(Diagnostic(Loc(docx_path, p.number), f"paragraph {p.number}: {what}", severity="warning"))
    notes.sort(key=lambda d: d.loc.line)
    front = _front_matter(existing, chapter_id, title, target)
    report = ImportReport(target, [rel for rel, _ in pictures.copies], len(levels), writer.tables, notes,
                          markdown=front + "\n" + body)
    report._copies = pictures.copies  # type: ignore[attr-defined]
    return report


def _title(document: dict, blocks: list, title: str | None, existing, docx_path: str) -> tuple[str, list]:
    """The chapter title: --title, else Word's Title paragraph, else a first Heading 1 that is the only
    one; that heading then leaves the body."""
    meta_title = document.get("meta", {}).get("title")
    found = " ".join(_meta_text(meta_title).split()) if meta_title else ""
    firsts = [i for i, b in enumerate(blocks) if b["t"] == "Header" and b["c"][0] == 1]
    if len(firsts) == 1 and all(b["t"] != "Header" for b in blocks[:firsts[0]]):
        heading = " ".join(_plain(blocks[firsts[0]]["c"][2]).split())
        blocks = blocks[:firsts[0]] + blocks[firsts[0] + 1:]
        found = found or heading
    chosen = title or found or (existing.title if existing else "")
    if not chosen:
        raise AlmanacError(Diagnostic(Loc(docx_path), "the Word file has no title (no Title paragraph, and not "
                                      "exactly one Heading 1)", "pass --title \"The chapter's title\""))
    return chosen, blocks


def _meta_text(value: dict) -> str:
    if value.get("t") == "MetaInlines":
        return _plain(value["c"])
    if value.get("t") == "MetaBlocks":
        return _plain_blocks(value["c"])
    if value.get("t") == "MetaString":
        return value["c"]
    return ""


def _front_matter(existing, chapter_id: str, title: str, target: str) -> str:
    if existing is not None:  # --force on a chapter: its front matter (kind, colour, icon…) stays
        from .sourcefiles import read_exact

        text = read_exact(target)[0]
        lines = text.split("\n")
        if lines and lines[0].strip() == "---":
            end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
            if end:
                return "\n".join(lines[:end + 1]) + "\n"
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\nid: {chapter_id}\ntitle: "{quoted}"\nkind: front\n---\n'


class _Pictures:
    """Each picture Pandoc extracted, matched to its drawing in the Word XML by package path, copied to
    images/<chapter id>/ with the alt text or decorative flag Word stored."""

    def __init__(self, facts: DocxFacts, media: str, chapter_id: str, source_dir: str, note):
        self.facts, self.media, self.chapter_id, self.source_dir, self.note = facts, media, chapter_id, source_dir, note
        self.used: set[int] = set()
        self.copies: list[tuple[str, str]] = []
        self.names: set[str] = set()

    def markdown(self, src: str, alt_inlines: list, caption: str) -> str:
        from ..source.images import image_kind
        from .docx_markdown import _attr_value, _escape

        rel = os.path.relpath(os.path.join(self.media, src) if not os.path.isabs(src) else src, self.media)
        rel = rel.replace(os.sep, "/")
        path = os.path.join(self.media, rel)
        fact = None
        for index, picture in enumerate(self.facts.pictures):
            if index not in self.used and picture.target == rel:
                self.used.add(index)
                fact = picture
                break
        alt = fact.alt if fact else " ".join(_plain(alt_inlines).split())
        decorative = bool(fact and fact.decorative)
        where = alt or caption or os.path.basename(rel)
        if not os.path.isfile(path) or not image_kind(path):
            self.note(f"the picture {os.path.basename(rel)} is not a PNG, JPEG, GIF or SVG and was left out: "
                      "save it as PNG and add it to the chapter", where)
            return ""
        name = self._name(path, os.path.basename(rel))
        self.copies.append((f"images/{self.chapter_id}/{name}", path))
        if not alt and not decorative:
            self.note("a picture has no alt text and is not marked decorative: describe it in Word (Edit Alt Text) "
                      "or in the chapter", caption or name)
        attrs = []
        if decorative:
            attrs.append(".decorative")
            alt = ""
        if caption:
            attrs.append(f'caption="{_attr_value(caption)}"')
        tail = "{" + " ".join(attrs) + "}" if attrs else ""
        return f"![{_escape(alt)}](images/{self.chapter_id}/{name}){tail}"

    def _name(self, path: str, wanted: str) -> str:
        stem, ext = os.path.splitext(re.sub(r"[^A-Za-z0-9._-]+", "-", wanted) or "picture")
        candidate, n = stem + ext.lower(), 2
        while candidate in self.names or self._taken(candidate, path):
            candidate = f"{stem}-{n}{ext.lower()}"
            n += 1
        self.names.add(candidate)
        return candidate

    def _taken(self, name: str, path: str) -> bool:
        """A file of that name already in images/<id>/ with other content (the same bytes are reused)."""
        dest = os.path.join(self.source_dir, "images", self.chapter_id, name)
        if not os.path.exists(dest):
            return False
        with open(dest, "rb") as a, open(path, "rb") as b:
            return a.read() != b.read()


def _listing_edit(source_dir: str, name: str) -> tuple[bytes, str] | None:
    """almanac.yaml with `  - name` added at the end of its chapters list, or None when it is listed
    already (or the list is not written one item a line, when the editor is told to add it)."""
    from .sourcefiles import read_exact

    text, before = read_exact(os.path.join(source_dir, "almanac.yaml"))
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^chapters:\s*(#.*)?$", line.rstrip("\r"))), None)
    if start is None:
        return None
    last, indent = start, "  "
    for i in range(start + 1, len(lines)):
        item = re.match(r"^(\s+)-\s+(\S+)", lines[i])
        if item:
            if item.group(2).strip("'\"") == name:
                return None
            last, indent = i, item.group(1)
        elif lines[i].strip() and not lines[i].lstrip().startswith("#"):
            break
    if last == start:
        return None
    ending = "\r" if lines[last].endswith("\r") else ""
    lines.insert(last + 1, f"{indent}- {name}{ending}")
    return before, "\n".join(lines)


def _validate(report: ImportReport, source_dir: str, tmp: str, media: str) -> None:
    """Load a copy of the source with the chapter and its pictures in place (listed in almanac.yaml if it
    is not yet): its errors are the import's, reported at the chapter's lines with the line's text."""
    from ..source.loader import load

    copy = os.path.join(tmp, "source")
    shutil.copytree(source_dir, copy)
    for rel, src in report._copies:  # type: ignore[attr-defined]
        os.makedirs(os.path.dirname(os.path.join(copy, rel)), exist_ok=True)
        shutil.copyfile(src, os.path.join(copy, rel))
    chapter_rel = os.path.relpath(report.chapter_path, source_dir)
    with open(os.path.join(copy, chapter_rel), "w", encoding="utf-8") as handle:
        handle.write(report.markdown)
    listing = _listing_edit(source_dir, os.path.basename(report.chapter_path))
    if listing:
        with open(os.path.join(copy, "almanac.yaml"), "w", encoding="utf-8") as handle:
            handle.write(listing[1])
    try:
        load(copy)
    except AlmanacError as exc:
        lines = report.markdown.split("\n")
        problems = []
        for d in exc.diagnostics:
            here = os.path.relpath(d.loc.file, copy) if os.path.isabs(d.loc.file) else d.loc.file
            shown = lines[d.loc.line - 1][:100] if here == chapter_rel and 0 < d.loc.line <= len(lines) else ""
            problems.append(Diagnostic(Loc(os.path.join(source_dir, here), d.loc.line, d.loc.col),
                                       d.message + (f" (the imported line reads “{shown}”)" if shown else ""),
                                       d.hint + "; nothing was written"))
        raise AlmanacError(problems) from None
