"""Helper processes (writers, PDF readers) that must not outlive the command that started them."""

from __future__ import annotations


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, so a killed build or check never leaves a
    writer writing on or a reader reading on (a pool initializer; a no-op where prctl is missing)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
