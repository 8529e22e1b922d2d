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


def _package_copy(tmp_path, monkeypatch):
    """A copy of the tool's package the cache reads instead of the real one, to edit freely."""
    package = tmp_path / "almanac_build"
    shutil.copytree(ROOT / "src" / "almanac_build", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(buildcache, "PACKAGE_DIR", str(package))
    return package


def _edit(package, name):
    (package / name).write_text((package / name).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def _keys():
    from almanac_build.writers.registry import WRITERS

    return buildcache.writer_keys(str(SAMPLE), str(ROOT / "styles"), WRITERS.values())


def test_a_module_another_writer_borrows_rebuilds_both(tmp_path, monkeypatch):
    """The bug of issue 16: the DOCX writer imports writers/pdf/fonts.py, but each writer was keyed on
    its own folder only, so editing the PDF fonts left the DOCX "up to date". Keys now follow imports."""
    package = _package_copy(tmp_path, monkeypatch)
    assert "from ..pdf.fonts import" in (package / "writers" / "docx" / "finish.py").read_text(encoding="utf-8")
    before = _keys()
    _edit(package, "writers/pdf/fonts.py")
    after = _keys()
    assert {name for name in before if after[name] != before[name]} == {"pdf", "pdf-large-print", "docx"}


def test_each_writer_is_keyed_on_the_modules_it_runs(tmp_path, monkeypatch):
    """An edit to the Word writer rebuilds the Word document alone; one to the HTML page only the page,
    one to the frame both pages share (layout.py) both; one to the EPUB page list only the EPUB."""
    package = _package_copy(tmp_path, monkeypatch)
    for name, rebuilt in (("writers/docx/reference.py", {"docx"}), ("writers/html/page.py", {"html"}),
                          ("writers/html/layout.py", {"html", "downloads"}),
                          ("writers/epub/pages.py", {"epub"}), ("writers/pdf/tables.py", {"pdf", "pdf-large-print"})):
        before = _keys()
        _edit(package, name)
        after = _keys()
        assert {n for n in before if after[n] != before[n]} == rebuilt, name


def test_an_import_inside_a_function_counts(tmp_path, monkeypatch):
    """Imports made lazily, inside a function, are part of the closure too: a new module a writer
    starts using keys that writer, and the reading of an unchanged module is reused from the record."""
    package = _package_copy(tmp_path, monkeypatch)
    (package / "writers" / "extra_helper.py").write_text("X = 1\n", encoding="utf-8")
    known: dict = {}
    before = buildcache.writer_keys(str(SAMPLE), str(ROOT / "styles"), _entries(), known)
    assert "writers/extra_helper.py" not in known
    page = package / "writers" / "epub" / "pages.py"
    page.write_text(page.read_text(encoding="utf-8") + "\n\ndef _late():\n    from ..extra_helper import X\n"
                    "    return X\n", encoding="utf-8")
    after = buildcache.writer_keys(str(SAMPLE), str(ROOT / "styles"), _entries(), known)
    assert "writers/extra_helper.py" in known and {n for n in before if after[n] != before[n]} == {"epub"}
    _edit(package, "writers/extra_helper.py")
    again = buildcache.writer_keys(str(SAMPLE), str(ROOT / "styles"), _entries(), known)
    assert {n for n in after if again[n] != after[n]} == {"epub"}


def _entries():
    from almanac_build.writers.registry import WRITERS

    return list(WRITERS.values())


def test_one_format_imports_only_its_writer(tmp_path):
    """`--format pdf-print` never imports python-docx or the HTML and EPUB writers."""
    probe = ("import sys; from almanac_build.build import build; r = build(sys.argv[1], sys.argv[2], ['pdf-print']); "
             "print(sorted({m.split('.')[2] for m in sys.modules if m.startswith('almanac_build.writers.') "
             "and m.count('.') > 1}), 'docx' in sys.modules, [p.rsplit('/', 1)[-1] for p in r.written])")
    done = subprocess.run([sys.executable, "-c", probe, str(SAMPLE), str(tmp_path / "out")], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), check=True)
    # shared by writers, no format's code: publication.py (the publication block), print_images.py and
    # assets.py (the reduced image copies both PDF editions read)
    assert done.stdout.split() == ["['assets',", "'base',", "'pdf',", "'print_images',", "'publication',",
                                   "'registry']", "False", "['almanac.pdf']"]


def test_editing_a_check_or_report_rebuilds_nothing(tmp_path, monkeypatch):
    """The checks and reports only read outputs: no writer imports them; the model is in every key."""
    package = _package_copy(tmp_path, monkeypatch)
    before = _keys()
    for name in ("checks/run.py", "report/sarif.py", "check.py", "cli.py"):
        _edit(package, name)
    assert _keys() == before
    _edit(package, "model.py")
    assert all(after != before[name] for name, after in _keys().items())
