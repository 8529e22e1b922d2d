"""Helper processes (writers, PDF readers) that must not outlive the command that started them."""

from __future__ import annotations

import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to kill this process when its parent dies, so a killed build or check never leaves a
    writer writing on or a reader reading on (a pool initializer; a no-op where prctl is missing).
    `parent`: the pid of the process that forked this one. If it died before the request was made
    (a build killed while its pool was starting), no signal will ever come: leave at once, or this
    process would hold the output folder's lock, and wait on its siblings' queue, for ever."""
    try:
        import ctypes  # already imported by pool_guard in the parent: nothing to import in the child

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def pool_guard() -> dict:
    """The keyword arguments that make a process pool's workers die with this process (called in the
    parent, before the pool forks)."""
    import ctypes  # noqa: F401  (here, not in the child: a forked child importing could wait on a lock for ever)

    return {"initializer": die_with_parent, "initargs": (os.getpid(),)}
