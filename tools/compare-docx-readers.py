"""Which Word reader keeps more: Pandoc's docx reader or mammoth? (the measurement behind `almanac import`)

Counts, for each .docx given, what the file holds (read from its XML) against what each reader gives back:
pictures, alt texts, Word's decorative flag, tables, header rows, captions, footnotes. mammoth is not a
dependency of the tool: run this in an environment that has it (`pip install mammoth`).

    python tools/compare-docx-readers.py PANDOC output/almanac.docx other.docx
"""

import json
import subprocess
import sys
import zipfile

import mammoth
from lxml import etree, html as lhtml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEYS = ("images", "alt", "decorative", "tables", "header_rows", "captions", "footnotes")


def in_file(path):
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    pictures = list(root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    tables = root.findall(f".//{W}tbl")
    styles = [p.get(W + "val") or "" for p in root.iter(W + "pStyle")]
    return dict(images=len(pictures), alt=sum(1 for d in pictures if (d.get("descr") or "").strip()),
                decorative=sum(1 for d in pictures if any(e.tag.endswith("}decorative") and e.get("val") in ("1", "true")
                                                           for e in d.iter())),
                tables=len(tables), header_rows=sum(1 for t in tables if t.find(f".//{W}tblHeader") is not None),
                captions=sum(1 for s in styles if "aption" in s), footnotes=len(list(root.iter(W + "footnoteReference"))))


def by_pandoc(pandoc, path):
    document = json.loads(subprocess.run([pandoc, "-f", "docx", "-t", "json", path], capture_output=True, check=True).stdout)
    counts = dict.fromkeys(KEYS, 0)

    def walk(node):
        if isinstance(node, dict):
            kind = node.get("t")
            if kind == "Image":
                counts["images"] += 1
                counts["alt"] += bool(node["c"][1])
            elif kind == "Table":
                counts["tables"] += 1
                counts["header_rows"] += bool(node["c"][3][1])
                counts["captions"] += bool(node["c"][1][1])
            elif kind == "Figure":
                counts["captions"] += bool(node["c"][1][1])
            elif kind == "Note":
                counts["footnotes"] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document["blocks"])
    return counts


def by_mammoth(path):
    with open(path, "rb") as handle:
        page = lhtml.fromstring("<div>" + mammoth.convert_to_html(handle).value + "</div>")
    images, tables = page.findall(".//img"), page.findall(".//table")
    return dict(images=len(images), alt=sum(1 for i in images if (i.get("alt") or "").strip()), decorative=0,
                tables=len(tables), header_rows=sum(1 for t in tables if t.find(".//th") is not None), captions=0,
                footnotes=len(page.xpath("//li[starts-with(@id, 'footnote')]")))


if __name__ == "__main__":
    pandoc = sys.argv[1]
    for path in sys.argv[2:]:
        print(path)
        for name, counts in (("in the file", in_file(path)), ("pandoc", by_pandoc(pandoc, path)),
                             ("mammoth", by_mammoth(path))):
            print(f"  {name:12} " + "  ".join(f"{k}={counts[k]}" for k in KEYS))
