"""`make bench`, preview part (`python -m bench.preview`): the edit-to-page latency of `almanac preview` in a
real browser.

Starts the preview on a copy of the source (the real one is never edited), then
tools/preview-drive.js makes N one-paragraph edits to one chapter in headless Chromium, each timed
from just before the file is written to the new text being in the page. Prints the median against
the 0.3 s target with the server's own breakdown (loading the source, rendering the chapter, the
checks), and writes OUTPUT/bench-preview.md. The machine's load average is reported beside it,
since the machine is shared."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="source")
    parser.add_argument("--output", default="output")
    parser.add_argument("--chapter", default="chapters/03-data.md", help="the chapter file edited")
    parser.add_argument("--edits", type=int, default=21)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(ROOT, ".tools", "node_modules", "playwright-core")):
        print("the browser tools are missing: run `make test` once (tools/install-validators.sh)", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="almanac-bench-preview-") as tmp:
        source = os.path.join(tmp, "source")
        shutil.copytree(args.source, source)
        record = os.path.join(args.output, ".build", "pagination.json")
        output = os.path.join(tmp, "output")
        if os.path.isfile(record):  # the last page record, as an editor's preview would have it
            os.makedirs(os.path.join(output, ".build"))
            shutil.copyfile(record, os.path.join(output, ".build", "pagination.json"))
        chapter_id = _chapter_id(os.path.join(source, args.chapter))
        process, address = start_preview(source, output)
        try:
            done = subprocess.run(["node", os.path.join(ROOT, "tools", "preview-drive.js"), "latency", address,
                                   os.path.join(source, args.chapter), chapter_id, str(args.edits)],
                                  capture_output=True, text=True, timeout=1800)
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=60)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 3
    runs = json.loads(done.stdout)
    report = _report(runs, args.chapter)
    print(report)
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "bench-preview.md"), "w", encoding="utf-8") as handle:
        handle.write(report + "\n")
    return 0


def _chapter_id(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("id:"):
                return line.split(":", 1)[1].strip().strip("'\"")
    raise SystemExit(f"{path} has no id in its front matter")


def start_preview(source, output, port: int = 0) -> tuple[subprocess.Popen, str]:
    """`almanac preview` in a process of its own, and the address it printed (the bench and the browser
    tests both drive it this way); RuntimeError with its error output when it does not start."""
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "almanac_build", "--source", str(source), "--output",
                                str(output), "preview", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if " at http://127.0.0.1:" in line:
            return process, line.split(" at ", 1)[1].split()[0]
    process.kill()
    raise RuntimeError("the preview did not start: " + process.stderr.read())


def _report(runs: list[dict], chapter: str) -> str:
    seconds = sorted(r["seconds"] for r in runs)
    median = statistics.median(seconds)
    parts = {key: statistics.median(r["server"].get(key, 0.0) for r in runs)
             for key in ("load", "render", "findings", "total", "cpu")}
    load = os.getloadavg()
    verdict = (f"target met ({median:.3f} s ≤ {TARGET} s)" if median <= TARGET else
               f"target missed by {median - TARGET:.3f} s ({median:.3f} s against {TARGET} s)")
    return "\n".join([
        "# Preview: edit to page",
        "",
        f"{len(runs)} one-paragraph edits to `{chapter}`, each timed in headless Chromium from just before the "
        "file is written to the new text in the page.",
        "",
        "| | seconds |",
        "|---|---|",
        f"| median | {median:.3f} |",
        f"| fastest | {seconds[0]:.3f} |",
        f"| 90th percentile | {seconds[int(0.9 * (len(seconds) - 1))]:.3f} |",
        f"| slowest | {seconds[-1]:.3f} |",
        "",
        "The server's share (medians): reading the source (only the edited chapter through Pandoc) "
        f"{parts['load']:.3f} s, rendering that chapter {parts['render']:.3f} s, its source checks "
        f"{parts['findings']:.3f} s; {parts['total']:.3f} s in all. The rest is noticing the save, sending "
        "the section and the browser putting it in place.",
        "",
        f"CPU time of one rebuild (the preview and the Pandoc runs it waited for), median: {parts['cpu']:.3f} s. "
        "On a machine busy with other work the wall times above are mostly waiting for a core; the CPU time is "
        "what an edit itself costs.",
        "",
        f"**{verdict}.** Load average while measuring: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) on "
        f"{os.cpu_count()} cores.",
    ])


if __name__ == "__main__":
    sys.exit(main())
