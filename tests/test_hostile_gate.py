"""The one gate (source/gate.py) holds for every field of every source file, by declaration: each
field of each schema gets hostile text (or, for addresses, a hostile address) and every output is
scanned (output_scan.py). A field added to a schema later is covered here without a new test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from almanac_build import cli
from almanac_build.checks.waivers import WAIVER_SCHEMA
from almanac_build.source import schema
from almanac_build.theme_gate import check_theme
from almanac_build.diagnostics import AlmanacError
from conftest import ROOT, copy_sample
from output_scan import scan_build

MARKUP = '"><script>alert(1)</script><a href="javascript:alert(1)" onclick="alert(1)">x</a>'
ADDRESS_KINDS = {"url", "email", "telephone"}
SCHEMAS = {"almanac.yaml": schema.ALMANAC_SCHEMA, "front matter": schema.FRONT_MATTER_SCHEMA,
           "councils": schema.COUNCIL_SCHEMA, "waivers": WAIVER_SCHEMA}


def text_fields(spec: dict, prefix: tuple = ()) -> list[tuple[str, ...]]:
    out = []
    for key, field in spec.items():
        if field.kind == "mapping":
            out += text_fields(field.fields or {}, prefix + (key,))
        elif field.kind in ("text", "lines") or field.kind == "list-of-text" and key != "chapters":
            out.append(prefix + (key,))  # lines (the address) as one line here; a list as one entry
    return out


def _kind(spec: dict, path: tuple[str, ...]) -> str:
    field = spec[path[0]]
    for key in path[1:]:
        field = field.fields[key]
    return field.kind


def _hostile(spec: dict, path: tuple[str, ...]):
    value = f"{path[-1]} {MARKUP}"
    return [value] if _kind(spec, path) == "list-of-text" else value


def address_fields(spec: dict, prefix: tuple = ()) -> list[tuple[tuple[str, ...], str]]:
    out = []
    for key, field in spec.items():
        if field.kind == "mapping":
            out += address_fields(field.fields or {}, prefix + (key,))
        elif field.kind in ADDRESS_KINDS:
            out.append((prefix + (key,), field.kind))
    return out


def _set(data: dict, path: tuple[str, ...], value: str) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _front_matter_text(chapter: str, fields: dict) -> str:
    _, front, body = chapter.split("---\n", 2)
    data = yaml.safe_load(front)
    data.update(fields)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body


def test_every_schema_declares_its_addresses_and_images():
    """A field whose example is an address or an image path is declared as such, so the gate applies."""
    for name, spec in SCHEMAS.items():
        for path in text_fields(spec):
            field = spec
            for key in path:
                field = field[key] if isinstance(field, dict) else field.fields[key]
            example = field.example.strip('"')
            assert not example.startswith(("http", "mailto:", "www.")), f"{name}: {path} is an address"
            assert "@" not in example and not example.endswith((".svg", ".png")), f"{name}: {path}"


@pytest.fixture(scope="module")
def every_text_field_hostile(tmp_path_factory) -> tuple[Path, int]:
    """The sample with MARKUP in every text field of almanac.yaml, a chapter's front matter and a
    council entry."""
    root = tmp_path_factory.mktemp("gate")
    source = copy_sample(root / "source")
    almanac = yaml.safe_load((source / "almanac.yaml").read_text(encoding="utf-8"))
    count = 0
    for path in text_fields(schema.ALMANAC_SCHEMA):
        _set(almanac, path, _hostile(schema.ALMANAC_SCHEMA, path))
        count += 1
    (source / "almanac.yaml").write_text(yaml.safe_dump(almanac, allow_unicode=True), encoding="utf-8")
    chapter = source / "chapters" / "02-connectivity.md"
    fields = {path[-1]: _hostile(schema.FRONT_MATTER_SCHEMA, path) for path in text_fields(schema.FRONT_MATTER_SCHEMA)}
    count += len(fields)
    chapter.write_text(_front_matter_text(chapter.read_text(encoding="utf-8"), fields), encoding="utf-8")
    councils = yaml.safe_load((source / "data" / "councils.yaml").read_text(encoding="utf-8"))
    for path in text_fields(schema.COUNCIL_SCHEMA):
        _set(councils["councils"][0], path, _hostile(schema.COUNCIL_SCHEMA, path))
        count += 1
    (source / "data" / "councils.yaml").write_text(yaml.safe_dump(councils, allow_unicode=True), encoding="utf-8")
    out = root / "out"
    assert cli.main(["--source", str(source), "--output", str(out), "build"]) == 0
    return out, count


def test_markup_in_every_text_field_reaches_no_output_as_markup(every_text_field_hostile):
    out, count = every_text_field_hostile
    assert count >= 18  # every text field of the three schemas (18 today)
    scanned = scan_build(out)
    assert scanned["html"] >= 2 and scanned["entries"] >= 10 and scanned["pdf-links"] >= 1
    page = (out / "almanac.html").read_text(encoding="utf-8")
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # shown as written, as text


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "https://x.org/\" onclick=\"alert(1)",
                                 "file:///etc/passwd", "https://", "x\u0001y"])
def test_every_address_field_refuses_hostile_addresses_at_its_line(bad, tmp_path, capsys):
    """Each field declared an address (web, email, telephone) refuses the value where it is written."""
    for path, kind in address_fields(schema.ALMANAC_SCHEMA):
        source = copy_sample(tmp_path / "-".join(path) / "source")
        text = (source / "almanac.yaml").read_text(encoding="utf-8")
        lines = text.splitlines()
        line = next(n for n, t in enumerate(lines, 1) if t.strip().startswith(path[-1] + ":"))
        lines[line - 1] = lines[line - 1].split(":", 1)[0] + ": " + yaml.safe_dump(bad, default_style='"').strip()
        (source / "almanac.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        status = cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build"])
        err = capsys.readouterr().err
        assert status == 2, (path, bad)
        assert f"almanac.yaml:{line}:" in err and f"'{path[-1]}' in '{path[0]}'" in err, err
        assert "Traceback" not in err


def test_web_address_error_message(tmp_path, capsys):
    source = copy_sample(tmp_path / "source")
    text = (source / "almanac.yaml").read_text(encoding="utf-8")
    (source / "almanac.yaml").write_text(text.replace("web: https://www.local.gov.uk", 'web: "javascript:alert(1)"'),
                                         encoding="utf-8")
    assert cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build"]) == 2
    errors = [line.split("/source/", 1)[1] for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    line = text.split("  web: https://www.local.gov.uk")[0].count("\n") + 1
    assert errors == [f"almanac.yaml:{line}:8: error: 'web' in 'contact' must be a web address starting https:// — "
                      "write a value such as https://www.local.gov.uk"]


def test_control_characters_are_refused_in_metadata_and_chapters(tmp_path, capsys):
    source = copy_sample(tmp_path / "source")
    text = (source / "almanac.yaml").read_text(encoding="utf-8")
    (source / "almanac.yaml").write_text(text.replace("title: The sample almanac", 'title: "The \\x01 sample"'),
                                         encoding="utf-8")
    chapter = source / "chapters" / "04-annex.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA vertical\x0btab.\n", encoding="utf-8")
    assert cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build"]) == 2
    errors = [line.split("/source/", 1)[1] for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    lines = chapter.read_text(encoding="utf-8").count("\n")
    title = text.split("title: The sample almanac")[0].count("\n") + 1
    assert errors == [
        f"almanac.yaml:{title}:8: error: 'title' in almanac.yaml contains the control character U+0001 — delete the "
        "character (it was probably pasted in)",
        f"chapters/04-annex.md:{lines}:11: error: the file contains the control character U+000B — delete it "
        "(it was probably pasted in)"]


def test_the_shipped_theme_passes_the_gate():
    assert check_theme(str(ROOT / "styles")) == yaml.safe_load((ROOT / "styles" / "theme.yaml").read_text())


@pytest.mark.parametrize("pattern, value, expected", [
    (r"(?m)^  link: .*$", "'#1d70b8\" onclick=\"x'",
     "the theme's 'colours.link' must be a colour like \"#1d70b8\", not '#1d70b8\" onclick=\"x'"),
    (r"(?m)^  family: .*$", "'A\"; } body { background: url(http://x) }'",
     "the theme's 'fonts.family' must be a font name (letters, digits, spaces), not "
     "'A\"; } body { background: url(http://x) }'"),
    (r"(?m)^  regular: .*$", "../../../../etc/passwd",
     "the theme's 'fonts.regular' must name a file inside the theme folder, not '../../../../etc/passwd'"),
    (r"(?m)^  bullet: .*$", "\"<img src=x>\"",
     "the theme's 'pdf.bullet' must not contain < > & \" ' { } ; or \\ (found in '<img src=x>')"),
    (r"(?m)^  body: .*$", ".inf", "the theme's 'sizes.body' must be a number from 0 to 1000, not .inf"),
])
def test_hostile_theme_values_are_refused_where_written(tmp_path, pattern, value, expected):
    """Each value replaced on its own line (found by its key, so the shipped theme may change)."""
    import re
    import shutil

    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    theme = styles / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    found = re.search(pattern, text)
    key = found.group().split(":", 1)[0]
    line, col = text.count("\n", 0, found.start()) + 1, len(key) + 3
    theme.write_text(text[:found.start()] + f"{key}: {value}" + text[found.end():], encoding="utf-8")
    with pytest.raises(AlmanacError) as caught:
        check_theme(str(styles))
    assert [str(d).split("/styles/", 1)[1].split(" — ")[0] for d in caught.value.diagnostics] == [
        f"theme.yaml:{line}:{col}: error: {expected}"]


def test_theme_stylesheets_may_not_load_from_elsewhere(tmp_path):
    import shutil

    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    css = styles / "html.css"
    lines = css.read_text(encoding="utf-8").count("\n")
    css.write_text(css.read_text(encoding="utf-8") + "@import url(https://example.com/x.css);\n"
                   "a { background: url(javascript:alert(1)) }\n", encoding="utf-8")
    with pytest.raises(AlmanacError) as caught:
        check_theme(str(styles))
    found = [str(d).split("/styles/", 1)[1].split(": error: ")[0] for d in caught.value.diagnostics]
    assert found == [f"html.css:{lines + 1}:1", f"html.css:{lines + 1}:9", f"html.css:{lines + 2}:17",
                     f"html.css:{lines + 2}:21"]
