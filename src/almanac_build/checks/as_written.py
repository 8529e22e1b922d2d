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

    def prepare(self) -> None:
        """Import the output readers and what makes the source's views."""
        from .run import READERS, source_view_set

        self._readers, self._source = READERS, source_view_set

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
            self._source_views = self._pool.submit(self._source, book)
        slug = slug_of(book)
        for entry in ENTRIES:
            if entry.name == writer and entry.format in CHECKED:
                job = (entry.format.code, entry.output_names(slug)[0])
                read = self._readers[entry.format.code]
                self._read[job] = self._pool.submit(read_one, {job[0]: lambda name: read(folder, self.tracer, name)},
                                                    job, self.problems)

    def settle(self) -> None:
        """Wait for the reads handed to the thread, and stop it."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def views_for(self) -> tuple[dict[tuple[str, str], object], dict | None]:
        """(job -> view) of the outputs read, and the source's views (None when nothing was built)."""
        self.settle()
        source = self._source_views.result() if self._source_views is not None else None
        return {job: future.result() for job, future in self._read.items()}, source
