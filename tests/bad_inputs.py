"""Broken sources for the bad-input tests: each case is a set of changes to the sample book
({relative path: new text, new bytes, None to delete, or ("symlink", target)})."""

from __future__ import annotations

from conftest import SAMPLE

DATA = (SAMPLE / "chapters" / "03-data.md").read_text(encoding="utf-8")
CONNECTIVITY = (SAMPLE / "chapters" / "02-connectivity.md").read_text(encoding="utf-8")
ALMANAC = (SAMPLE / "almanac.yaml").read_text(encoding="utf-8")
COUNCILS = (SAMPLE / "data" / "councils.yaml").read_text(encoding="utf-8")
DATA_CH = "chapters/03-data.md"


def data_plus(extra: str) -> dict:
    """The data chapter with `extra` appended after a blank line (its lines start at DATA_END + 2)."""
    return {DATA_CH: DATA.rstrip("\n") + "\n\n" + extra}


DATA_END = DATA.rstrip("\n").count("\n") + 1  # the last line of the data chapter
SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
SVG_ENTITY = ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
              '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>\n')
SVG_XXE = ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>\n')
SVG_JS_LINK = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
               '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n')
SVG_HANDLER = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>\n'


def figure(src: str) -> dict:
    return data_plus(f"![A chart]({src})\n")


CASES: dict[str, dict] = {
    "invalid-utf8": {DATA_CH: DATA.encode("utf-8").replace(b"## ", b"## \xff", 1)},
    "invalid-utf8-yaml": {"almanac.yaml": ALMANAC.encode("utf-8").replace(b"A test book", b"A \xe9 book")},
    "nul-byte": data_plus("Some text\x00 here.\n"),
    "yaml-front-matter": {DATA_CH: DATA.replace("title: Data", "title: Data: the basics", 1)},
    "yaml-front-matter-indent": {DATA_CH: DATA.replace("kind: outcome", "kind: outcome\n  colour: red", 1)},
    "yaml-data-file": {"data/councils.yaml": COUNCILS.replace("name: Dorset", "name: [Dorset", 1)},
    "yaml-almanac-tab": {"almanac.yaml": ALMANAC.replace("publisher:", "\tpublisher:", 1)},
    "yaml-alias": {"almanac.yaml": ALMANAC.replace("edition: \"2023\"", "edition: &e \"2023\"", 1)},
    "yaml-tag": {"almanac.yaml": ALMANAC.replace("edition: \"2023\"", "edition: !!python/object:os.system x", 1)},
    "no-front-matter": {DATA_CH: DATA.split("---\n", 2)[2]},
    "front-matter-not-closed": {DATA_CH: DATA.replace("---\n", "", 2).replace("id: data", "---\nid: data", 1)},
    "missing-title": {DATA_CH: DATA.replace("title: Data\n", "", 1)},
    "misspelled-title": {DATA_CH: DATA.replace("title: Data\n", "titel: Data\n", 1)},
    "council-missing-region": {"data/councils.yaml": COUNCILS.replace("    region: South West\n", "", 1)},
    "unknown-block": data_plus('::: {.casestudy organisation="Brent" council="brent"}\nText.\n:::\n'),
    "unclosed-code": data_plus("```\nsome code\n"),
    "unopened-block": data_plus("Text.\n:::\n"),
    "ragged-pipe-table": data_plus("| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n| 5 | 6 |\n"),
    "ragged-list-table": data_plus('::: {.table caption="Ragged"}\n- - A\n  - B\n- - 1\n  - 2\n  - 3\n:::\n'),
    "image-missing": figure("images/nothing.svg"),
    "image-not-an-image": {**figure("images/notes.png"), "images/notes.png": "just some text\n"},
    "image-outside-dotdot": figure("../outside.svg"),
    "image-absolute": figure("/etc/passwd"),
    "image-url": figure("https://example.com/chart.svg"),
    "image-symlink-outside": {**figure("images/link.svg"), "images/link.svg": ("symlink", "/etc/passwd")},
    "svg-script": {**figure("images/bad.svg"), "images/bad.svg": SVG_SCRIPT},
    "svg-entities": {**figure("images/bad.svg"), "images/bad.svg": SVG_ENTITY},
    "svg-xxe": {**figure("images/bad.svg"), "images/bad.svg": SVG_XXE},
    "svg-javascript-link": {**figure("images/bad.svg"), "images/bad.svg": SVG_JS_LINK},
    "svg-event-handler": {**figure("images/bad.svg"), "images/bad.svg": SVG_HANDLER},
    "duplicate-heading-id": data_plus("## One {#same}\n\nText.\n\n## Two {#same}\n\nText.\n"),
    "empty-chapter": {DATA_CH: DATA.split("---\n", 2)[0] + "---\n" + DATA.split("---\n", 2)[1] + "---\n\n"},
    "listed-not-found": {"almanac.yaml": ALMANAC.replace("  - 04-annex.md\n", "  - 04-annex.md\n  - 05-extra.md\n")},
    "not-listed": {"chapters/05-extra.md": DATA.replace("id: data", "id: extra", 1)},
    "raw-html-inline": data_plus('Click <span onclick="alert(1)">here</span>.\n'),
    "raw-html-comment": data_plus("<!-- a note for editors -->\n"),
    "raw-html-iframe": data_plus('<iframe src="https://example.com"></iframe>\n'),
    "javascript-autolink": data_plus("See <javascript:alert(1)>.\n"),
    "data-link": data_plus("See [this](data:text/html;base64,PHNjcmlwdD4=).\n"),
    "vbscript-link": data_plus("See [this](VBScript:msgbox).\n"),
    "long-line": data_plus("A sentence that goes on. " * 4001 + "\n"),
    "huge-file": data_plus("Words and more words. " * (50 * 1024 * 1024 // 22)),
    "nested-quotes": data_plus("> " * 500 + "Deep.\n"),
    "nested-lists": data_plus("".join("  " * i + "- item\n" for i in range(500))),
    "nested-blocks": data_plus("".join(":" * (503 - i) + " {.theme}\n" for i in range(500)) + "Deep.\n"
                               + "".join(":" * (4 + i) + "\n" for i in range(500))),
    "yaml-nested-too-deeply": {"data/councils.yaml": COUNCILS + "  - id: deep\n    name: " + "[" * 5000 + "]" * 5000},
    "chapter-symlink-outside": {DATA_CH: ("symlink", "/etc/hostname")},
    "nested-spans": data_plus("[" * 400 + "deep" + "]{.a}" * 400 + "\n"),
}
