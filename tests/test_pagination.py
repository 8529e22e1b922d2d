"""The shared reader of the print PDF's page record (writers/pagination.py): HTML and EPUB read it
through the same code, so a stale or broken record stops both with the same message."""

from __future__ import annotations

import json

import pytest

from almanac_build.diagnostics import ToolError
from conftest import SAMPLE, write_edition, write_pagination


def _stale(record: dict, how: str) -> dict:
    page = next(p for p in record["pages"] if p["block"] > 0)
    if how == "gone":
        page["block"] = 10_000
    elif how == "moved":
        file, line, column = page["loc"].rsplit(":", 2)
        page["loc"] = f"{file}:{int(line) + 3}:{column}"
    else:
        del page["label"]
    return record


@pytest.mark.parametrize("how", ["gone", "moved", "broken"])
def test_html_and_epub_refuse_a_stale_record_alike(tmp_path, how):
    messages = {}
    for name in ("html", "epub"):
        out = tmp_path / name
        record = _stale(write_pagination(SAMPLE, out / ".build", every=2), how)
        (out / ".build" / "pagination.json").write_text(json.dumps(record))
        with pytest.raises(ToolError) as caught:
            write_edition(SAMPLE, out, name)
        messages[name] = str(caught.value)
    assert messages["html"] == messages["epub"]
    assert messages["html"].startswith(".build/pagination.json: ") and "'make pdf'" in messages["html"]
    if how != "broken":
        assert "the source changed since the PDF was built: rebuild it with 'make pdf'" in messages["html"]
    assert not (tmp_path / "html" / "almanac.html").exists() and not (tmp_path / "epub" / "almanac.epub").exists()
