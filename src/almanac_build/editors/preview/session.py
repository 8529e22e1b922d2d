"""The preview's state: the last good book, its HTML page cut into chapter sections, the source
findings of each chapter, or the source errors that stopped the last rebuild.

A change to chapter files only is rebuilt incrementally: the loader reads the changed chapters again
(unchanged ones come from its ChapterMemo, so only they go through Pandoc), then only those chapters'
sections are converted to HTML and checked. Anything else (almanac.yaml, data, images, the theme)
rebuilds the whole page. Page anchors come from the last print PDF's page record in output/.build
(the PDFs are never laid out here); where the record no longer fits an edited chapter, that chapter's
anchors are left out until the next real build. Files go to the preview's own folder, never output/'s
own files, so a build or a second preview at the same time cannot be disturbed.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from html import escape

from ... import model as m
from ...diagnostics import AlmanacError, ToolError

SECTION_START = '<section class="chapter chapter-'
SECTION_END = '<p class="back-to-contents">'


@dataclass
class Update:
    """What one rebuild changed, as sent to the open pages."""

    version: int
    full: bool = False  # reload the whole page
    sections: dict[str, str] = field(default_factory=dict)  # chapter id -> new <section> HTML
    nav: str = ""  # the new contents <nav>, when its headings changed
    seconds: dict[str, float] = field(default_factory=dict)  # where the rebuild's time went


class Session:
    def __init__(self, source_dir: str, output_dir: str, folder: str):
        from ...source.loader import ChapterMemo

        self.source_dir = os.path.abspath(source_dir)
        self.output_dir = os.path.abspath(output_dir)
        self.folder = folder  # the preview's own assets folder (output/.preview/<id>/)
        self.memo = ChapterMemo()
        self.lock = threading.Condition()
        self.version = 0
        self.book: m.Book | None = None
        self.paths: dict[str, str] = {}  # chapter path -> id
        self.head = self.tail = ""
        self.order: list[str] = []  # chapter ids
        self.sections: dict[str, str] = {}
        self.glue: dict[str, str] = {}  # text after each chapter's section (before the next)
        self.nav = ""
        self.findings: dict[str, list[dict]] = {}
        self.errors: list[str] = []
        self.last = Update(0, full=True)
        self.marks = None
        self.images: dict[str, str] = {}

    # ------------------------------------------------------------ rebuilding
    def rebuild(self, changed: set[str] | None = None) -> Update:
        """Rebuild after `changed` files (None: everything); publish the result to waiting pages."""
        started = time.perf_counter()
        seconds: dict[str, float] = {}
        chapter_paths = {p for p in (changed or set()) if p in self.paths}
        incremental = (changed is not None and self.book is not None and not self.errors
                       and chapter_paths and chapter_paths == set(changed))
        try:
            from ...source.loader import load

            book = load(self.source_dir, memo=self.memo)
            seconds["load"] = time.perf_counter() - started
        except AlmanacError as exc:
            return self._publish_errors([str(d) for d in exc.diagnostics])
        except ToolError as exc:
            return self._publish_errors([f"error: {exc}"])
        if incremental and [c.id for c in book.chapters] == self.order:
            update = self._incremental(book, chapter_paths, seconds)
        else:
            update = self._full(book, seconds)
        update.seconds["total"] = time.perf_counter() - started
        return update

    def _full(self, book: m.Book, seconds: dict[str, float]) -> Update:
        from ...writers.assets import copy_images
        from ...writers.html import page as html_page
        from ...writers.html.stylesheet import write_stylesheet

        t = time.perf_counter()
        assets = os.path.join(self.folder, html_page.assets_folder(book.meta.slug))
        os.makedirs(assets, exist_ok=True)
        images = copy_images(book, assets)
        write_stylesheet(book, book.theme, assets, f"{book.meta.slug}.css")
        self.marks = self._marks(book)
        page = html_page.render(book, images, self.marks)
        seconds["render"] = time.perf_counter() - t
        t = time.perf_counter()
        findings = self._findings(book, None)
        seconds["findings"] = time.perf_counter() - t
        with self.lock:
            self._split(page, book)
            self.book, self.images = book, images
            self.paths = {c.path: c.id for c in book.chapters}
            self.findings, self.errors = findings, []
            return self._publish(Update(self.version + 1, full=True, seconds=seconds))

    def _incremental(self, book: m.Book, paths: set[str], seconds: dict[str, float]) -> Update:
        from ...writers.assets import copy_images
        from ...writers.html import page as html_page

        t = time.perf_counter()
        assets = os.path.join(self.folder, html_page.assets_folder(book.meta.slug))
        images = copy_images(book, assets) if _has_new_images(book, paths, self.images) else self.images
        self.marks = self._marks(book)
        chapters = [c for c in book.chapters if c.path in paths]
        sections = {c.id: self._section(book, c, images) for c in chapters}
        nav = html_page.contents_nav(book, self.marks)
        seconds["render"] = time.perf_counter() - t
        t = time.perf_counter()
        findings = self._findings(book, paths)
        seconds["findings"] = time.perf_counter() - t
        with self.lock:
            self.book, self.images = book, images
            self.sections.update(sections)
            for chapter in chapters:
                self.findings[chapter.id] = findings.get(chapter.id, [])
            update = Update(self.version + 1, sections=sections, nav=nav if nav != self.nav else "", seconds=seconds)
            self.nav = nav
            return self._publish(update)

    def _section(self, book: m.Book, chapter: m.Chapter, images: dict[str, str]) -> str:
        """One chapter's <section>, made exactly as the HTML writer makes it inside the whole page."""
        from ...source import pandoc
        from ...writers.html import page as html_page
        from ...writers.html.convert import HtmlConverter
        from ...writers.html.finish import finish_body
        from ...writers.pandoc_ast import API_VERSION

        def src(path: str) -> str:
            return f"{html_page.assets_folder(book.meta.slug)}/{images[path]}"

        converter = HtmlConverter(self.marks, icon_src=src, image_src=src)
        document = {"pandoc-api-version": API_VERSION, "meta": {}, "blocks": converter.chapter(chapter)}
        return finish_body(pandoc.convert(document, "html5", ["--wrap=none"])).strip()

    def _marks(self, book: m.Book):
        """Page anchors from the last print PDF's record; chapters it no longer fits get none."""
        from ...writers import pagination
        from ...writers.html.page_marks import PageMarks, marks_from
        from ...walk import iter_blocks

        data_dir = os.path.join(self.output_dir, ".build")
        try:
            return marks_from(pagination.read(data_dir, book))
        except ToolError:
            pass
        try:
            import json

            with open(os.path.join(data_dir, pagination.FILE), encoding="utf-8") as handle:
                pages = pagination.parse(json.load(handle))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return PageMarks()
        sizes = {c.id: len(list(iter_blocks(c.blocks))) for c in book.chapters}
        fitting = [p for p in pages if p.chapter is None or (p.chapter in sizes and p.block < sizes[p.chapter])]
        return marks_from(pagination.anchors(sorted(fitting, key=lambda p: p.page)))

    def _findings(self, book: m.Book, paths: set[str] | None) -> dict[str, list[dict]]:
        """The source findings of each chapter (all, or those at `paths`), open ones first, in line order."""
        from ...checks.run import source_findings

        by_path = {c.path: c.id for c in book.chapters}
        out: dict[str, list[dict]] = {c.id: [] for c in book.chapters if paths is None or c.path in paths}
        for f in source_findings(book, self.source_dir, paths):
            chapter = _chapter_of(f.source_file, by_path)
            if chapter in out:
                out[chapter].append({"rule": f.rule, "severity": f.severity, "message": f.message,
                                     "where": f.source or f.source_file, "fix": f.fix, "status": f.status})
        for items in out.values():
            items.sort(key=lambda d: (d["status"] != "open", _line(d["where"])))
        return out

    def _split(self, page: str, book: m.Book) -> None:
        """Cut the page into head, one section per chapter (with what follows it), and tail."""
        self.order = [c.id for c in book.chapters]
        self.sections, self.glue = {}, {}
        position = 0
        starts = []
        for chapter in book.chapters:
            start = page.find(f'{SECTION_START}', position)
            marker = f'id="chapter-{chapter.id}"'
            while start != -1 and marker not in page[start:page.find(">", start)]:
                start = page.find(SECTION_START, start + 1)
            starts.append(start)
            position = max(position, start)
        self.head = page[:starts[0]] if starts else page
        main_end = page.rfind("</main>")
        for index, (chapter, start) in enumerate(zip(book.chapters, starts)):
            end_marker = page.find(SECTION_END, start)
            end = page.find("</section>", end_marker) + len("</section>")
            self.sections[chapter.id] = page[start:end]
            following = starts[index + 1] if index + 1 < len(starts) else main_end
            self.glue[chapter.id] = page[end:following]
        self.tail = page[main_end:] if starts else ""
        nav_start = page.find('<nav class="contents"')
        self.nav = page[nav_start:page.find("</nav>", nav_start) + len("</nav>")] if nav_start != -1 else ""

    # ------------------------------------------------------------ publishing
    def _publish(self, update: Update) -> Update:
        self.version = update.version
        self.last = update
        self.lock.notify_all()
        return update

    def _publish_errors(self, errors: list[str]) -> Update:
        with self.lock:
            self.errors = errors
            return self._publish(Update(self.version + 1, full=True))

    def page(self) -> str:
        """The whole page as it stands (the head's nav replaced by the current one)."""
        with self.lock:
            if self.errors or self.book is None:
                return ""
            head = self.head
            start = head.find('<nav class="contents"')
            if start != -1 and self.nav:
                head = head[:start] + self.nav + head[head.find("</nav>", start) + len("</nav>"):]
            return head + "".join(self.sections[i] + self.glue[i] for i in self.order) + self.tail

    def titles(self) -> dict[str, str]:
        with self.lock:
            return {c.id: c.title for c in self.book.chapters} if self.book else {}


def _chapter_of(source_file: str, by_path: dict[str, str]) -> str:
    for path, chapter in by_path.items():
        if source_file and (path == source_file or path.endswith(os.sep + source_file) or
                            os.path.abspath(source_file) == path):
            return chapter
    return ""


def _line(where: str) -> int:
    parts = where.split(":")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _has_new_images(book: m.Book, paths: set[str], known: dict[str, str]) -> bool:
    from ...walk import iter_blocks, iter_inlines

    for chapter in book.chapters:
        if chapter.path not in paths:
            continue
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, m.Figure) and block.src not in known:
                return True
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.InlineImage) and inline.src not in known:
                return True
    return False


def error_page(errors: list[str], title: str) -> str:
    """What the page shows while the source has errors: the errors, never the stale content."""
    items = "".join(f"<li><code>{escape(e)}</code></li>" for e in errors)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Source problems — {escape(title)}</title></head>
<body>
<main id="main">
<div class="preview-problems" role="alert">
<h1>The source has {len(errors)} problem{'s' if len(errors) != 1 else ''} to fix</h1>
<p>The page will come back as soon as the file is saved without them.</p>
<ol>{items}</ol>
</div>
</main>
</body>
</html>
"""
