"""The build cache: an output is rebuilt exactly when something it depends on changed (source, styles,
the tool's code, SOURCE_DATE_EPOCH, the build data it reads) or when the output itself is missing or was
edited; the no-change path does not import the writers. No timings are asserted here (see make bench)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from almanac_build import buildcache
from almanac_build.build import build, select_writers
from almanac_build.writers.registry import WriterEntry, all_writers
from conftest import ROOT, SAMPLE, copy_sample

DEFAULT = select_writers(None)  # what a plain build makes here (braille too, since the tests install liblouis)
ALL = [entry.name for entry in DEFAULT]
OUTPUTS = sum(len(entry.outputs) for entry in DEFAULT)


def names(paths: list[str]) -> list[str]:
    return sorted(os.path.basename(p) for p in paths)


def test_nothing_changed_writes_nothing(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = build(str(SAMPLE), str(out))
    assert again.written == [] and again.book is None
    assert again.up_to_date == ALL
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_a_source_change_rebuilds_every_output(tmp_path):
    source = copy_sample(tmp_path / "source")
    out = tmp_path / "out"
    build(str(source), str(out))
    chapter = source / "chapters" / "03-data.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    result = build(str(source), str(out))
    assert len(result.written) == OUTPUTS and result.up_to_date == []
    assert "One more sentence." in (out / "almanac.html").read_text(encoding="utf-8")


def test_a_deleted_or_edited_output_is_rebuilt_alone(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    original = (out / "almanac.docx").read_bytes()
    (out / "almanac.docx").unlink()
    (out / "almanac.epub").write_bytes(b"edited by hand")
    result = build(str(SAMPLE), str(out))
    assert names(result.written) == ["almanac.docx", "almanac.epub"]  # the same bytes again: nothing else
    assert (out / "almanac.docx").read_bytes() == original
    assert (out / "almanac-assets").is_dir()


def test_a_writer_that_reads_other_outputs_finds_them_when_only_it_is_rebuilt(tmp_path):
    """A writer rebuilt alone (here: its output deleted) still finds the outputs of the writers it
    requires in the staging folder, although those are up to date and not rebuilt."""
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    readers = [w for w in all_writers().values() if w.requires and w.name in ALL]
    for writer in readers:
        for output in writer.outputs:
            target = out / output
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
    result = build(str(SAMPLE), str(out))
    assert names(result.written) == sorted(os.path.basename(o) for w in readers for o in w.outputs)
    assert sorted(result.up_to_date) == sorted(set(ALL) - {w.name for w in readers})


def test_one_format_after_a_full_build_is_up_to_date(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    assert build(str(SAMPLE), str(out), ["html"]).up_to_date == ["pdf", "html"]  # and the PDF it reads
    assert build(str(SAMPLE), str(out), ["pdf-print"]).up_to_date == ["pdf"]


def test_source_date_epoch_is_an_input(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len(build(str(SAMPLE), str(out)).written) == OUTPUTS


def test_keys_follow_the_writers_own_code_and_the_build_data_they_read(tmp_path):
    """Unit test of the decision, with made-up writers: `b` reads `a`'s build data."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "x.md").write_text("x", encoding="utf-8")
    specs = [WriterEntry("a", "a:A", ("a.out",)), WriterEntry("b", "b:B", ("b.out",), ("a",))]
    keys = buildcache.writer_keys(str(tmp_path / "src"), str(tmp_path / "src"), specs)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.out", "b.out"):
        (out / name).write_text(name, encoding="utf-8")
    records = {"a": buildcache.Record(keys["a"], {}, {"a.out": buildcache.output_digest(str(out / "a.out"))}),
               "b": buildcache.Record(keys["b"], {"a": "an older a"},
                                      {"b.out": buildcache.output_digest(str(out / "b.out"))})}
    assert buildcache.up_to_date("a", keys, records, str(out))
    assert not buildcache.up_to_date("b", keys, records, str(out))  # built from an older a's data
    records["b"].deps["a"] = keys["a"]
    assert buildcache.up_to_date("b", keys, records, str(out))
    (tmp_path / "src" / "x.md").write_text("changed", encoding="utf-8")
    changed = buildcache.writer_keys(str(tmp_path / "src"), str(tmp_path / "src"), specs)
    assert changed["a"] != keys["a"] and changed["b"] != keys["b"]


def test_a_broken_cache_record_means_a_full_build(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    (out / ".build" / buildcache.CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert len(build(str(SAMPLE), str(out)).written) == OUTPUTS


def test_the_no_change_path_imports_no_writer(tmp_path):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    probe = ("import sys; from almanac_build.build import build; r = build(sys.argv[1], sys.argv[2]); "
             "print(r.up_to_date, sorted(m for m in sys.modules if m.split('.')[0] in "
             "('reportlab', 'docx', 'lxml') or m.startswith('almanac_build.writers.') or m.endswith('source.loader')))")
    done = subprocess.run([sys.executable, "-c", probe, str(SAMPLE), str(out)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), check=True)
    listed, modules = done.stdout.strip().split("] [")
    assert listed + "]" == str(ALL)
    assert not [m for m in modules.strip("[]").split(", ") if m.strip("'") not in (
        "almanac_build.writers", "almanac_build.writers.base", "almanac_build.writers.registry")], modules


def test_each_writer_is_keyed_on_its_own_package():
    """A writer's own code is its sub-package: an edit to the Word writer rebuilds the Word document
    alone, and the HTML page and download page (both in writers/html/) together."""
    from almanac_build.writers.registry import WRITERS

    own = {name: set(entry.own_files) for name, entry in WRITERS.items()}
    assert os.path.join("writers", "docx", "finish.py") in own["docx"]
    assert os.path.join("writers", "pdf", "writer.py") in own["pdf"] and own["pdf"] == own["pdf-large-print"]
    assert own["html"] == own["downloads"] and os.path.join("writers", "html", "page.py") in own["html"]
    assert not own["docx"] & own["pdf"] and not own["epub"] & own["html"]


def test_one_format_imports_only_its_writer(tmp_path):
    """`--format pdf-print` never imports python-docx or the HTML and EPUB writers."""
    probe = ("import sys; from almanac_build.build import build; r = build(sys.argv[1], sys.argv[2], ['pdf-print']); "
             "print(sorted({m.split('.')[2] for m in sys.modules if m.startswith('almanac_build.writers.') "
             "and m.count('.') > 1}), 'docx' in sys.modules, [p.rsplit('/', 1)[-1] for p in r.written])")
    done = subprocess.run([sys.executable, "-c", probe, str(SAMPLE), str(tmp_path / "out")], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), check=True)
    # publication.py: the publication block, shared by every writer (no format's code)
    assert done.stdout.split() == ["['base',", "'pdf',", "'publication',", "'registry']", "False", "['almanac.pdf']"]


def test_editing_a_check_or_report_rebuilds_nothing(tmp_path, monkeypatch):
    """The checks and reports only read outputs: their code is not in any writer's key; the model is."""
    package = tmp_path / "almanac_build"
    shutil.copytree(ROOT / "src" / "almanac_build", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(buildcache, "PACKAGE_DIR", str(package))
    from almanac_build.writers.registry import WRITERS

    def keys():
        return buildcache.writer_keys(str(SAMPLE), str(ROOT / "styles"), WRITERS.values())

    before = keys()
    for name in ("checks/run.py", "report/sarif.py", "bench.py"):
        (package / name).write_text((package / name).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert keys() == before
    (package / "model.py").write_text((package / "model.py").read_text(encoding="utf-8") + "\n# edited\n",
                                      encoding="utf-8")
    assert all(after != before[name] for name, after in keys().items())
