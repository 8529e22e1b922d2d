"""PDF/UA-1 format checks (Matterhorn / veraPDF conditions), read from the PDF view's facts."""

from __future__ import annotations

from ..registry import Hit, rule
from ..textutil import normalise

_NO_SOURCE = []  # format-level rules: there is no source example; the writer is responsible


@rule("pdf-tagged", "The PDF is not tagged (no MarkInfo /Marked true, no structure tree, or Suspects true).",
      "error", "3", "1.3.1",
      "pdf-structure", fix="The PDF writer must write a structure tree and /MarkInfo <</Marked true>>.",
      failing=_NO_SOURCE, passing=_NO_SOURCE)
def tagged(view):
    facts = view.facts
    if not facts.get("marked"):
        yield Hit(view.here("catalog /MarkInfo"), "the catalog has no /MarkInfo /Marked true")
    if not facts.get("struct_tree"):
        yield Hit(view.here("catalog /StructTreeRoot"), "the PDF has no structure tree")
    if facts.get("suspects"):
        yield Hit(view.here("catalog /MarkInfo"), "/MarkInfo /Suspects is true")


@rule("pdf-content-tagged-or-artifact", "Some text is neither tagged nor marked as an artifact.", "error", "3",
      "1.3.1, 1.3.2",
      "pdf-structure", fix="The PDF writer must wrap every text run in marked content (a tag or /Artifact).",
      failing=_NO_SOURCE, passing=_NO_SOURCE)
def content_marked(view):
    for page in view.facts.get("pages", []):
        if page["untagged"]:
            yield Hit(view.here(f"page {page['page']}"), f"{page['untagged']} text operation(s) on page {page['page']} "
                                                         "are outside any marked content")


@rule("pdf-fonts-unicode", "A font is not embedded, or its text cannot be mapped to Unicode.", "error", "G",
      "PDF/UA-1 7.21", "pdf-structure", fix="Embed the fonts (subset TrueType) with a ToUnicode map.",
      failing=_NO_SOURCE, passing=_NO_SOURCE)
def fonts(view):
    for font in view.facts.get("fonts", []):
        if font["subtype"] == "/Type3":
            continue
        where = view.here(f"page {font['page']} font {font['name']}")
        if not font["embedded"]:
            yield Hit(where, f"the font {font['name']} is not embedded")
        if not font["to_unicode"] and font["encoding"] not in ("/WinAnsiEncoding", "/MacRomanEncoding",
                                                               "/StandardEncoding"):
            yield Hit(where, f"the font {font['name']} has no ToUnicode map")


@rule("pdf-bookmarks", "The PDF has no bookmarks, or they do not mirror the headings.", "warning", "3, 6", "2.4.5",
      "pdf-structure", fix="Write an outline entry for every chapter and section heading.",
      failing=_NO_SOURCE, passing=_NO_SOURCE)
def bookmarks(view):
    titles = view.facts.get("outlines", [])
    if not titles:
        yield Hit(view.here("catalog /Outlines"), "the PDF has no bookmarks")
        return
    outline = {normalise(t) for t in titles}
    missing = [h for h in view.headings if h.text and h.level in (2, 3) and normalise(h.text) not in outline]
    if missing:
        yield Hit(missing[0].where, f"{len(missing)} chapter/section heading(s) have no bookmark, "
                                    f"the first “{missing[0].text[:50]}”")


@rule("pdf-link-annotation", "A link annotation is not inside a Link structure element, or has no /Contents.",
      "error", "7", "2.4.4, 4.1.2",
      "pdf-structure", fix="The PDF writer must give each link annotation /Contents and a "
      "/StructParent pointing at its Link element.", failing=_NO_SOURCE, passing=_NO_SOURCE)
def link_annotations(view):
    for page in view.facts.get("pages", []):
        for annot in page["links"]:
            if annot["hidden"]:
                continue
            problems = []
            if not annot["struct_parent"]:
                problems.append("is not in the structure tree (no /StructParent)")
            if not annot["contents"]:
                problems.append("has no /Contents")
            if problems:
                yield Hit(view.here(f"page {page['page']} link annotation"), "a link annotation " + " and ".join(problems))


@rule("pdf-tab-order", "A page with annotations has no /Tabs /S.", "error", "3", "2.4.3", "pdf-structure",
      fix="Set /Tabs /S on every page that has annotations.", failing=_NO_SOURCE, passing=_NO_SOURCE)
def tab_order(view):
    for page in view.facts.get("pages", []):
        if page["links"] and page["tabs"] != "/S":
            yield Hit(view.here(f"page {page['page']}"), f"page {page['page']} has links but /Tabs is "
                                                         f"{page['tabs'] or 'missing'}")


@rule("pdf-display-doc-title", "The viewer shows the file name instead of the title (no DisplayDocTitle true).",
      "error", "6", "2.4.2", "pdf-structure", fix="Set /ViewerPreferences <</DisplayDocTitle true>> in the catalog.",
      failing=_NO_SOURCE, passing=_NO_SOURCE)
def display_title(view):
    if not view.facts.get("display_doc_title"):
        yield Hit(view.here("catalog /ViewerPreferences"), "DisplayDocTitle is not true")


@rule("pdf-ua-identifier", "The XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part 1).", "warning",
      "G", "–",
      "pdf-structure", fix="Write XMP metadata with pdfuaid:part = 1.", failing=_NO_SOURCE, passing=_NO_SOURCE)
def ua_identifier(view):
    if not view.facts.get("xmp"):
        yield Hit(view.here("catalog /Metadata"), "the PDF has no XMP metadata stream")
    elif str(view.facts.get("pdfua_part")) != "1":
        yield Hit(view.here("XMP pdfuaid:part"), "XMP has no pdfuaid:part = 1")
