"""Reading a source text file safely: size limit, strict UTF-8, front matter, and balanced blocks.

These checks run before Pandoc so that an editor's mistake is reported at the line where it is, rather
than as a confusing result (an unclosed block would otherwise swallow the rest of the book).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..diagnostics import Collector, Diagnostic, AlmanacError, Loc
from .fences import code_lines
from .gate import CONTROL

MAX_FILE_BYTES = 1024 * 1024  # the largest 2023 chapter is 13 KB: 1 MB leaves room for eighty, and bounds
# what Pandoc is asked to hold (its AST with positions takes about 500 MB per MB of Markdown)
MAX_LINE = 100_000  # characters (a paragraph of 15,000 words); the longest 2023 paragraph is 899
_FENCE_OPEN = re.compile(r" {0,3}(:{3,})[ \t]*(\S.*)")  # the name's trailing colons are removed in code:
# a regular expression for them backtracks for minutes on a long line of colons
_FENCE_CLOSE = re.compile(r"^ {0,3}(:{3,})\s*$")
_CONTAINER = re.compile(r"(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))\s?")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
MAX_NESTING = 24  # the 2023 almanac goes five deep; deeper is a mistake, and would exhaust Python's stack


def read_text(path: str, display: str | None = None) -> str:
    """Return the file's text; raise AlmanacError for a file that is too big or not UTF-8."""
    shown = display or path
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise AlmanacError(Diagnostic(Loc(shown), "file not found", "check the file name and folder")) from None
    except OSError as exc:
        raise AlmanacError(Diagnostic(Loc(shown), f"cannot read the file ({exc.strerror})",
                                      "check that it is a readable file")) from None
    if len(data) > MAX_FILE_BYTES:
        raise AlmanacError(Diagnostic(Loc(shown, 1, 1), f"the file is {max(size, len(data)) / 1048576:.0f} MB, "
                                      f"more than the {MAX_FILE_BYTES // 1048576} MB a source file may be",
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
    control = CONTROL.search(text)
    if control:  # every XML output would fail on it (see gate.py)
        line = text.count("\n", 0, control.start()) + 1
        col = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise AlmanacError(Diagnostic(Loc(shown, line, col), f"the file contains the control character "
                                      f"U+{ord(control.group()):04X}", "delete it (it was probably pasted in)"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source_text(source_dir: str, path: str) -> str:
    """A source file's text; a symbolic link that leads outside source/ is refused (it could publish
    any file on the machine)."""
    root = os.path.realpath(source_dir)
    if os.path.commonpath([root, os.path.realpath(path)]) != root:
        raise AlmanacError(Diagnostic(Loc(path, 1, 1), "this file is a link to a file outside the source folder",
                                      "copy the file into the source folder instead of linking to it"))
    return read_text(path)


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
    """Report what Pandoc would silently misread: unclosed and unopened `:::` blocks, an unclosed code
    block, nesting deeper than MAX_NESTING, and pipe-table rows with the wrong number of cells."""
    stack: list[tuple[int, str]] = []
    too_deep = too_long = False
    lines = body.split("\n")
    in_code, code_fence = code_lines(lines)
    for number, line in enumerate(lines, start=1):
        if in_code[number - 1]:
            continue
        if _FENCE_CLOSE.match(line):
            if stack:
                stack.pop()
            else:
                out.error(Loc(path, number, 1), "this ':::' closes a block that was never opened",
                          "delete the line, or add the block's opening line (such as '::: {.case-study …}') above")
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and opened.group(2).rstrip(": \t"):
            stack.append((number, opened.group(2).rstrip(": \t")))
        if len(line) > MAX_LINE and not too_long:
            too_long = True
            out.error(Loc(path, number, 1), f"this line is {len(line):,} characters long; the most allowed is "
                      f"{MAX_LINE:,}", "break it into paragraphs, with a blank line between them")
        if not too_deep and len(stack) + container_depth(line, MAX_NESTING + 1) > MAX_NESTING:
            too_deep = True
            out.error(Loc(path, number, 1), f"the text here is nested too deeply (more than {MAX_NESTING} levels "
                      "of lists, quotes and ':::' blocks)",
                      "use fewer levels: a list inside a list inside a block is usually enough")
    for number, name in stack:
        out.error(Loc(path, number, 1), f"the block '{name[:60]}' opened here is never closed",
                  "add a line ':::' after the block's last line")
    if code_fence:
        out.error(Loc(path, code_fence.line, 1), "the code block opened here with "
                  f"'{code_fence.marker}' is never closed", f"add a line '{code_fence.marker}' after the code "
                  "(at most three spaces before it, nothing after it)")
    check_pipe_tables(lines, path, out, in_code)


def container_depth(line: str, enough: int = 1000) -> int:
    """How many lists and quotes a line opens or continues: its `>` and list markers, plus two spaces of
    indentation before a marker for each level (`    - item` is a third-level item)."""
    indent = len(line) - len(line.lstrip(" "))
    depth, position = 0, indent
    while True:
        marker = _CONTAINER.match(line, position)
        if not marker:
            return depth + (indent // 2 if depth else 0)
        depth += 1
        if depth >= enough:  # counting on would only cost time on a hostile line
            return depth
        position = marker.end()
        while position < len(line) and line[position] == " ":
            position += 1


def check_pipe_tables(lines: list[str], path: str, out: Collector, in_code: list[bool]) -> None:
    """Pandoc pads a short pipe-table row and drops a long row's extra cells without a word: report both."""
    index = 1
    while index < len(lines):
        if in_code[index] or in_code[index - 1] or not (_TABLE_DELIMITER.match(lines[index]) and "|" in lines[index - 1]):
            index += 1
            continue
        columns = len(table_cells(lines[index]))
        if len(table_cells(lines[index - 1])) != columns:  # not a table for Pandoc either (GFM's rule)
            index += 1
            continue
        row = index - 1
        while row < len(lines) and "|" in lines[row] and lines[row].strip() and not in_code[row]:
            cells = len(table_cells(lines[row]))
            if cells != columns and row != index:
                out.error(Loc(path, row + 1, 1), f"this table row has {cells} cell{'s' if cells != 1 else ''} "
                          f"but the table has {columns} columns",
                          f"give every row {columns} cells between '|' signs (an empty cell is '|  |'); "
                          "write a '|' inside a cell as '\\|'")
            row += 2 if row == index - 1 else 1
        index = row + 1


def table_cells(line: str) -> list[str]:
    """A pipe-table line's cells: split at each `|` not escaped as `\\|`, outer pipes dropped."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return _CELL_SPLIT.split(text)
