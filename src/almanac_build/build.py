"""The build, as a short linear script: lock, skip what is up to date, load once, run the writers in
parallel into a staging folder, then move every output into place. A failed or interrupted build leaves
the previous outputs untouched; the next build removes what a killed one left behind.

Heavy modules (the loader, the writers and so ReportLab) are imported only when something has to be
built, so the no-change path stays well under a tenth of a second.
"""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Protocol

from . import buildcache
from .diagnostics import AlmanacError, ToolError
from .processes import pool_guard
from .styles import STYLES_DIR

if TYPE_CHECKING:
    from . import model as m


class OutputWatcher(Protocol):
    """Told, in the build's own process, of each writer's outputs as soon as they are complete in the
    staging folder, while the other writers still run (`almanac check` reads them there: see
    checks/as_written.py). `written` must return at once; `settle` waits for whatever it started,
    and is called before the staging folder is published (its files moved) or removed."""

    def prepare(self) -> None: ...  # called while the source loads: import what `written` will use

    def written(self, book: m.Book, writer: str, folder: str) -> None: ...

    def settle(self) -> None: ...


DATA_DIR = ".build"  # build data shared between writers and kept for `make check`
STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
# `pdf` builds both PDF editions; `pdf-print` is the print edition alone (used by `make bench`).
ALIASES = {"pdf-print": ("pdf",)}


@dataclass
class BuildResult:
    book: m.Book | None  # None when nothing had to be built (the source was not even read)
    written: list[str]
    seconds: dict[str, float]
    warnings: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)  # writers skipped because nothing changed


def source_date_epoch(book: m.Book) -> int:
    """SOURCE_DATE_EPOCH if set, else the publication date: the same source always gives the same bytes."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    import datetime as dt

    day = dt.date.fromisoformat(book.meta.date)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def writer_names(formats: list[str] | None, known: list[str]) -> list[str]:
    """The writers a list of --format values asks for, in registry order; every one when none is given."""
    from .writers.registry import FORMAT_GROUPS

    if not formats:
        return list(known)
    names: list[str] = []
    for fmt in formats:
        for name in ALIASES.get(fmt) or FORMAT_GROUPS.get(fmt, (fmt,)):
            if name not in known:
                raise ToolError(f"unknown format '{fmt}'; choose from {', '.join([*FORMAT_GROUPS, *ALIASES])}")
            names.append(name)
    return [n for n in known if n in names]


def select_writers(formats: list[str] | None) -> list:
    """The registry entries of the requested writers plus every writer they require (`make epub` after
    an edit also lays out the print PDF, whose page record the EPUB page list needs), in registry order.
    With no format named, the default set: every format this machine can build (an optional format such
    as braille needs a Debian package; without it the rest is built and `missing_optional` says so)."""
    from .writers.registry import WRITERS

    if formats:
        wanted = set(writer_names(formats, list(WRITERS)))
    else:
        wanted = {name for name, entry in WRITERS.items() if entry.in_default and entry.usable()}
    pending = list(wanted)
    while pending:
        for required in WRITERS[pending.pop()].requires:
            entry = WRITERS[required]
            if required not in wanted and entry.in_default and entry.usable():
                wanted.add(required)
                pending.append(required)
    return [entry for name, entry in WRITERS.items() if name in wanted]


def missing_optional(formats: list[str] | None) -> list[str]:
    """Default formats left out because their external tool is not installed (named for the user)."""
    from .writers.registry import WRITERS

    return [] if formats else [name for name, entry in WRITERS.items() if entry.in_default and not entry.usable()]


def build(source_dir: str, output_dir: str, formats: list[str] | None = None, jobs: int = 0,
          force: bool = False, watcher: OutputWatcher | None = None) -> BuildResult:
    """Build the requested formats (all by default); `force` rebuilds even what is up to date.
    `watcher` is told of each writer's outputs as they are complete (see OutputWatcher)."""
    from .writers.registry import WRITERS

    os.makedirs(output_dir, exist_ok=True)
    with _lock(output_dir):
        remove_leftovers(output_dir)
        data_dir = os.path.join(output_dir, DATA_DIR)
        # decided from the registry and the last build's record, before any writer (or ReportLab) is imported
        imports = buildcache.read_imports(data_dir)
        keys = buildcache.writer_keys(source_dir, STYLES_DIR, WRITERS.values(), imports)
        records = buildcache.read_records(data_dir)
        wanted = select_writers(formats)
        stale = [e for e in wanted if force or not buildcache.up_to_date(e.name, keys, records, output_dir)]
        up_to_date = [e.name for e in wanted if e not in stale]
        if not stale:
            return BuildResult(None, [], {}, buildcache.read_warnings(data_dir), up_to_date)
        book, written, seconds = _build_stale(source_dir, output_dir, stale, keys, records, jobs, imports,
                                              watcher)
        return BuildResult(book, written, seconds, [str(w) for w in book.warnings], up_to_date)


