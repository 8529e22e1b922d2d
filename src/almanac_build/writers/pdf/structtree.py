"""Writes the structure tree recorded during layout into the PDF with pikepdf: StructTreeRoot,
StructElems with MCRs and OBJRs, the ParentTree, page /StructParents and /Tabs /S, annotation
/StructParent, MarkInfo, /Lang, DisplayDocTitle and an XMP packet with pdfuaid:part 1. Saved with
object streams (the tree roughly doubles a ReportLab file otherwise) and a deterministic id."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .tagging import StructElem, Tagger

_TABLE_ATTRS = ("Scope", "ColSpan", "RowSpan")
PRODUCER = "almanac_build (ReportLab, pikepdf)"


def write_tree(src: str, dst: str, root: StructElem, tagger: Tagger, meta, epoch: int) -> None:
    with pikepdf.open(src) as pdf:
        _Writer(pdf, tagger).write(root)
        _catalog(pdf, meta, epoch)
        pdf.save(dst, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True,
                 min_version="1.7", fix_metadata_version=False)


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf, tagger: Tagger):
        self.pdf, self.tagger = pdf, tagger
        self.pages = [p.obj for p in pdf.pages]
        self.annots = self._annotations()
        self.refs: dict[int, pikepdf.Object] = {}
        self.first_page: dict[int, int] = {}
        self.ids: dict[str, pikepdf.Object] = {}  # /ID → element, for the IDTree

    def _annotations(self) -> dict[int, pikepdf.Object]:
        """Annotations by the build key ReportLab wrote into /StructParent."""
        found = {}
        for page in self.pages:
            for annot in page.get("/Annots", []):
                if "/StructParent" in annot:
                    found[int(annot.StructParent)] = annot
        return found

    def write(self, root: StructElem) -> None:
        pdf = self.pdf
        tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        tree.K = self.elem(root, tree)
        nums = Array()
        for page_no, marks in sorted(self.tagger.page_marks.items()):
            nums.extend([page_no - 1, Array([self.refs[id(e)] for e in marks])])
            self.pages[page_no - 1].StructParents = page_no - 1
        base = len(self.pages)
        for key, (page_no, elem) in enumerate(self.tagger.annotations):
            annot = self.annots[key]
            annot.StructParent = base + key
            annot.P = self.pages[page_no - 1]
            nums.extend([base + key, self.refs[id(elem)]])
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        tree.ParentTreeNextKey = base + len(self.tagger.annotations)
        if self.ids:  # required when elements carry /ID (PDF 32000-1, 14.7.2): a name tree, keys sorted
            names = Array()
            for key in sorted(self.ids):
                names.extend([String(key), self.ids[key]])
            tree.IDTree = pdf.make_indirect(Dictionary(Names=names))
        for page in self.pages:
            page.Tabs = Name.S
        pdf.Root.StructTreeRoot = tree

    def elem(self, elem: StructElem, parent) -> pikepdf.Object:
        d = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent))
        self.refs[id(elem)] = d
        own_page = next((c[1] for c in elem.content if isinstance(c, tuple)), None)
        first_page, kids = own_page, Array()
        for kid in elem.kids + elem.content:
            if isinstance(kid, StructElem):
                kids.append(self.elem(kid, d))
                first_page = first_page or self.first_page.get(id(kid))
            elif kid[0] == "mcid":
                _, page, mcid = kid
                kids.append(mcid if page == own_page else
                            Dictionary(Type=Name.MCR, Pg=self.pages[page - 1], MCID=mcid))
            else:
                _, page, key = kid
                kids.append(Dictionary(Type=Name.OBJR, Obj=self.annots[key], Pg=self.pages[page - 1]))
        if first_page is not None:  # containers get the page where they start (checkers locate them by it)
            d.Pg = self.pages[first_page - 1]
            self.first_page[id(elem)] = first_page
        d.K = kids[0] if len(kids) == 1 else kids  # a lone kid stands alone (pdfua 0.1's heading rule needs it)
        self._attributes(elem, d)
        return d

    def _attributes(self, elem: StructElem, d) -> None:
        if elem.alt:
            d.Alt = String(elem.alt)
        if elem.role == "Figure" and elem.bbox:
            d.A = Dictionary(O=Name.Layout, BBox=Array([round(v, 2) for v in elem.bbox]), Placement=Name.Block)
        table = {k: v for k, v in elem.attrs.items() if k in _TABLE_ATTRS}
        if table:
            d.A = Dictionary(O=Name.Table, **{k: (Name("/" + v) if isinstance(v, str) else v)
                                              for k, v in table.items()})
        if "ListNumbering" in elem.attrs:
            d.A = Dictionary(O=Name.List, ListNumbering=Name("/" + elem.attrs["ListNumbering"]))
        if elem.id and elem.id not in self.ids:  # ids are unique in the tree
            d.ID = String(elem.id)
            self.ids[elem.id] = d


def _catalog(pdf: pikepdf.Pdf, meta, epoch: int) -> None:
    root = pdf.Root
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = String(meta.language)
    prefs = root.get("/ViewerPreferences", Dictionary())
    prefs.DisplayDocTitle = True
    root.ViewerPreferences = prefs
    stamp = dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    pdf.docinfo.CreationDate = pdf_date
    pdf.docinfo.ModDate = pdf_date
    pdf.docinfo.Producer = PRODUCER
    xmp = pdf.make_stream(_xmp(meta, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")).encode("utf-8"))
    xmp.Type, xmp.Subtype = Name.Metadata, Name.XML
    root.Metadata = xmp


def _xmp(meta, when: str) -> str:
    e = lambda s: escape(s or "")  # noqa: E731
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(meta.publisher)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.description)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{e(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.copyright)}</rdf:li></rdf:Alt></dc:rights>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>almanac_build</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
