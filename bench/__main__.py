"""`make bench`: whole-process timings of the build against the reference pipelines, on the real almanac
and on one ten times longer. Prints a Markdown table and writes it to output/bench.md.

Each row is the median of several runs of a fresh process: wall seconds, CPU seconds (user + system,
the process and every child it waited for: Pandoc, writer processes) and peak memory (the largest
resident set of the process or any of its children, from wait4's rusage).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Callable

from almanac_build.source.pandoc import pandoc_path

from .long_source import make_long_source, reference_markdown

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMATS = ("pdf-print", "pdf", "html", "docx", "epub", "braille")
REFERENCES = (("html", "html5", "ref.html"), ("docx", "docx", "ref.docx"), ("epub", "epub3", "ref.epub"))


FINDINGS_EXIT = 1  # `almanac check` exits 1 when it reports open errors: a finished run, not a failure


@dataclass
class Row:
    name: str
    wall: float
    cpu: float
    rss_mb: float
    runs: int


def run_once(cmd: list[str], cwd: str | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (children included) and peak RSS in MB of one run of `cmd`.

    Any other exit than 0 stops the bench, except `almanac check`'s 1 (it ran and found open errors): a
    reference that fails at once (say, without the `[bench]` extra) must not be timed as a fast run."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd or ROOT, stdout=log, stderr=log, env=_env())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        allowed = (0, FINDINGS_EXIT) if "check" in cmd else (0,)
        if process.returncode not in allowed:
            log.seek(0)
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{log.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name: str, cmd: list[str], runs: int, before: Callable[[], None] | None = None,
            cwd: str | None = None) -> Row:
    """The median of `runs` runs; `before` runs untimed before each (e.g. to empty the output folder)."""
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(run_once(cmd, cwd))
    walls, cpus, rss = zip(*samples)
    row = Row(name, statistics.median(walls), statistics.median(cpus), max(rss), runs)
    print(f"  {name}: {row.wall:.2f} s wall, {row.cpu:.2f} s CPU, {row.rss_mb:.0f} MB", file=sys.stderr)
    return row


def _env() -> dict[str, str]:
    paths = (os.path.join(ROOT, "src"), ROOT)  # the tool and this package (for the Typst reference run)
    return dict(os.environ, PYTHONPATH=os.pathsep.join(paths) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _almanac(source: str, output: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "almanac_build", "--source", source, "--output", output, *args]


def fresh(path: str) -> Callable[[], None]:
    return lambda: shutil.rmtree(path, ignore_errors=True)


def tool_rows(source: str, work: str, runs: int, label: str) -> dict[str, Row]:
    out = os.path.join(work, "out")
    rows: dict[str, Row] = {}
    cold = _almanac(source, out, "check")  # builds every output, then runs the checks and writes the reports
    rows["cold"] = measure(f"{label}: almanac check (every output and report), cold", cold, runs, fresh(out))
    for fmt in FORMATS:
        rows[fmt] = measure(f"{label}: almanac build --format {fmt}, cold", _almanac(source, out, "build",
                            "--format", fmt), runs, fresh(out))
    run_once(cold)  # leave a complete build behind for the no-change rows
    rows["noop-build"] = measure(f"{label}: almanac build, nothing changed", _almanac(source, out, "build"), runs)
    make = ["make", "-s", f"SOURCE={source}", f"OUTPUT={out}"]
    run_once(make)
    rows["noop-make"] = measure(f"{label}: make, nothing changed", make, runs)
    return rows


def reference_rows(source: str, work: str, runs: int, label: str) -> dict[str, Row]:
    markdown = reference_markdown(source, os.path.join(work, "ref.md"))
    pandoc = pandoc_path()
    rows: dict[str, Row] = {}
    for key, to, name in REFERENCES:
        cmd = [pandoc, "-f", "commonmark_x", "-t", to, "-s", "-o", os.path.join(work, name), markdown]
        rows[key] = measure(f"{label}: reference, pandoc -t {to}", cmd, runs, cwd=source)
    typst = [sys.executable, "-m", "bench", "--typst", markdown, os.path.join(work, "ref.pdf")]
    rows["typst"] = measure(f"{label}: reference, pandoc -t typst + typst.compile (PDF)", typst, runs, cwd=source)
    return rows


def typst_pipeline(markdown: str, pdf: str) -> None:
    """The reference PDF pipeline: Pandoc writes Typst from the Markdown, the typst package compiles it."""
    import typst

    from almanac_build.source.pandoc import markdown_to

    source = os.path.splitext(pdf)[0] + ".typ"
    markdown_to(markdown, "typst", source)
    typst.compile(source, output=pdf, root="/")


def table(rows: dict[str, dict[str, Row]]) -> str:
    lines = ["| run | median wall s | median CPU s | peak MB | runs |", "|---|---:|---:|---:|---:|"]
    for group in rows.values():
        for row in group.values():
            lines.append(f"| {row.name} | {row.wall:.2f} | {row.cpu:.2f} | {row.rss_mb:.0f} | {row.runs} |")
    return "\n".join(lines)


def targets(one: dict[str, Row], ref: dict[str, Row], ten: dict[str, Row] | None) -> str:
    ref_wall = sum(r.wall for r in ref.values())
    ref_cpu = sum(r.cpu for r in ref.values())
    checks = [
        ("cold build of every output (and report) ≤ reference pipelines back to back",
         f"{one['cold'].wall:.2f} s vs {ref_wall:.2f} s (CPU {one['cold'].cpu:.2f} vs {ref_cpu:.2f})",
         one["cold"].wall / ref_wall, 1.0),
        ("print PDF ≤ 1.5 × Pandoc-to-Typst PDF",
         f"{one['pdf-print'].wall:.2f} s vs {ref['typst'].wall:.2f} s (CPU {one['pdf-print'].cpu:.2f} vs "
         f"{ref['typst'].cpu:.2f})", one["pdf-print"].wall / ref["typst"].wall, 1.5),
        ("`make` with nothing changed < 0.3 s", f"{one['noop-make'].wall:.3f} s", one["noop-make"].wall / 0.3, 1.0),
    ]
    if ten:
        checks += [
            ("10× almanac ≤ 10.5 × the 1× time", f"{ten['cold'].wall:.2f} s vs {one['cold'].wall:.2f} s "
             f"(CPU {ten['cold'].cpu / one['cold'].cpu:.1f}×)", ten["cold"].wall / one["cold"].wall, 10.5),
            ("10× almanac peak memory < 600 MB", f"{ten['cold'].rss_mb:.0f} MB", ten["cold"].rss_mb / 600, 1.0),
            ("10× `make` with nothing changed < 0.3 s", f"{ten['noop-make'].wall:.3f} s",
             ten["noop-make"].wall / 0.3, 1.0),
        ]
    lines = ["| target | measured | ratio | limit | met |", "|---|---|---:|---:|---|"]
    for name, measured, ratio, limit in checks:
        shown = ratio * (0.3 if "0.3 s" in name else 600 if "MB" in name else 1)
        unit = " s" if "0.3 s" in name else " MB" if "MB" in name else "×"
        shown = round(shown) if unit == " MB" else shown
        limit_shown = "0.3 s" if "0.3 s" in name else "600 MB" if "MB" in name else f"{limit}×"
        verdict = "yes" if ratio <= limit else f"no ({ratio / limit:.2f}× the limit)"
        lines.append(f"| {name} | {measured} | {shown:.2f}{unit} | {limit_shown} | {verdict} |".replace(".00 MB", " MB"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per row on the real almanac (median)")
    parser.add_argument("--long-runs", type=int, default=3, help="runs per row on the 10× almanac")
    parser.add_argument("--no-long", action="store_true", help="skip the 10× almanac")
    parser.add_argument("--source", default=os.path.join(ROOT, "source"))
    parser.add_argument("--report", default=os.path.join(ROOT, "output", "bench.md"))
    parser.add_argument("--typst", nargs=2, metavar=("MARKDOWN", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.typst:
        typst_pipeline(*args.typst)
        return 0
    source = os.path.abspath(args.source)
    with tempfile.TemporaryDirectory(prefix="almanac-bench-") as work:
        rows = {"one": tool_rows(source, os.path.join(work, "1x"), args.runs, "1×")}
        os.makedirs(os.path.join(work, "ref1"))
        rows["ref"] = reference_rows(source, os.path.join(work, "ref1"), args.runs, "1×")
        if not args.no_long:
            long_source = make_long_source(source, os.path.join(work, "source10"))
            rows["ten"] = tool_rows(long_source, os.path.join(work, "10x"), args.long_runs, "10×")
            os.makedirs(os.path.join(work, "ref10"))
            rows["ref10"] = reference_rows(long_source, os.path.join(work, "ref10"), args.long_runs, "10×")
    report = (f"# Benchmark\n\n{_machine()}\n\n## Targets\n\n{targets(rows['one'], rows['ref'], rows.get('ten'))}"
              f"\n\n## Every run\n\n{table(rows)}\n")
    os.makedirs(os.path.dirname(args.report), exist_ok=True)
    with open(args.report, "w", encoding="utf-8") as handle:
        handle.write(report)
    print(report)
    return 0


def _machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs, load average at the end {load}; Python {sys.version.split()[0]}; "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Wall time on a shared machine varies with "
            "its load: CPU seconds are the steadier measure.")


if __name__ == "__main__":
    sys.exit(main())
