"""Source locations and the one way every problem is reported: `path:line:col: severity: what — how to fix`."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something came from in the source. Lines and columns count from 1; 0 means unknown."""

    file: str
    line: int = 0
    col: int = 0
    end_line: int = 0
    end_col: int = 0

    def __str__(self) -> str:
        path = display_path(self.file)
        if self.line and self.col:
            return f"{path}:{self.line}:{self.col}"
        if self.line:
            return f"{path}:{self.line}"
        return path


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it lies below it (what editors see in `make`)."""
    if not path or not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the source: where, what is wrong, and how to fix it."""

    loc: Loc
    message: str
    hint: str = ""
    severity: str = "error"

    def __post_init__(self) -> None:  # one line, whatever the quoted source text holds
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "hint", one_line(self.hint))

    def __str__(self) -> str:
        text = f"{self.loc}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


def one_line(text: str) -> str:
    """A line break shown as ⏎, so a diagnostic stays one `file:line:col: error:` line."""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def quoted(text: str, limit: int = 40) -> str:
    """Source text for a message: on one line, shortened to about `limit` characters with '…'."""
    text = one_line(text.strip())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class AlmanacError(Exception):
    """A problem the editor must fix. Carries every diagnostic found, so one run reports them all."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class ToolError(Exception):
    """A tool the build relies on (Pandoc, a writer) failed for a reason that is not the editor's."""

    exit_code = 3


class Collector:
    """Gathers diagnostics during a pass; `raise_if_any` turns them into one AlmanacError."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        # pictures accepted in this run: path -> (pixels, bytes); images.py checks each file once and keeps
        # the publication's pictures within their total budget
        self.pictures: dict[str, tuple[int, int]] = {}

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(loc, message, hint))

    def warning(self, loc: Loc, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(loc, message, hint, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_any(self) -> None:
        if self.errors:
            raise AlmanacError(sorted(self.errors, key=_sort_key))


def _sort_key(d: Diagnostic) -> tuple:
    return (d.loc.file, d.loc.line, d.loc.col, d.message)
