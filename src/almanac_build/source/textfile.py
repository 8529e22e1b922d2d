"""Reading a source text file safely: size limit, strict UTF-8, front matter, and balanced blocks.

These checks run before Pandoc so that an editor's mistake is reported at the line where it is, rather
than as a confusing result (an unclosed block would otherwise swallow the rest of the book).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Collector, Diagnostic, AlmanacError, Loc

MAX_FILE_BYTES = 5 * 1024 * 1024  # the whole 2023 almanac is 0.13 MB; 5 MB leaves room for forty
_FENCE_OPEN = re.compile(r"^ {0,3}(:{3,})\s*(\S.*?)\s*:*\s*$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(:{3,})\s*$")
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def read_text(path: str, display: str | None = None) -> str:
    """Return the file's text; raise AlmanacError for a file that is too big or not UTF-8."""
    shown = display or path
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise AlmanacError(Diagnostic(Loc(shown), "file not found", "check the file name and folder")) from None
    except OSError as exc:
        raise AlmanacError(Diagnostic(Loc(shown), f"cannot read the file ({exc.strerror})",
                                      "check that it is a readable file")) from None
    if len(data) > MAX_FILE_BYTES:
        raise AlmanacError(Diagnostic(Loc(shown), f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                                      "split it into several chapters, or remove pasted binary data"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark, as Windows Notepad writes: harmless, so dropped
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise AlmanacError(Diagnostic(Loc(shown, line, col),
                                      f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                                      "save the file as UTF-8 in your editor")) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise AlmanacError(Diagnostic(Loc(shown, line, 1), "the file contains a NUL character",
                                      "this looks like a binary file; save the chapter as plain text"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(slots=True)
class SplitText:
    front_matter: str  # the YAML between the --- lines
    front_matter_line: int  # line number of the first YAML line
    body: str  # the Markdown, with front matter lines blanked so line numbers stay true


def split_front_matter(text: str, path: str) -> SplitText:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise AlmanacError(Diagnostic(Loc(path, 1, 1), "the chapter does not start with front matter",
                                      "begin the file with a line '---', the chapter's id, title and kind, and another '---'"))
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n" * (index + 1) + "\n".join(lines[index + 1:])
            return SplitText(yaml_text, 2, body)
    raise AlmanacError(Diagnostic(Loc(path, 1, 1), "the front matter is never closed",
                                  "add a line '---' after the last front matter line"))


def check_blocks(body: str, path: str, out: Collector) -> None:
    """Report unclosed and unopened `:::` blocks (code blocks are skipped)."""
    stack: list[tuple[int, str]] = []
    code_fence = ""
    for number, line in enumerate(body.split("\n"), start=1):
        if code_fence:
            if line.strip().startswith(code_fence):
                code_fence = ""
            continue
        code = _CODE_FENCE.match(line)
        if code:
            code_fence = code.group(1)
            continue
        if _FENCE_CLOSE.match(line):
            if stack:
                stack.pop()
            else:
                out.error(Loc(path, number, 1), "this ':::' closes a block that was never opened",
                          "delete the line, or add the block's opening line (such as '::: {.case-study …}') above")
            continue
        opened = _FENCE_OPEN.match(line)
        if opened:
            stack.append((number, opened.group(2)))
    for number, name in stack:
        out.error(Loc(path, number, 1), f"the block '{name}' opened here is never closed",
                  "add a line ':::' after the block's last line")
