"""Report paths: every file a report names opens from the project folder (the working directory, as the
build's own errors name files), whatever --source and --output are, and the summary names the report
where it was really written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from conftest import ROOT, copy_sample, run_cli


def _named_files(out: Path) -> tuple[list[str], list[str]]:
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    sources = sorted({f["source"]["file"] for f in data["findings"] if f["source"]})
    sarif = json.loads((out / "reports" / "accessibility.sarif").read_text(encoding="utf-8"))
    uris = sorted({loc["physicalLocation"]["artifactLocation"]["uri"]
                   + ("" if "uriBaseId" in loc["physicalLocation"]["artifactLocation"] else "#abs")
                   for r in sarif["runs"][0]["results"] for loc in r["locations"]})
    return sources, uris


def _opens(name: str, project: Path) -> bool:
    if name.endswith("#abs"):
        return Path(unquote(urlparse(name[:-4]).path)).is_file()
    return (project / name).is_file()


def test_check_with_source_inside_and_output_outside_the_project(tmp_path):
    project, out = tmp_path / "project", tmp_path / "elsewhere" / "out"
    copy_sample(project / "src-all")
    run = run_cli("--source", "src-all", "--output", str(out), "check", cwd=project)
    assert "Traceback" not in run.stderr and run.returncode in (0, 1), run.stderr
    sources, uris = _named_files(out)
    chapters = [s for s in sources if "/chapters/" in s]
    assert chapters and all(s.startswith("src-all/chapters/") for s in chapters), sources
    assert all((project / s).is_file() or Path(s).is_file() for s in sources), sources
    assert uris and all(_opens(u, project) for u in uris), uris
    details = re.search(r"Details: (\S+)", run.stdout).group(1)
    assert Path(details) == out / "reports" / "accessibility.html" and Path(details).is_file()


def test_check_with_source_and_output_outside_the_project(tmp_path):
    source, out = copy_sample(tmp_path / "src-all"), tmp_path / "out"
    run = run_cli("--source", str(source), "--output", str(out), "check")  # run from the project (ROOT)
    assert "Traceback" not in run.stderr and run.returncode in (0, 1), run.stderr
    sources, uris = _named_files(out)
    chapters = [s for s in sources if "/chapters/" in s]
    assert chapters and all(Path(s).is_absolute() and Path(s).is_file() for s in chapters), sources
    assert all(not Path(s).is_absolute() for s in sources if s.endswith("theme.yaml")), sources
    assert all(Path(s).is_file() or (ROOT / s).is_file() for s in sources), sources
    assert uris and all(_opens(u, ROOT) for u in uris), uris
    assert f"Details: {out / 'reports' / 'accessibility.html'}" in run.stdout


def test_check_in_the_project_names_files_from_its_root(tmp_path):
    project = tmp_path / "project"
    copy_sample(project / "source")
    run = run_cli("check", cwd=project)  # the defaults: source/ and output/
    assert "Traceback" not in run.stderr and run.returncode in (0, 1), run.stderr
    sources, _ = _named_files(project / "output")
    assert any(s.startswith("source/chapters/") for s in sources), sources
    assert "Details: output/reports/accessibility.html" in run.stdout
