"""Tagged paragraphs: marked content inside the paragraph's own text object (BT…ET), with Link
elements for inline links and a real space glyph at every soft line break.

Relies on ReportLab 5.1.0 internals (pinned): `Paragraph.beginText`, the text object's `_code` list
and `_textOut`, and the undocumented `tx._linkRecord(link, 'start'|'end')` that `_putFragLine` calls.
The structural verifier in the tests catches any drift.
"""

from __future__ import annotations

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph

from .fonts import MONO_BASE, with_fallback
from .tagging import StructElem


class Recorded:
    """Mixin: a flowable that reports the source blocks it starts (or continues) for pagination."""

    _starts: tuple = ()
    _cont = None

    def drawOn(self, canvas, x, y, _sW=0):
        tagger = getattr(canvas, "_tagger", None)
        if tagger is not None and (self._starts or self._cont is not None):
            tagger.record(canvas, self)
        super().drawOn(canvas, x, y, _sW)


class TaggedTextObject(PDFTextObject):
    """Remembers which structure element each text-showing entry belongs to; `getCode` then opens
    and closes marked content around runs of entries, inside BT…ET, never nested."""

    def __init__(self, canvas, x, y, para: TaggedParagraph):
        super().__init__(canvas, x, y)
        self._para = para
        self._marks: dict[int, StructElem | None] = {}  # code index -> element of that text entry
        self._spaces: list[int] = []
        self._last_text = -1
        self._current = para._forced_link or para._elem
        self._pending: set[int] = set()  # link numbers started on this line, awaiting their annotation
        self._whole = _whole_link(para)  # a one-fragment paragraph that is one link never calls _linkRecord
        if self._whole is not None and para._forced_link is None:
            self._current = para.link_elem(self._whole)

    def _textOut(self, text, TStar=0):
        if text:
            self._code.append(self._formatText(text))
            self._last_text = len(self._code) - 1
            self._marks[self._last_text] = self._current
        if TStar:  # a real space at the soft line break, so extracted text keeps its word boundaries
            self._code.append(self._formatText(" "))
            self._spaces.append(len(self._code) - 1)
            self._marks[len(self._code) - 1] = self._current
            self._code.append("T*")

    def setFont(self, psfontname, size, leading=None):
        super().setFont(psfontname, size, leading)
        self._code_font(psfontname)

    def _setFont(self, psfontname, size):
        super()._setFont(psfontname, size)
        self._code_font(psfontname)

    def _code_font(self, name: str) -> None:
        """Inline code is set in the monospace font: text in it is a Code element inside the paragraph
        (a new one for each span), unless the whole paragraph is code or the text is a link's."""
        para = getattr(self, "_para", None)  # the base class sets the font before __init__ is done
        if para is None or para._forced_link is not None or para._elem is None or para._elem.role == "Code":
            return
        if name.startswith(MONO_BASE):
            if self._current is para._elem:
                self._current = StructElem("Code")
        elif self._current is not None and self._current.role == "Code":
            self._current = para._elem

    def _linkRecord(self, link, what):
        if self._para._forced_link is not None:
            return
        if what == "start":
            number = link[0]
            self._current = self._para.link_elem(number)
            self._pending.add(number)
            for index in self._marks:  # the link's first fragment was emitted before this call
                if index >= self._last_text >= 0:
                    self._marks[index] = self._current
        else:
            self._current = self._para._elem

    def next_link(self) -> tuple[StructElem, str]:
        """The Link element for the next annotation ReportLab creates (it sorts them by link number)."""
        para = self._para
        if para._forced_link is not None:
            return para._forced_link, para._forced_text
        number = min(self._pending) if self._pending else self._whole
        self._pending.discard(number)
        return para.link_elem(number), para._link_texts.get(number, "")

    def getCode(self):
        last = self._spaces and self._spaces[-1] == max(self._marks)
        if last and not self._para._more:  # no space after the last line (a page-split part keeps it)
            self._code[self._spaces[-1]] = ""
            del self._marks[self._spaces[-1]]
        tagger = self._canvas._tagger
        out, open_elem, is_open = [], None, False
        for index, entry in enumerate(self._code):
            if index in self._marks and (not is_open or self._marks[index] is not open_elem):
                if is_open:
                    out.append("EMC")
                open_elem, is_open = self._marks[index], True
                self._para.place(open_elem)
                out.append(tagger.begin(self._canvas, open_elem))
            if entry:
                out.append(entry)
        if is_open:
            out.append("EMC")
        out.append("ET")
        self._canvas._current_tx = None
        return " ".join(out)


class TaggedParagraph(Recorded, Paragraph):
    """A Paragraph whose text is the content of `elem` (P, H2, TD's P …). `forced_link` makes the whole
    paragraph one Link element (contents entries); `None` elem draws it as an artifact."""

    _more = False  # a page-split part that another part follows

    def __init__(self, text, style=None, *args, elem: StructElem | None = None,
                 forced_link: StructElem | None = None, forced_text: str = "", **kwargs):
        super().__init__(text, style, *args, **kwargs)
        if text is not None:  # split parts are made from fragments already cut
            self.frags = with_fallback(self.frags)
        self._elem = elem
        self._forced_link = forced_link
        self._forced_text = forced_text
        self._links: dict[int, StructElem] = {}
        self._link_texts = _link_texts(self.frags) if text is not None else {}

    def wrap(self, availWidth, availHeight):
        """Line breaking depends only on the width (the style and fragments never change after
        __init__), and ReportLab wraps table cells twice, once to size the row and again to draw it:
        the second wrap at the same width returns the first one's lines."""
        if getattr(self, "_wrapped_width", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size

    def beginText(self, x, y):
        tx = TaggedTextObject(self.canv, x, y, self)
        self.canv._current_tx = tx
        return tx

    def link_elem(self, number: int) -> StructElem:
        """The Link element for link `number`; split parts share it, so a link that wraps onto the
        next page is one element with an annotation on each page."""
        if number not in self._links:
            self._links[number] = StructElem("Link")
        return self._links[number]

    def place(self, elem: StructElem | None) -> None:
        """A Link joins its paragraph when its first text is painted, keeping tree order = paint order."""
        if elem is None or elem.parent is not None or elem is self._elem:
            return
        elem.parent = self._elem
        self._elem.content.append(elem)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for index, part in enumerate(parts):
            part._more = index < len(parts) - 1 or self._more
            if part is self:
                continue
            part._elem, part._forced_link, part._forced_text = self._elem, self._forced_link, self._forced_text
            part._links, part._link_texts = self._links, self._link_texts
            part._starts = self._starts if index == 0 else ()
            part._cont = self._cont if index == 0 else _own_ref(self)
            if index == 0 and hasattr(self, "_outline"):
                part._outline = self._outline
        return parts


def _whole_link(para) -> int | None:
    bl = getattr(para, "blPara", None)
    if bl is not None and bl.kind == 0 and getattr(bl, "link", None):
        return bl.link[0][0]
    return None


def _own_ref(flowable):
    starts = getattr(flowable, "_starts", ())
    return starts[-1] if starts else getattr(flowable, "_cont", None)


def _link_texts(frags) -> dict[int, str]:
    """The full text of each link, for its annotations' /Contents."""
    texts: dict[int, str] = {}
    for frag in frags:
        for number, _href in getattr(frag, "link", None) or ():
            texts[number] = texts.get(number, "") + frag.text
    return {n: " ".join(t.split()) for n, t in texts.items()}
