"""A writer or reader process forked by a build that is killed while its pool starts must not live on:
it would hold the output folder's lock for ever (a kill -9 test once hung on exactly that)."""

import subprocess
import sys

PROBE = "import os; from almanac_build.processes import die_with_parent; die_with_parent({parent}); print('lives on')"


def test_a_process_whose_parent_is_already_gone_leaves_at_once():
    done = subprocess.run([sys.executable, "-c", PROBE.format(parent="os.getppid() + 1")], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 1 and "lives on" not in done.stdout


def test_a_process_whose_parent_lives_carries_on():
    done = subprocess.run([sys.executable, "-c", PROBE.format(parent="os.getppid()")], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.strip() == "lives on"
