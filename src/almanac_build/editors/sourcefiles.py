"""Changing source files the way an editor's save would, but all-or-nothing: every new text is
written to a temporary file beside its target first, and only when all are written are they renamed
into place (each rename is atomic), so a refused or failed change leaves every file as it was."""

from __future__ import annotations

import os
import tempfile

from ..diagnostics import Diagnostic, Loc, ToolError


def read_exact(path: str) -> tuple[str, bytes]:
    """A text file as (text, the bytes it started with) keeping its line endings, so a rewrite changes
    only what it means to; a byte-order mark is kept aside and written back."""
    with open(path, "rb") as handle:
        data = handle.read()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return data[len(bom):].decode("utf-8"), data


def replace_all(changes: dict[str, tuple[bytes, str]]) -> None:
    """Write {path: (the bytes read before, new text)}; refuse everything if any file changed on disk
    since it was read (an editor saved it meanwhile)."""
    staged: list[tuple[str, str]] = []
    try:
        for path, (before, text) in changes.items():
            with open(path, "rb") as handle:
                if handle.read() != before:
                    raise ToolError(str(Diagnostic(Loc(path), "the file changed while it was being updated",
                                                   "nothing was written; run the command again")))
            bom = b"\xef\xbb\xbf" if before.startswith(b"\xef\xbb\xbf") else b""
            fd, tmp = tempfile.mkstemp(prefix=".almanac-", suffix=".tmp", dir=os.path.dirname(path))
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(bom + text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def write_new(path: str, data: bytes) -> None:
    """Write a new file atomically (temporary file, then rename)."""
    fd, tmp = tempfile.mkstemp(prefix=".almanac-", suffix=".tmp", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
