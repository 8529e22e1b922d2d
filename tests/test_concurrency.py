"""Nothing is lost: a build killed with SIGKILL mid-way leaves the previous outputs as they were and
nothing that trips the next build; two builds at once do not corrupt each other; writers write only
into the staging folder; the same source gives the same bytes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from almanac_build.build import build
from almanac_build.writers.registry import WRITERS, all_writers
from conftest import ROOT, SAMPLE, SOURCE, copy_sample

DATA_CH = "chapters/03-data.md"



def default_writers() -> list:
    """The writers a plain build runs (an optional format asked for by name, such as uncontracted
    braille, is not among them)."""
    return [w for name, w in all_writers().items() if WRITERS[name].in_default and WRITERS[name].usable()]

def digests(folder: Path, skip_build_data: bool = False) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or path.name == ".lock" or rel.parts[0].startswith((".staging-", ".old-")):
            continue
        if skip_build_data and rel.parts[0] == ".build":
            continue
        found[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def start_build(source: Path, out: Path, cwd: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "almanac_build", "--source", str(source), "--output", str(out),
                             "build"], cwd=cwd or ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def edited_sample(target: Path) -> Path:
    text = (SAMPLE / DATA_CH).read_text(encoding="utf-8") + "\nA sentence added after the first build.\n"
    return copy_sample(target, {DATA_CH: text})


def wait_for_staging(out: Path, process: subprocess.Popen) -> bool:
    """Poll until the build has made its staging folder (it is then running its writers)."""
    for _ in range(3000):
        if any(p.name.startswith(".staging-") for p in out.iterdir()):
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def test_kill_9_mid_build_leaves_previous_outputs_and_next_build_recovers(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    before = digests(out)
    source = edited_sample(tmp_path / "source")
    process = start_build(source, out)
    assert wait_for_staging(out, process), process.communicate()
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert digests(out) == before  # every previous output and the build record, byte for byte
    assert [p for p in out.iterdir() if p.name.startswith(".staging-")]  # what the killed build left
    result = build(str(source), str(out))
    assert sorted(os.path.basename(p) for p in result.written) == sorted(
        o for w in default_writers() for o in w.outputs)
    assert not [p.name for p in out.iterdir() if p.name.startswith((".staging-", ".old-"))]
    assert digests(out) != before


def test_two_builds_at_once_end_with_one_complete_consistent_set(tmp_path):
    """Two builds of different sources into one folder: both succeed (the lock makes them take turns)
    and the folder ends up exactly as a build of one of them alone would leave it."""
    edited = edited_sample(tmp_path / "edited")
    alone = {}
    for name, source in (("sample", SAMPLE), ("edited", edited)):
        build(str(source), str(tmp_path / f"alone-{name}"))
        alone[name] = digests(tmp_path / f"alone-{name}", skip_build_data=True)
    assert alone["sample"] != alone["edited"]
    out = tmp_path / "shared"
    processes = [start_build(SAMPLE, out), start_build(edited, out)]
    results = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    assert digests(out, skip_build_data=True) in (alone["sample"], alone["edited"])
    assert not [p.name for p in out.iterdir() if p.name.startswith((".staging-", ".old-"))]


def test_writers_write_only_their_declared_outputs(tmp_path):
    """Run from an empty working folder: afterwards it is still empty, the source is unchanged, and the
    output folder holds exactly the declared outputs (plus the build data and the lock)."""
    source = copy_sample(tmp_path / "source")
    source_before = digests(source)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    process = start_build(source, tmp_path / "out", cwd=cwd)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert list(cwd.iterdir()) == []
    assert digests(source) == source_before
    declared = {o for w in default_writers() for o in w.outputs}
    assert {p.name for p in (tmp_path / "out").iterdir()} == declared | {".build", ".lock"}


def test_real_almanac_is_reproducible(built_almanac, tmp_path):
    build(str(SOURCE), str(tmp_path / "again"))
    declared = tuple(o for w in all_writers().values() for o in w.outputs)  # not the reports other tests add
    again, first = ({k: v for k, v in digests(folder, skip_build_data=True).items() if k.startswith(declared)}
                    for folder in (tmp_path / "again", built_almanac))
    assert again == first, sorted(name for name in set(again) | set(first) if again.get(name) != first.get(name))


def test_source_date_epoch_gives_identical_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(str(SAMPLE), str(tmp_path / "a"))
    build(str(SAMPLE), str(tmp_path / "b"))
    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_outputs_do_not_depend_on_where_they_are_built(tmp_path):
    """The same source built into folders that sort before and after it gives the same bytes (Pandoc
    orders a DOCX's media by path, which once made the DOCX depend on the output folder's name)."""
    source = copy_sample(tmp_path / "m-source")
    build(str(source), str(tmp_path / "a-out"))
    build(str(source), str(tmp_path / "z-out" / "deeper"))
    assert digests(tmp_path / "a-out", skip_build_data=True) == digests(tmp_path / "z-out" / "deeper",
                                                                        skip_build_data=True)