def _build_stale(source_dir: str, output_dir: str, stale: list, keys: dict[str, str], records: dict,
                 jobs: int, imports: dict, watcher: OutputWatcher | None = None
                 ) -> tuple[m.Book, list[str], dict[str, float]]:
    """Load the source, import the stale writers, run them, publish what they wrote."""
    from .writers.base import BuildContext
    from .writers.registry import slug_of

    book, writers = _load_while_importing(source_dir, stale, watcher)
    theme = book.theme  # the tool's defaults with the publication's own theme.yaml merged over them
    slug = slug_of(book)
    for writer, entry in zip(writers, stale):  # the outputs are named once the book (its slug) is known
        writer.outputs = entry.output_names(slug)
    warnings = [str(w) for w in book.warnings]
    staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir)
    try:
        ctx = BuildContext(staging, theme, source_date_epoch(book), os.path.join(staging, DATA_DIR))
        _carry_build_data(output_dir, ctx.data_dir)
        _stage_unchanged_outputs(output_dir, staging, stale, slug)
        if any(entry.name.startswith("pdf") for entry in stale):  # both PDF editions read one reduced copy
            from .writers.print_images import make_print_copies

            ctx.options["print_copies"] = make_print_copies(book, os.path.join(staging, ".print-images"))
        finished = (lambda name: watcher.written(book, name, staging)) if watcher else (lambda name: None)
        try:
            seconds = _run_writers(book, writers, ctx, jobs or min(2, os.cpu_count() or 1), finished)
        finally:
            if watcher:
                watcher.settle()  # before the staging folder is published or removed
        _record(ctx.data_dir, writers, keys, records, staging, warnings, imports)
        written = _publish(staging, output_dir, writers)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return book, written, seconds


def _load_while_importing(source_dir: str, stale: list, watcher: OutputWatcher | None = None
                          ) -> tuple[m.Book, list]:
    """Load the source, importing the stale writers (ReportLab, python-docx, lxml…) and what the
    watcher needs in a thread meanwhile: the loader spends most of its time waiting for Pandoc, with
    the interpreter free. See docs/performance.md for what it saves."""

    def imports() -> list:
        writers = [entry.load() for entry in stale]
        if watcher:
            watcher.prepare()
        return writers

    from concurrent.futures import ThreadPoolExecutor

    from .source.loader import load

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writers") as pool:
        importing = pool.submit(imports)
        book = load(source_dir)
        return book, importing.result()


def _record(data_dir: str, built: list, keys: dict[str, str], records: dict, staging: str,
            warnings: list[str], imports: dict) -> None:
    """Note what each writer was built from, and the hash of what it wrote, for the next build."""
    names = {w.name for w in built}
    for writer in built:  # a dependency's build data is this build's if it ran, else the last build's
        deps = {r: keys[r] if r in names else records.get(r, buildcache.Record("")).key for r in writer.requires}
        outputs = {o: buildcache.output_digest(os.path.join(staging, o)) for o in writer.outputs}
        records[writer.name] = buildcache.Record(keys[writer.name], deps, outputs)
    buildcache.write_records(data_dir, records, warnings, imports)


@contextmanager
def _lock(output_dir: str):
    """Two builds at once take turns instead of interleaving their renames."""
    with open(os.path.join(output_dir, ".lock"), "a") as handle:  # "a": never touches its date
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(output_dir: str) -> None:
    """Staging folders of a build that was killed (kill -9, power cut). Called with the lock held, so no
    live build can own them."""
    for name in os.listdir(output_dir):
        if name.startswith((STAGING_PREFIX, OLD_PREFIX)):
            path = os.path.join(output_dir, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)


def _stage_unchanged_outputs(output_dir: str, staging: str, stale: list, slug: str) -> None:
    """A writer may read the outputs of the writers it requires from the staging folder (the download
    page reads every edition's size): those that are up to date and so not rebuilt are linked in
    (hard links, so nothing is copied). Only the rebuilt writers' outputs are published."""
    from .writers.registry import WRITERS

    rebuilt = {w.name for w in stale}
    needed = {r for w in stale for r in w.requires if r not in rebuilt and r in WRITERS}
    for name in sorted(needed):
        for output in WRITERS[name].output_names(slug):
            source, target = os.path.join(output_dir, output), os.path.join(staging, output)
            if os.path.lexists(target) or not os.path.exists(source):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.isdir(source):
                shutil.copytree(source, target, copy_function=_link_or_copy)
            else:
                _link_or_copy(source, target)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _carry_build_data(output_dir: str, data_dir: str) -> None:
    previous = os.path.join(output_dir, DATA_DIR)
    if os.path.isdir(previous):  # (without the log of an earlier internal error: this build may succeed)
        shutil.copytree(previous, data_dir, symlinks=True, ignore=shutil.ignore_patterns("internal-error.log"))
    else:
        os.makedirs(data_dir)


