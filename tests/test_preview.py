"""`almanac preview`: the page it serves is the HTML edition's own markup, rebuilt chapter by chapter
(only the changed chapter goes back through Pandoc); in a real browser an edit shows, a planted problem's
finding appears in the panel and goes when fixed, a source error replaces the page and the page recovers;
the panel passes axe and is reached by keyboard; Ctrl-C stops it cleanly; two previews on one source
each keep to their own folder. The speed target is measured by `make bench`, not here."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from almanac_build.editors.preview.server import inject
from almanac_build.editors.preview.session import Session
from almanac_build.source import loader
from almanac_build.writers.html import page as html_page
from almanac_build.writers.html.page_marks import marks_from

from bench.preview import start_preview
from conftest import ROOT, SOURCE

TOOLS = ROOT / ".tools" / "node_modules"


@pytest.fixture
def almanac(tmp_path) -> Path:
    shutil.copytree(SOURCE, tmp_path / "source")
    return tmp_path / "source"


def test_sections_are_the_html_editions_own_and_only_the_edited_chapter_is_parsed(almanac, tmp_path, monkeypatch):
    session = Session(str(almanac), str(tmp_path / "output"), str(tmp_path / "preview"))
    os.makedirs(session.folder)
    first = session.rebuild(None)
    assert first.full and not session.errors
    book = session.book
    # the page served (before the panel is added) is exactly what the HTML writer renders
    assert session.page() == html_page.render(book, session.images, marks_from([]))
    for chapter in book.chapters:
        assert session._section(book, chapter, session.images) == session.sections[chapter.id]

    parsed: list[str] = []
    real = loader.parse_chapters

    def counting(bodies, out):
        parsed.extend(os.path.basename(path) for path, _ in bodies)
        return real(bodies, out)

    monkeypatch.setattr(loader, "parse_chapters", counting)
    chapter = almanac / "chapters" / "03-data.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA paragraph added in the preview test.\n",
                       encoding="utf-8")
    update = session.rebuild({str(chapter)})
    assert parsed == ["03-data.md"]  # the other chapters came from the loader's memo
    assert not update.full and list(update.sections) == ["data"]
    assert "A paragraph added in the preview test." in update.sections["data"]
    assert session.page() == html_page.render(session.book, session.images, marks_from([]))

    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n<b>raw</b>\n", encoding="utf-8")
    errored = session.rebuild({str(chapter)})
    assert errored.full and session.errors and "raw HTML" in session.errors[0] and session.page() == ""


def test_the_panel_and_script_are_added_to_the_served_page_only(built_almanac):
    page = (built_almanac / "almanac.html").read_text(encoding="utf-8")
    assert "preview" not in page  # the HTML edition itself carries nothing of the preview
    served = inject(page, 7)
    assert served.count('<aside class="preview-panel"') == 1 and 'data-version="7"' in served
    assert served.replace(served[served.index('<aside class="preview-panel"'):served.index("</body>")], "") \
        .replace('<link rel="stylesheet" href="/__preview/preview.css">\n', "") == page


def _get(address) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(address, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _stop(process: subprocess.Popen) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


@pytest.mark.validators
def test_the_preview_in_a_real_browser(almanac, tmp_path):
    assert (TOOLS / "playwright-core").is_dir(), "run make test once: it installs the browser tools"
    output = tmp_path / "output"
    process, address = start_preview(almanac, output)
    try:
        assert address.startswith("http://127.0.0.1:")
        done = subprocess.run(["node", str(ROOT / "tools" / "preview-drive.js"), "scenario", address,
                               str(almanac / "chapters" / "03-data.md"), "data"], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
    finally:
        code, out, err = _stop(process)
    assert result["axe"] == [] and result["error_axe"] == []  # the page with its panel, and the error page
    assert result["panel_landmark"] == {"tag": "aside", "labelledBy": "preview-panel-title", "heading": "Source findings"}
    assert result["panel_chapter"].startswith("Data: ")
    assert result["keyboard_focus"] == "preview-findings"
    assert result["edit_shown"] and result["finding_gone"] and result["recovered"]
    assert f"03-data.md:{result['planted_line']}:" in result["finding_shown"]
    assert "click here" in result["finding_shown"] and "How to fix:" in result["finding_shown"]
    assert "raw HTML (<b>) is not allowed" in result["error_shown"] and result["stale_content_hidden"]
    assert result["other_hosts"] == []
    assert code == 0 and "Preview stopped." in out and "Traceback" not in err
    assert os.listdir(output / ".preview") == []  # its folder is removed; nothing else was written
    assert sorted(os.listdir(output)) == [".preview"]


def test_two_previews_on_one_source_keep_to_their_own_folders(almanac, tmp_path):
    output = tmp_path / "output"
    first, address_one = start_preview(almanac, output)
    second, address_two = start_preview(almanac, output)
    try:
        assert address_one != address_two
        folders = sorted(os.listdir(output / ".preview"))
        assert len(folders) == 2 and sorted(f.split("-")[0] for f in folders) == sorted([str(first.pid), str(second.pid)])
        for address in (address_one, address_two):
            status, page = _get(address)
            assert status == 200 and 'id="chapter-data"' in page and 'id="preview-panel"' in page
            assert _get(address + "__preview/../../../etc/passwd")[0] == 404  # nothing outside its folder
            assert _get(address + "%2e%2e/%2e%2e/pyproject.toml")[0] == 404
            request = urllib.request.Request(address, headers={"Host": "attacker.example"})
            assert _get(request)[0] == 403  # a page elsewhere reaching in through DNS rebinding
    finally:
        results = [_stop(first), _stop(second)]
    assert all(code == 0 and "Preview stopped." in out for code, out, _ in results)
    assert os.listdir(output / ".preview") == []


def test_a_port_in_use_is_a_clear_error(almanac, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        done = subprocess.run([sys.executable, "-m", "almanac_build", "--source", str(almanac), "--output",
                               str(tmp_path / "output"), "preview", "--port", str(port)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 3 and f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
