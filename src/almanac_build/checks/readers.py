"""Reading the outputs into views on both cores.

Every reader is pure Python (lxml, python-docx, pikepdf objects walked one by one), so threads would
take turns on one core. The two PDF editions, the slowest to read, go to forked processes, which
inherit the tracer and readers instead of pickling them and send back only the finished view; the
HTML, EPUB and DOCX are read here meanwhile. If a process cannot be started or dies, its output is
read here instead, so no output is ever left unchecked.
"""

from __future__ import annotations

import concurrent.futures as futures
import gc
import multiprocessing
import os
from typing import Callable

from ..processes import pool_guard  # a killed check stops its reader processes too

_SHARED: dict = {}  # the readers, inherited by the forked processes


def read_views(jobs: list[tuple[str, str]], readers: dict, forked: str, problems: list[str],
               meanwhile: Callable[[], None] = lambda: None) -> dict:
    """(format, output name) → its view (None when there is nothing to read). Formats in `forked`
    are read in separate processes when this platform can fork; `meanwhile` runs here first."""
    away = [job for job in jobs if job[0] in forked] if _can_fork() else []
    views: dict = {}
    if not away:
        meanwhile()
        return {job: read_one(readers, job, problems) for job in jobs}
    _SHARED["readers"] = readers
    gc.freeze()  # the children's collector then leaves the inherited heap alone: no copy-on-write of it
    try:
        with futures.ProcessPoolExecutor(max_workers=len(away), mp_context=multiprocessing.get_context("fork"),
                                         **pool_guard()) as pool:
            pending = {job: pool.submit(_read_forked, job) for job in away}
            meanwhile()
            for job in jobs:
                if job not in pending:
                    views[job] = read_one(readers, job, problems)
            for job, result in pending.items():
                views[job] = _collect(result, readers, job, problems)
    finally:
        _SHARED.clear()
        gc.unfreeze()
    return {job: views[job] for job in jobs}


def read_one(readers: dict, job: tuple[str, str], problems: list[str]):
    """One output's view; an output the reader cannot make sense of is reported, not a traceback."""
    fmt, name = job
    try:
        return readers[fmt](name)
    except Exception as exc:  # a malformed or unexpected output must not stop the other checks
        problems.append(f"{name} could not be read ({type(exc).__name__}: {exc})")
        return None


def _read_forked(job: tuple[str, str]):
    problems: list[str] = []
    return read_one(_SHARED["readers"], job, problems), problems


def _collect(result, readers: dict, job: tuple[str, str], problems: list[str]):
    try:
        view, found = result.result()
    except Exception:  # the process died or its view could not be sent back: read it here
        return read_one(readers, job, problems)
    problems.extend(found)
    return view


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.cpu_count() not in (None, 1)