# ---------------------------------------------------------------- running the writers
_SHARED: dict = {}  # the book and context, inherited by forked worker processes instead of pickled


def _run_writers(book: m.Book, writers: list, ctx, jobs: int,
                 finished: Callable[[str], None] = lambda name: None) -> dict[str, float]:
    """Run the writers in parallel processes, each as soon as the writers it requires are done; when a
    process is free, the writer that others wait for goes first (the print PDF, which the HTML needs).
    A lone writer (`make pdf-print`, or one edited output) runs in this process: nothing to overlap."""
    import concurrent.futures as futures
    import multiprocessing

    seconds: dict[str, float] = {}
    _SHARED.update(book=book, ctx=ctx)
    if len(writers) == 1:
        try:
            name, took, error = _run_one(writers[0])
        finally:
            _SHARED.clear()
        if error:
            raise _writer_error(name, error, ctx)
        finished(name)
        return {name: took}
    pending = {w.name: w for w in writers}
    waiting_on = {w.name: sum(w.name in o.requires for o in writers) for w in writers}
    running: dict = {}
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the workers' collector then leaves the inherited heap (the book) alone: no copy-on-write of it
    try:
        with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context, **pool_guard()) as pool:
            while pending or running:
                ready = [w for w in pending.values() if not any(r in pending or r in running for r in w.requires)]
                ready.sort(key=lambda w: -waiting_on[w.name])  # stable: registry order otherwise
                if not ready and not running:
                    raise ToolError(f"the writers {', '.join(pending)} require each other in a circle")
                for writer in ready[:max(0, jobs - len(running))]:
                    running[writer.name] = pool.submit(_run_one, pending.pop(writer.name))
                done, _ = futures.wait(running.values(), return_when=futures.FIRST_COMPLETED)
                for job in done:
                    name, took, error = job.result()
                    del running[name]
                    if error:
                        raise _writer_error(name, error, ctx)
                    seconds[name] = took
                    finished(name)
    except futures.process.BrokenProcessPool:
        raise ToolError("a writer process died (out of memory, or killed); nothing was replaced") from None
    finally:
        _SHARED.clear()
        gc.unfreeze()
    return seconds


def _run_one(writer) -> tuple[str, float, object]:
    """Run one writer; its failure comes back as a value (it may be in another process): the source's
    problems as diagnostics, a tool's message as text, a bug as ("bug", traceback)."""
    from .gcpause import no_cyclic_gc

    start = time.perf_counter()
    try:
        with no_cyclic_gc():  # layout makes many objects and few cycles; a writer process ends soon after
            writer.write(_SHARED["book"], _SHARED["ctx"])
    except AlmanacError as exc:
        return writer.name, 0.0, exc.diagnostics
    except ToolError as exc:
        return writer.name, 0.0, str(exc)
    except BaseException:  # a bug in a writer (MemoryError and RecursionError included): never a traceback
        return writer.name, 0.0, ("bug", traceback.format_exc())
    return writer.name, time.perf_counter() - start, ""


def _writer_error(name: str, error: object, ctx) -> Exception:
    """The exception a writer's failure becomes here: exit 2 for the source, 3 for a tool or a bug."""
    from .failures import internal_error

    if isinstance(error, list):
        return AlmanacError(error)
    if isinstance(error, tuple):
        output_dir = os.path.dirname(os.path.normpath(ctx.staging_dir))
        return internal_error(error[1], f"building the {name} edition", output_dir)
    return ToolError(f"the {name} writer failed: {error}")


def _publish(staging: str, output_dir: str, writers: list) -> list[str]:
    """Move each finished output into place with an atomic rename (folders: swap, then delete the old)."""
    written: list[str] = []
    names = [name for w in writers for name in w.outputs] + [DATA_DIR]
    for name in names:
        source = os.path.join(staging, name)
        if not os.path.exists(source):
            if name != DATA_DIR:
                raise ToolError(f"a writer did not produce {name}")
            continue
        target = os.path.join(output_dir, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(source):
            old = None
            if os.path.exists(target):
                old = tempfile.mkdtemp(prefix=OLD_PREFIX, dir=output_dir)
                os.replace(target, os.path.join(old, "x"))
            os.replace(source, target)
            if old:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(source, target)
        if name != DATA_DIR:
            written.append(target)
    return written
