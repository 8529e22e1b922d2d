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

# ---------------------------------------------------------------- round two: SVG by allowlist, images measured
def svg(body: str, head: str = "", attrs: str = 'width="10" height="10"') -> str:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" {attrs}>\n{body}\n</svg>\n'


def png(width: int, height: int, rows: int | None = None, cut: int = 0) -> bytes:
    """An 8-bit greyscale PNG that declares width × height; `rows` of real data (default all); `cut`
    bytes removed from the end."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = (b"\x00" + b"\x80" * width) * (height if rows is None else rows)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return data[:-cut] if cut else data


def png_bomb(width: int, height: int) -> bytes:
    """A PNG header claiming width × height over a tiny IDAT (what a decompression bomb looks like)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 100000)) + chunk(b"IEND", b""))


def bad_svg(text: str) -> dict:
    return {**figure("images/bad.svg"), "images/bad.svg": text}


def bad_png(data: bytes) -> dict:
    return {**figure("images/bad.png"), "images/bad.png": data}


ROUND_TWO: dict[str, dict] = {
    "svg-set-handler": bad_svg(svg('<rect width="5" height="5"><set attributeName="onmouseover" to="alert(1)"/></rect>')),
    "svg-animate-href": bad_svg(svg('<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/>'
                                    '<text>x</text></a>')),
    "svg-css-import": bad_svg(svg("<style>@import url(http://example.com/x.css);</style>")),
    "svg-css-external-fill": bad_svg(svg('<rect width="5" height="5" style="fill:url(http://example.com/#x)"/>')),
    "svg-fill-attribute-url": bad_svg(svg('<rect width="5" height="5" fill="url(https://example.com/p.svg#p)"/>')),
    "svg-css-escape": bad_svg(svg("<style>rect { fill: u\\72l(http://example.com/x) }</style>")),
    "svg-external-dtd": bad_svg(svg('<rect width="5" height="5"/>',
                                    '<!DOCTYPE svg SYSTEM "http://example.com/evil.dtd">\n')),
    "svg-stylesheet-pi": bad_svg(svg('<rect width="5" height="5"/>',
                                     '<?xml-stylesheet href="http://example.com/x.css"?>\n')),
    "svg-xhtml-script": bad_svg(svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>')),
    "svg-image-element": bad_svg(svg('<image href="https://example.com/x.png" width="5" height="5"/>')),
    "svg-extreme-aspect": bad_svg(svg('<rect width="5" height="5"/>', attrs='width="100000" height="1"')),
    "svg-long-thin": bad_svg(svg('<rect width="5" height="5"/>', attrs='viewBox="0 0 1000 10"')),
    "png-bomb-header": bad_png(png_bomb(100_000, 100_000)),
    "png-over-budget": bad_png(png_bomb(8000, 8000)),
    "png-truncated": bad_png(png(200, 200, cut=40)),
    "png-lying-header": bad_png(png(300, 300, rows=10)),
    "jpeg-truncated": {**figure("images/bad.jpg"), "images/bad.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"},
}
CASES.update(ROUND_TWO)


def pipe_table(columns: int, rows: int) -> str:
    line = "|" + "|".join(["x"] * columns) + "|\n"
    return line + "|" + "|".join(["-"] * columns) + "|\n" + line * rows


SHAPE: dict[str, dict] = {
    "table-too-many-columns": data_plus(pipe_table(60, 2)),
    "table-too-many-cells": data_plus(pipe_table(2, 5001)),
    "list-too-many-items": data_plus("- item\n" * 2001),
    "too-many-headings": data_plus("".join(f"## Part {n}\n\nText.\n\n" for n in range(501))),
}
CASES.update(SHAPE)


def png_1bit(width: int, height: int) -> bytes:
    """A real, whole black-and-white PNG: many pixels, little memory to make."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = (b"\x00" + b"\xaa" * ((width + 7) // 8)) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


_PAD = ("Padding words for a very long publication. " * 2000 + "\n\n") * 7  # 0.6 MB a chapter


def _padded(name: str) -> str:
    return (SAMPLE / "chapters" / name).read_text(encoding="utf-8") + "\n\n" + _PAD


TOTALS: dict[str, dict] = {
    "pictures-over-total": {**data_plus("".join(f"![Picture {n}](images/big{n}.png)\n\n" for n in range(5))),
                            **{f"images/big{n}.png": png_1bit(7000, 6500) for n in range(5)}},
    "chapters-over-total": {f"chapters/{name}": (_padded(name) if name != "03-data.md" else DATA + "\n\n" + _PAD)
                            for name in ("01-introduction.md", "02-connectivity.md", "03-data.md", "04-annex.md")},
}
CASES.update(TOTALS)
