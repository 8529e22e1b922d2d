"""Reading each output into its view as soon as its writer finishes, while the other writers still run.

`almanac check` passes a `ReadAsWritten` to the build as its watcher (build.OutputWatcher). The build
calls `written` in the main process each time a writer's outputs are complete in the staging folder;
it hands the reading to one thread of this process, so the build's loop never waits for it, and calls
`settle` (which waits for the reads) before the staging folder's files are moved into place. The writers run in other
processes, so the thread takes up the cores they leave idle (the last writers running alone, the gaps
between them) instead of reading everything after the last writer is done. The source views are made
there too, on the first call. What is read is byte for byte what is then published.

`views_for` gives `collect_views` what was read, after the thread has stopped: the readers that
remain fork processes, which must not happen while a thread is reading.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable

from .. import model as m
from ..writers.registry import CHECKED, ENTRIES, slug_of
from .readers import read_one

if TYPE_CHECKING:
    from .trace import Tracer


class ReadAsWritten:
    """The build's watcher that reads outputs for the checks (see the module's doc). Light to make:
    the readers (lxml, pikepdf, python-docx: 0.1 s of imports) are imported by `prepare`, which the
    build calls in the thread that imports the writers while Pandoc reads the source."""

    def __init__(self) -> None:
        self._readers: dict[str, Callable] = {}  # format code -> read(folder, tracer, name) -> View | None
        self._source: Callable[[m.Book], dict] | None = None  # book -> the source's views, as collect_views keeps them
        self._pool: ThreadPoolExecutor | None = None
        self.tracer: Tracer | None = None
        self.problems: list[str] = []
        self._read: dict[tuple[str, str], Future] = {}
        self._source_views: Future | None = None
        self._rules: dict = {}
        self._facts: dict | None = None  # run.source_facts, once the source's views are made
        self.checked: dict[tuple[str, int], tuple[list, str]] = {}  # (rule id, id(view)) -> run.rule_findings

    def prepare(self) -> None:
        """Import the output readers and what makes the source's views."""
        from .registry import load_rules
        from .run import READERS, source_view_set

        self._readers, self._source, self._rules = READERS, source_view_set, load_rules()

    def written(self, book: m.Book, writer: str, folder: str) -> None:
        """Hand the writer's checked outputs to the reading thread (started on the first call)."""
        if self._pool is None:
            from ..styles import load_theme
            from .trace import Tracer
            from .views.theme import use_theme

            if self._source is None:
                self.prepare()
            self.tracer = Tracer(book)
            use_theme(book.theme or load_theme())
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-as-written")
            self._source_views = self._pool.submit(self._source_checked, book)
        slug = slug_of(book)
        for entry in ENTRIES:
            if entry.name == writer and entry.format in CHECKED:
                job = (entry.format.code, entry.output_names(slug)[0])
                read = self._readers[entry.format.code]
                self._read[job] = self._pool.submit(self._read_checked, job, lambda name: read(folder, self.tracer, name))

    def _source_checked(self, book: m.Book) -> dict:
        """(In the thread) the source's views, each with the rules run on it."""
        from .run import source_facts

        views = self._source(book)
        for view in views["S"]:
            self._check(view)
        self._facts = source_facts(book, views["S"])
        return views

    def _read_checked(self, job: tuple[str, str], read: Callable):
        """(In the thread) one output's view, with the rules run on it once it has the source's facts."""
        view = read_one({job[0]: read}, job, self.problems)
        if view is not None and self._facts is not None:  # (no facts: the source's views failed; run_checks reports it)
            view.facts.update(self._facts)
            self._check(view)
        return view

    def _check(self, view) -> None:
        from .run import rule_findings

        for rule in self._rules.values():
            if view.format in rule.formats:
                self.checked[(rule.id, id(view))] = rule_findings(rule, view)

    def settle(self) -> None:
        """Wait for the reads handed to the thread, and stop it."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def views_for(self) -> tuple[dict[tuple[str, str], object], dict | None]:
        """(job -> view) of the outputs read, and the source's views (None when nothing was built)."""
        self.settle()
        source = self._source_views.result() if self._source_views is not None else None
        return {job: future.result() for job, future in self._read.items()}, source
