"""A memory and time budget per build: the largest source the documented limits allow builds (or is
refused) in a process the test limits to 1 GB of address space and 60 s of CPU time (each process the
build starts inherits both limits: writers, Pandoc). Limits set by the test process, not a timed
assertion. The two PDF editions read one reduced copy of a large picture instead of each decoding it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pikepdf

from almanac_build.writers import print_images
from conftest import ROOT
from worst_case import worst_case

MEMORY = 1024 ** 3  # bytes of address space for each process
CPU_SECONDS = 60


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def test_the_worst_case_within_the_limits_builds_within_the_budget(tmp_path):
    source = worst_case(tmp_path)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-m", "almanac_build", "--source", str(source), "--output", str(out),
                           "build"], preexec_fn=_limited, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]  # a MemoryError or SIGXCPU would fail it
    assert "Traceback" not in done.stderr
    for name in ("almanac.pdf", "almanac-large-print.pdf"):
        with pikepdf.open(out / name) as pdf:
            widths = [int(x.Width) for page in pdf.pages for x in page.images.values()]
            assert widths and max(widths) <= print_images.MAX_SIDE, (name, widths)
    assert (out / "almanac-assets" / "images" / "huge.png").stat().st_size == (source / "images" / "huge.png").stat().st_size


def test_print_copies_are_made_once_and_only_for_large_pictures(tmp_path):
    from PIL import Image

    from almanac_build.source.loader import load
    from conftest import copy_sample

    source = copy_sample(tmp_path / "source")
    Image.new("RGB", (4000, 1000), (10, 20, 30)).save(source / "images" / "wide.jpg")
    Image.new("RGB", (300, 200), (10, 20, 30)).save(source / "images" / "small.png")
    chapter = source / "chapters" / "04-annex.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n![Wide](images/wide.jpg)\n\n![Small](images/small.png)\n",
                       encoding="utf-8")
    copies = print_images.make_print_copies(load(str(source)), str(tmp_path / "copies"))
    assert list(copies) == [str(source / "images" / "wide.jpg")]
    with Image.open(next(iter(copies.values()))) as copy:
        assert copy.size == (print_images.MAX_SIDE, 875)
