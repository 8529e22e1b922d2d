"""The build, as a short linear script: lock, load once, run writers in parallel into a staging
folder, then move every output into place. A failed build leaves the previous outputs untouched."""

from __future__ import annotations

import concurrent.futures as futures
import fcntl
import multiprocessing
import os
import shutil
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass

from . import model as m
from .diagnostics import AlmanacError, ToolError
from .source.loader import load
from .styles import load_theme
from .writers.base import BuildContext, Writer
from .writers.registry import FORMAT_GROUPS, all_writers

DATA_DIR = ".build"  # build data shared between writers and kept for `make check`


@dataclass
class BuildResult:
    book: m.Book
    written: list[str]
    seconds: dict[str, float]


def source_date_epoch(book: m.Book) -> int:
    """SOURCE_DATE_EPOCH if set, else the publication date: the same source always gives the same bytes."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    import datetime as dt

    day = dt.date.fromisoformat(book.meta.date)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def select_writers(formats: list[str] | None) -> list[Writer]:
    writers = all_writers()
    if not formats:
        return list(writers.values())
    names: list[str] = []
    for fmt in formats:
        for name in FORMAT_GROUPS.get(fmt, (fmt,)):
            if name not in writers:
                raise ToolError(f"unknown format '{fmt}'; choose from {', '.join(FORMAT_GROUPS)}")
            names.append(name)
    return [writers[n] for n in dict.fromkeys(names)]


def build(source_dir: str, output_dir: str, formats: list[str] | None = None, jobs: int = 0) -> BuildResult:
    os.makedirs(output_dir, exist_ok=True)
    with _lock(output_dir):
        book = load(source_dir)
        writers = select_writers(formats)
        staging = tempfile.mkdtemp(prefix=".staging-", dir=output_dir)
        try:
            ctx = BuildContext(staging, load_theme(), source_date_epoch(book), os.path.join(staging, DATA_DIR))
            _carry_build_data(output_dir, ctx.data_dir)
            seconds = _run_writers(book, writers, ctx, jobs or min(2, os.cpu_count() or 1))
            written = _publish(staging, output_dir, writers)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(book, written, seconds)


@contextmanager
def _lock(output_dir: str):
    """Two builds at once take turns instead of interleaving their renames."""
    with open(os.path.join(output_dir, ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _carry_build_data(output_dir: str, data_dir: str) -> None:
    previous = os.path.join(output_dir, DATA_DIR)
    if os.path.isdir(previous):
        shutil.copytree(previous, data_dir)
    else:
        os.makedirs(data_dir)


def _run_writers(book: m.Book, writers: list[Writer], ctx: BuildContext, jobs: int) -> dict[str, float]:
    """Run writers in dependency waves; writers in one wave run in parallel processes."""
    seconds: dict[str, float] = {}
    pending = {w.name: w for w in writers}
    done: set[str] = set()
    context = multiprocessing.get_context("fork")
    with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        while pending:
            wave = [w for w in pending.values() if all(r in done or r not in pending for r in w.requires)]
            jobs_ = {pool.submit(_run_one, w, book, ctx): w.name for w in wave}
            for job in futures.as_completed(jobs_):
                name, took, error = job.result()
                if error:
                    raise ToolError(f"the {name} writer failed: {error}")
                seconds[name] = took
            for w in wave:
                done.add(w.name)
                del pending[w.name]
    return seconds


def _run_one(writer: Writer, book: m.Book, ctx: BuildContext) -> tuple[str, float, str]:
    start = time.perf_counter()
    try:
        writer.write(book, ctx)
    except (AlmanacError, ToolError) as exc:
        return writer.name, 0.0, str(exc)
    except Exception:  # a bug in a writer: report it with its trace, but through the one error path
        return writer.name, 0.0, traceback.format_exc(limit=6)
    return writer.name, time.perf_counter() - start, ""


def _publish(staging: str, output_dir: str, writers: list[Writer]) -> list[str]:
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
                old = tempfile.mkdtemp(prefix=".old-", dir=output_dir)
                os.replace(target, os.path.join(old, "x"))
            os.replace(source, target)
            if old:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(source, target)
        if name != DATA_DIR:
            written.append(target)
    return written
