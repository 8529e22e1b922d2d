"""Collecting a Pandoc read: a run past its deadline is stopped and reported as a limit error, and a
run that ends is collected at once (no polling step of up to 50 ms after it ends)."""

import subprocess
import sys
import time

import pytest

from almanac_build.source import pandoc


def _reading(tmp_path, seconds: float, deadline_in: float) -> pandoc.Reading:
    errors = tmp_path / "run.err"
    errors.write_bytes(b"")
    process = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"])
    return pandoc.Reading(process, str(tmp_path / "run.json"), str(errors), time.monotonic() + deadline_in)


def test_a_run_past_its_deadline_is_killed_and_reported(tmp_path):
    reading = _reading(tmp_path, seconds=30, deadline_in=0.3)
    start = time.monotonic()
    with pytest.raises(pandoc.PandocLimitError, match="longer than"):
        pandoc.finish_reading(reading)
    assert time.monotonic() - start < 5
    assert reading.process.returncode is not None and reading.process.returncode < 0  # killed by a signal


def test_a_finished_run_is_not_killed(tmp_path):
    reading = _reading(tmp_path, seconds=0, deadline_in=60)
    assert not pandoc._wait_or_kill(reading.process, reading.deadline)
    assert reading.process.returncode == 0
