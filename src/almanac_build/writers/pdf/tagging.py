"""Record-while-drawing tagging: the logical structure tree, marked-content ids (MCIDs) handed out as
ReportLab paints, and a canvas that tags link annotations and turns stray painting into artifacts.

ReportLab writes no structure tree. Each flowable draws its content inside `/Role <</MCID n>> BDC … EMC`
and records `(page, mcid)` on its structure element; `structtree.py` writes the tree afterwards with
pikepdf. Anything painted outside marked content (underlines, backgrounds, rules) is wrapped in
`/Artifact BMC … EMC` by the safety net in `showPage`, so every painting operator is tagged or an
artifact. See the team's shared notes, pdf-tagging-notes.md (docs/pdf.md says where), for the ReportLab hooks this relies on (pinned 5.1.0).
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas, _annFormat


class StructElem:
    """One structure element. `kids` are child elements fixed when the story is built; `content` is
    what drawing adds (MCIDs, annotation references, Link elements created while a paragraph is set)."""

    __slots__ = ("role", "kids", "content", "alt", "attrs", "parent", "bbox", "id")

    def __init__(self, role: str, parent: StructElem | None = None, alt: str = "", **attrs):
        self.role = role
        self.kids: list[StructElem] = []
        self.content: list = []
        self.alt = alt
        self.attrs = attrs  # e.g. Scope="Column" (Table attributes), written as /A
        self.parent = parent
        self.bbox = None
        self.id = ""
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, alt: str = "", **attrs) -> StructElem:
        return StructElem(role, self, alt, **attrs)

    def walk(self):
        yield self
        for kid in self.children():
            yield from kid.walk()

    def children(self) -> list[StructElem]:
        return self.kids + [c for c in self.content if isinstance(c, StructElem)]

    def __repr__(self) -> str:
        return f"<{self.role} {len(self.kids)} kids {len(self.content)} marks>"


class Tagger:
    """Drawing-time state of one build pass: MCIDs per page, annotations, artifact mode, pagination."""

    def __init__(self, root: StructElem):
        self.root = root
        self.page_marks: dict[int, list[StructElem]] = {}  # page (1-based) -> element of each MCID
        self.annotations: list[tuple[int, StructElem]] = []  # annotation key -> (page, Link element)
        self.artifact_depth = 0  # >0 while drawing repeated table headers: text becomes artifacts
        self.untagged_text = 0  # text objects the safety net had to make artifacts (should stay 0)
        self.records: list[tuple[int, str, tuple]] = []  # (page, "start"|"cont", block ref)
        self.anchor_pages: dict[str, int] = {}
        self.late_contents: dict[int, object] = {}  # id(Link) -> callable giving /Contents at save time
        self.late_annotations: list[tuple[object, StructElem]] = []

    def mark(self, elem: StructElem, page: int) -> int:
        marks = self.page_marks.setdefault(page, [])
        marks.append(elem)
        elem.content.append(("mcid", page, len(marks) - 1))
        return len(marks) - 1

    def annotation(self, elem: StructElem, page: int) -> int:
        self.annotations.append((page, elem))
        elem.content.append(("objr", page, len(self.annotations) - 1))
        return len(self.annotations) - 1

    def begin(self, canv: Canvas, elem: StructElem | None) -> str:
        """The BDC operator that opens marked content for `elem` (an artifact when elem is None)."""
        if elem is None or self.artifact_depth:
            return "/Artifact <</Type /Pagination>> BDC" if self.artifact_depth else "/Artifact BMC"
        return f"/{elem.role} <</MCID {self.mark(elem, canv.getPageNumber())}>> BDC"

    def record(self, canv: Canvas, flowable) -> None:
        """Pagination: which source blocks start (or continue) on the page being drawn."""
        if self.artifact_depth:  # a repeated table header row is not where its blocks start
            return
        page = canv.getPageNumber()
        for ref in getattr(flowable, "_starts", ()):
            self.records.append((page, "start", ref))
        cont = getattr(flowable, "_cont", None)
        if cont is not None:
            self.records.append((page, "cont", cont))


@contextmanager
def marked(canv: Canvas, elem: StructElem | None):
    """Draw the body of the `with` as the content of `elem` (or as an artifact when elem is None)."""
    canv._code.append(canv._tagger.begin(canv, elem))
    try:
        yield
    finally:
        canv._code.append("EMC")


@contextmanager
def artifact(canv: Canvas, kind: str = "", subtype: str = ""):
    """An explicit artifact, e.g. artifact(canv, 'Pagination', 'Header') for a running head."""
    props = (f" /Type /{kind}" if kind else "") + (f" /Subtype /{subtype}" if subtype else "")
    canv._code.append(f"/Artifact <<{props} >> BDC" if props else "/Artifact BMC")
    try:
        yield
    finally:
        canv._code.append("EMC")


_STRING = re.compile(r"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"', "BI"}


def paints(entry: str) -> bool:
    """Does a content-stream fragment paint anything (path fill/stroke, image, text)?"""
    return not _PAINT.isdisjoint(_STRING.sub(" ", entry).split())


class _TaggedLinkAnnotation(pdfdoc.LinkAnnotation):
    permitted = pdfdoc.LinkAnnotation.permitted + ("StructParent",)


class TaggedCanvas(Canvas):
    """A canvas that wraps untagged painting in artifacts and ties link annotations to Link elements."""

    def __init__(self, *args, tagger: Tagger, **kwargs):
        super().__init__(*args, **kwargs)
        self._tagger = tagger
        self._current_tx = None  # the paragraph text object being set (links come from it)
        self._link_override = None  # (Link element, text) for a link drawn outside a paragraph
        self.before_save: list = []  # callables run before the file is written (late forms, contents)

    def save(self):
        for hook in self.before_save:
            hook(self)
        for annotation, elem in self._tagger.late_annotations:
            annotation.Contents = self._tagger.late_contents[id(elem)]()
        super().save()

    def showPage(self):
        self._code[:] = self._artifact_net(self._code)
        super().showPage()

    def _artifact_net(self, code: list[str]) -> list[str]:
        out: list[str] = []
        depth = 0
        for entry in code:
            if entry == "EMC":
                depth -= 1
            elif entry.endswith(("BDC", "BMC")) and entry.startswith("/"):
                depth += 1
            elif depth == 0 and not (entry.startswith("BT") and " BDC" in entry) and paints(entry):
                if entry.lstrip().startswith("BT"):
                    self._tagger.untagged_text += 1
                out += ["/Artifact BMC", entry, "EMC"]
                continue
            out.append(entry)
        return out

    def _link_target(self) -> tuple[StructElem, str]:
        if self._link_override is not None:
            return self._link_override
        tx = self._current_tx
        if tx is None:
            raise RuntimeError("a link annotation outside a tagged paragraph")
        return tx.next_link()

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        elem, text = self._link_target()
        kw.update(StructParent=self._tagger.annotation(elem, self.getPageNumber()), Contents=PDFString(text),
                  F=4)
        return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        elem, text = self._link_target()
        kw.update(Rect=self._absRect(Rect, relative), Contents=text, F=4,
                  Destination=self._bookmarkReference(destinationname),
                  StructParent=self._tagger.annotation(elem, self.getPageNumber()))
        _annFormat(kw, color, thickness, dashArray)
        annotation = _TaggedLinkAnnotation(**kw)
        if id(elem) in self._tagger.late_contents:  # e.g. a contents entry: its page number is known at the end
            self._tagger.late_annotations.append((annotation, elem))
        return self._addAnnotation(annotation, name, addtopage)
