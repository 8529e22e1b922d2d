"""No library failure escapes as a traceback.

An exception raised by a library (ReportLab, svglib, Pillow, resvg, pikepdf, lxml, python-docx, Pandoc)
while one source element is being turned into an output becomes an error located at that element (exit
status 2): the editor can simplify or split it. Anything else that goes wrong is a bug in this tool:
a short "internal error" message that says what was being built and where to find the traceback, which
is written to `output/.build/internal-error.log` (exit status 3).
"""

from __future__ import annotations

import os
import traceback

from .diagnostics import AlmanacError, Diagnostic, Loc, ToolError

LIBRARIES = {"reportlab": "ReportLab", "svglib": "svglib", "PIL": "Pillow", "resvg_py": "resvg", "pikepdf": "pikepdf",
             "lxml": "lxml", "docx": "python-docx", "pypandoc": "Pandoc", "zlib": "zlib"}
LOG_NAME = "internal-error.log"
BUG_HINT = "this is a bug in almanac_build, not in your source: please report it with that file attached"


def library_of(exc: BaseException) -> str:
    """The library whose code raised `exc` (the innermost frame that belongs to one), or ""."""
    found = ""
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        top = module.split(".", 1)[0]
        if top in LIBRARIES:
            found = LIBRARIES[top]
        tb = tb.tb_next
    if not found and type(exc).__module__.split(".", 1)[0] in LIBRARIES:
        found = LIBRARIES[type(exc).__module__.split(".", 1)[0]]
    return found


def short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0][:120] if text else "") or type(exc).__name__


def element_failure(exc: BaseException, loc: Loc | None, what: str, library: str = "") -> Exception:
    """The error to raise for `exc`, met while `what` (e.g. "the PDF writer") handled the element at `loc`:
    a located AlmanacError when a library raised it, else `exc` itself (a bug, reported as one).
    `library`: the library called, when its code is compiled and leaves no Python frame (resvg)."""
    if isinstance(exc, (AlmanacError, ToolError)):
        return exc
    library = library_of(exc) or library
    if not library or loc is None:
        return exc
    return AlmanacError(Diagnostic(
        loc, f"{what} could not handle this element ({library}: {short(exc)})",
        "simplify or split it (a smaller table or picture, fewer columns, shorter cells); if it looks right, "
        "report it as a bug with this message"))


def internal_error(exc_text: str, doing: str, output_dir: str) -> ToolError:
    """A ToolError (exit 3) for a bug: one short line, the traceback kept in output/.build/."""
    log = os.path.join(output_dir, ".build", LOG_NAME)
    try:
        os.makedirs(os.path.dirname(log), exist_ok=True)
        with open(log, "w", encoding="utf-8") as handle:
            handle.write(f"while {doing}:\n{exc_text}")
        where = f"the details are in {log}"
    except OSError:
        where = "the details could not be saved"
    last = exc_text.strip().splitlines()[-1] if exc_text.strip() else "unknown error"
    return ToolError(f"internal error while {doing}: {last[:160]}\n{where}; {BUG_HINT}")


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
