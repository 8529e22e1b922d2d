"""outloud's findings on a PDF edition, judged against the publication's structure as docs/pdf.md
explains, so the almanac and the second publication are held to the same judgement."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.text import block_text
from almanac_build.walk import iter_blocks
from pdf_verify import verify

BIN = Path(sys.executable).parent


def unexplained_outloud_findings(source_dir: Path, pdf: Path, work: Path) -> list[dict]:
    """The outloud errors (and TBL-014 warnings) that the structure does not explain:
    TBL-010 'N header cells against M data cells' only for a table whose row-header column explains the
    count; TBL-014 only on a page where a tagged table continues or where two tagged tables sit (outloud
    merges their rules into one grid that neither covers by half); TAG-002 only for a repeated header row
    on a continuation page (a pagination artifact, as PDF/UA wants). Fails if outloud itself failed."""
    report_path = work / f"outloud-{pdf.stem}.json"
    subprocess.run([str(BIN / "outloud"), "--json", str(report_path), "--fail-on", "never", str(pdf)],
                   capture_output=True, text=True, timeout=600)
    results = json.loads(report_path.read_text())["results"]
    assert results and not any(r["error"] for r in results), results
    tables = [t for chapter in load(str(source_dir)).chapters for t in iter_blocks(chapter.blocks)
              if isinstance(t, m.Table)]
    row_header_counts = {_counts(t) for t in tables if t.row_header_cols}
    header_rows = {" ".join(" ".join(block_text(c.blocks) for c in t.head[0]).split()) for t in tables if t.head}
    table_pages = verify(str(pdf)).table_pages
    continuation_pages = {p + 1 for first, pages in table_pages for p in pages if p != first}
    shared_pages = {p + 1 for p in range(1000) if sum(p in pages for _, pages in table_pages) > 1}
    unexplained = []
    for finding in (f for result in results for f in result["findings"]):
        if finding["severity"].lower() != "error" and finding["rule"] != "TBL-014":
            continue
        if finding["rule"] == "TBL-010":
            counts = re.fullmatch(r"header cells look shredded: (\d+) header cells against (\d+) data cells",
                                  finding["message"])
            explained = bool(counts) and tuple(map(int, counts.groups())) in row_header_counts
        elif finding["rule"] == "TBL-014":
            explained = finding["page"] in continuation_pages | shared_pages
        elif finding["rule"] == "TAG-002":
            explained = (finding["page"] in continuation_pages
                         and " ".join(finding["evidence"].split()) in header_rows)
        else:
            explained = False
        if not explained:
            unexplained.append(finding)
    return unexplained


def _counts(t: m.Table) -> tuple[int, int]:
    """(TH, TD) of a table whose row headers make TH outnumber TD."""
    body = [[(col, c) for col, c in enumerate(row) if c is not None] for row in t.grid()[len(t.head):]]
    th = sum(len(r) for r in t.head)
    row_headers = sum(1 for r in body for col, c in r if col < t.row_header_cols and block_text(c.blocks).strip())
    return th + row_headers, sum(len(r) for r in body) - row_headers
