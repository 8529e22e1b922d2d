"""The only code that runs Pandoc. Pandoc comes from the `pypandoc-binary` wheel, so no system install.

Reading: Markdown files → Pandoc JSON (with `sourcepos`). Writing: Pandoc JSON → HTML/DOCX/EPUB.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import ToolError

READER = ("commonmark_x+sourcepos-raw_attribute-tex_math_dollars-emoji-yaml_metadata_block-alerts-fancy_lists"
          "-gfm_auto_identifiers-implicit_header_references")
API_VERSION = [1, 23, 1, 1]
TIMEOUT_SECONDS = 120
READ_MEMORY = "1g"  # Pandoc's heap when reading: a real 1 MB chapter needs a quarter of it; hostile Markdown
# (a few hundred KB of "{") asks for gigabytes
START_HEAP = "16m"  # the wheel's Pandoc reserves 64 MB up front (-H64m); two readers at once spend more time
# faulting that in than parsing a 60 KB batch. The heap still grows as far as READ_MEMORY.


class PandocLimitError(ToolError):
    """Pandoc ran out of its memory or time limit: on reading, a sign of pathological source text."""


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The Pandoc binary shipped inside pypandoc-binary (found without importing pypandoc's helpers)."""
    import importlib.util

    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.origin:
        candidate = os.path.join(os.path.dirname(spec.origin), "files", "pandoc")
        if os.access(candidate, os.X_OK):
            return candidate
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ToolError(f"Pandoc was not found ({exc}); run 'make' to install the tool's dependencies") from None


def _run(args: list[str], stdin: bytes | None = None, cwd: str | None = None, epoch: int | None = None) -> bytes:
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)  # Pandoc dates zip entries and metadata from it
    try:
        done = subprocess.run([pandoc_path(), *args], input=stdin, cwd=cwd, capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False, env=env)
    except subprocess.TimeoutExpired:
        raise PandocLimitError(f"Pandoc took longer than {TIMEOUT_SECONDS} s and was stopped") from None
    _raise_for(done.returncode, done.stderr)
    return done.stdout


def _raise_for(returncode: int, stderr: bytes) -> None:
    if returncode == 251 or b"Heap exhausted" in stderr:
        raise PandocLimitError("Pandoc ran out of memory")
    if returncode != 0:
        raise ToolError(f"Pandoc failed (exit {returncode}): {stderr.decode('utf-8', 'replace').strip()}")


@dataclass
class Reading:
    """A Pandoc run parsing chapter files, started and not yet collected. It writes its JSON and its
    messages to files beside the chapters, so it never waits for anyone to empty a pipe."""

    process: subprocess.Popen
    output: str
    errors: str
    deadline: float


def start_reading(relative_paths: list[str], cwd: str) -> Reading:
    """Start parsing chapter files (relative to `cwd`) in one Pandoc run, each file as a document of its
    own (`--file-scope`: see markdown.py); tabs are left to the CommonMark reader (`--preserve-tabs`: a
    tab in a code block stays a tab, as CommonMark says). `finish_reading` collects it."""
    stem = os.path.join(cwd, os.path.splitext(relative_paths[0])[0])
    output, errors = stem + ".json", stem + ".err"
    with open(errors, "wb") as err:
        process = subprocess.Popen([pandoc_path(), "+RTS", f"-M{READ_MEMORY}", f"-H{START_HEAP}", "-RTS",
                                    "--file-scope", "--preserve-tabs", "-f", READER, "-t", "json", "-o", output,
                                    *relative_paths],
                                   cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    return Reading(process, output, errors, time.monotonic() + TIMEOUT_SECONDS)


def finish_reading(reading: Reading) -> dict:
    """The Pandoc document of a started run; positions in `data-pos` name each relative path."""
    if _wait_or_kill(reading.process, reading.deadline):
        raise PandocLimitError(f"Pandoc took longer than {TIMEOUT_SECONDS} s and was stopped")
    with open(reading.errors, "rb") as handle:
        _raise_for(reading.process.returncode, handle.read())
    with open(reading.output, "rb") as handle:
        document = json.loads(handle.read())
    if document.get("pandoc-api-version", [])[:2] != API_VERSION[:2]:
        raise ToolError(f"unexpected Pandoc AST version {document.get('pandoc-api-version')}; "
                        "reinstall with 'make clean && make'")
    return document


def _wait_or_kill(process: subprocess.Popen, deadline: float) -> bool:
    """Wait for `process` to end, killing it at `deadline`; True if it was killed. A blocking wait
    with a timer, not `Popen.wait(timeout=…)`: that one polls in sleeps growing to 50 ms, and so
    returned up to 50 ms after Pandoc had finished (0.17 s of sleeping in a cold build's two reads)."""
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        process.kill()

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), kill)
    timer.daemon = True
    timer.start()
    try:
        process.wait()
    finally:
        timer.cancel()
    return killed.is_set()


def cancel_reading(reading: Reading) -> None:
    """Stop a run whose result is no longer wanted."""
    if reading.process.poll() is None:
        reading.process.kill()
        reading.process.wait()


def read_markdown(relative_paths: list[str], cwd: str) -> dict:
    """Parse chapter files in one Pandoc run, each on its own; positions in `data-pos` name each relative path."""
    return finish_reading(start_reading(relative_paths, cwd))


def write(document: dict, to: str, output_path: str, extra: list[str] | None = None, epoch: int | None = None) -> None:
    """Convert a Pandoc JSON document to `to`, written at `output_path`."""
    stdin = json.dumps(document, ensure_ascii=False).encode("utf-8")
    _run(["-f", "json", "-t", to, "-o", output_path, *(extra or [])], stdin=stdin, epoch=epoch)


def convert(document: dict, to: str, extra: list[str] | None = None) -> str:
    """Convert a Pandoc JSON document to text in format `to` and return it."""
    stdin = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return _run(["-f", "json", "-t", to, *(extra or [])], stdin=stdin).decode("utf-8")


def markdown_to(input_path: str, to: str, output_path: str, extra: list[str] | None = None,
                cwd: str | None = None) -> None:
    """Pandoc's own conversion of a Markdown file (used by `make bench` for the reference pipelines)."""
    _run(["-f", "commonmark_x", "-t", to, "-s", "-o", output_path, *(extra or []), input_path], cwd=cwd)


@lru_cache(maxsize=4)
def default_data_file(name: str) -> bytes:
    """One of Pandoc's built-in data files (e.g. reference.docx), as the base for a generated one."""
    return _run(["--print-default-data-file", name])


def read_docx(path: str, media_dir: str) -> dict:
    """A Word file as a Pandoc document, its pictures extracted under `media_dir` (for `almanac import`);
    under the same memory and time limits as reading Markdown."""
    data = _run(["+RTS", f"-M{READ_MEMORY}", "-RTS", "-f", "docx", "-t", "json", f"--extract-media={media_dir}",
                 os.path.abspath(path)], cwd=media_dir)
    document = json.loads(data)
    if document.get("pandoc-api-version", [])[:2] != API_VERSION[:2]:
        raise ToolError(f"unexpected Pandoc AST version {document.get('pandoc-api-version')}; "
                        "reinstall with 'make clean && make'")
    return document
