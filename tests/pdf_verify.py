"""A structural verifier for the tagged PDFs, over pikepdf (used by the tests on both editions):

* every painting operator is inside marked content (an MCID or an artifact), marked content is never
  nested and never crosses BT/ET;
* each MCID round-trips: content stream ↔ structure element (MCR or MCID with /Pg) ↔ ParentTree;
* each Link element's text equals the /Contents of each of its annotations, and every link
  annotation is a Link element's OBJR with a ParentTree entry;
* on every page the order of MCIDs in the tree equals the order they are painted;
* every Figure has Alt, every TH a Scope; the catalog carries the PDF/UA keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

from almanac_build.checks.views.pdf_text import MarkedText, instructions

PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"', "BI"}
TEXT = {"Tj", "TJ", "'", '"'}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    mcids: int = 0
    elements: int = 0
    links: int = 0
    roles: dict[str, int] = field(default_factory=dict)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # (page index, mcid) -> text
    sizes: dict[tuple[int, int], float] = field(default_factory=dict)  # (page index, mcid) -> smallest Tf size
    structure: list[tuple[str, str]] = field(default_factory=list)  # (role, text) of every element, tree order
    table_pages: list[tuple[int, set[int]]] = field(default_factory=list)  # (first page, all pages) per Table
    orphans: list[str] = field(default_factory=list)  # headings and captions whose next content is on a later page

    def add(self, problem: str) -> None:
        if len(self.problems) < 200:
            self.problems.append(problem)


def verify(path: str) -> Report:
    report = Report()
    with pikepdf.open(path) as pdf:
        marked = MarkedText()  # the tool's one PDF text reader
        painted = [_scan_page(pdf, i, page, report, marked) for i, page in enumerate(pdf.pages)]
        _check_catalog(pdf, report)
        if "/StructTreeRoot" not in pdf.Root:
            report.add("no StructTreeRoot")
            return report
        tree = _Tree(pdf, report)
        tree.walk(pdf.Root.StructTreeRoot)
        tree.check_parent_tree(painted)
        tree.check_order(painted)
        tree.check_links()
        tree.find_orphans()
    return report


# ---------------------------------------------------------------- content streams


def _scan_page(pdf, index: int, page, report: Report, marked: MarkedText) -> list[int]:
    """Check the marked content of one page; return its MCIDs in paint order and record their text
    (as the checks read it: checks/views/pdf_text.py)."""
    order: list[int] = []
    stack: list[int | None] = []  # MCID of each open marked-content sequence, None for artifacts
    in_text, opened_in_text, size = False, [], 0.0
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("BDC", "BMC"):
            if stack:
                report.add(f"page {index + 1}: nested marked content")
            mcid = _mcid(operands) if name == "BDC" and str(operands[0]) != "/Artifact" else None
            if name == "BDC" and str(operands[0]) != "/Artifact" and mcid is None:
                report.add(f"page {index + 1}: tagged marked content without an MCID")
            stack.append(mcid)
            opened_in_text.append(in_text)
            if mcid is not None:
                order.append(mcid)
                report.texts[(index, mcid)] = ""
        elif name == "EMC":
            if not stack:
                report.add(f"page {index + 1}: EMC without BDC")
                continue
            stack.pop()
            if opened_in_text.pop() != in_text:
                report.add(f"page {index + 1}: marked content crosses BT/ET")
        elif name in ("BT", "ET"):
            in_text = name == "BT"
        elif name == "Tf":
            size = float(operands[1])
        elif name in PAINT:
            if not stack:
                report.add(f"page {index + 1}: '{name}' painted outside marked content")
            elif name in TEXT and stack[-1] is not None:
                key = (index, stack[-1])
                report.sizes[key] = min(report.sizes.get(key, size), size)
    marked.page(index, instructions(page), page.obj.get("/Resources"))
    for mcid in order:
        report.texts[(index, mcid)] = "".join(marked.texts.get((index, mcid), ()))
    report.mcids += len(order)
    if len(order) != len(set(order)):
        report.add(f"page {index + 1}: an MCID is used twice")
    return order


def _mcid(operands) -> int | None:
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
        return int(props.MCID)
    return None


def _check_catalog(pdf, report: Report) -> None:
    root = pdf.Root
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        report.add("catalog: MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        report.add("catalog: no /Lang")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        report.add("catalog: DisplayDocTitle is not true")
    metadata = root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in root else ""
    for needle in ("<dc:title>", "<dc:language>", "<pdfuaid:part>1</pdfuaid:part>"):
        if needle not in metadata:
            report.add(f"XMP metadata lacks {needle}")
    for i, page in enumerate(pdf.pages):
        if page.get("/Tabs") != pikepdf.Name.S:
            report.add(f"page {i + 1}: /Tabs is not /S")


# ---------------------------------------------------------------- structure tree


class _Tree:
    def __init__(self, pdf, report: Report):
        self.pdf, self.report = pdf, report
        self.page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        self.pages = list(pdf.pages)
        self.marks: list[tuple[int, int, object]] = []  # (page, mcid, element) in tree order
        self.links: list[tuple[object, list[tuple[int, int]], list]] = []  # (elem, its MCIDs, its annots)

    def walk(self, node, page=None) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            self.kid(node, kid, page)

    def kid(self, parent, kid, page) -> None:
        if isinstance(kid, int):
            self.marks.append((self._page(parent), int(kid), parent))
        elif kid.get("/Type") == "/MCR":
            self.marks.append((self.page_index.get(kid.Pg.objgen), int(kid.MCID), parent))
        elif kid.get("/Type") == "/OBJR":
            pass
        else:
            self.element(kid)

    def element(self, elem) -> None:
        role = str(elem.S)[1:]
        report = self.report
        report.elements += 1
        report.roles[role] = report.roles.get(role, 0) + 1
        attrs = elem.get("/A", {})
        if role == "Figure" and not str(elem.get("/Alt", "")).strip():
            report.add("Figure without Alt")
        if role == "TH" and "/Scope" not in attrs:
            report.add("TH without Scope")
        start = len(self.marks)
        self.walk(elem)
        marks = self.marks[start:]
        report.structure.append((role, " ".join("".join(report.texts.get((p, m), "") for p, m, _ in marks).split())))
        if role == "Table" and marks:
            report.table_pages.append((self._page(elem), {p for p, _, _ in marks}))
        if role == "Link":
            report.links += 1
            kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
            annots = [k.Obj for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            self.links.append((elem, [(p, m) for p, m, _ in self.marks[start:]], annots))

    def _page(self, elem):
        while elem is not None and "/Pg" not in elem:
            elem = elem.get("/P")
        return self.page_index.get(elem.Pg.objgen) if elem is not None else None

    def check_parent_tree(self, painted: list[list[int]]) -> None:
        report = self.report
        in_tree = {(p, m) for p, m, _ in self.marks}
        in_pages = {(p, m) for p, order in enumerate(painted) for m in order}
        for p, m in sorted(in_pages - in_tree)[:20]:
            report.add(f"page {p + 1}: MCID {m} painted but not in the structure tree")
        for p, m in sorted(in_tree - in_pages, key=str)[:20]:
            report.add(f"page {p}: MCID {m} in the structure tree but not painted")
        nums = self._parent_tree()
        for p, m, elem in self.marks:
            key = self.pages[p].obj.get("/StructParents") if p is not None else None
            entry = nums.get(int(key)) if key is not None else None
            if entry is None or m >= len(entry) or entry[m].objgen != elem.objgen:
                report.add(f"page {p + 1}: ParentTree does not map MCID {m} back to its element")
        for page_no, page in enumerate(self.pages):
            for annot in page.obj.get("/Annots", []):
                key = annot.get("/StructParent")
                if key is None or int(key) not in nums or str(nums[int(key)].S) != "/Link":
                    report.add(f"page {page_no + 1}: annotation without a Link element in the ParentTree")

    def _parent_tree(self) -> dict[int, object]:
        nums = self.pdf.Root.StructTreeRoot.ParentTree.Nums
        return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    def check_order(self, painted: list[list[int]]) -> None:
        by_page: dict[int, list[int]] = {}
        for p, m, _ in self.marks:
            by_page.setdefault(p, []).append(m)
        for p, order in enumerate(painted):
            if by_page.get(p, []) != order:
                self.report.add(f"page {p + 1}: structure tree order differs from paint order")

    def find_orphans(self) -> None:
        """A heading or caption at a page foot whose following content starts on a later page."""
        for (page, mcid, elem), (next_page, _, _) in zip(self.marks, self.marks[1:]):
            role = str(elem.S)[1:]
            if (role == "Caption" or re.fullmatch(r"H\d", role)) and next_page is not None and page is not None \
                    and next_page > page:
                self.report.orphans.append(f"page {page + 1}: {role} '{self.report.texts.get((page, mcid), '')[:50]}'")

    def check_links(self) -> None:
        for elem, marks, annots in self.links:
            text = " ".join(" ".join(self.report.texts.get(mark, "") for mark in marks).split())
            if not annots:
                self.report.add(f"Link '{text[:40]}' has no annotation (OBJR)")
            for annot in annots:
                contents = " ".join(str(annot.get("/Contents", "")).split())
                if contents != text:
                    self.report.add(f"Link text '{text[:60]}' differs from its /Contents '{contents[:60]}'")
