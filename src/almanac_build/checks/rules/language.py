"""Document title and language (guidance item 6 and G; WCAG 2.4.2, 3.1.1, 3.1.2)."""

from __future__ import annotations

import re

from ..registry import Hit, rule

# ISO 639-1 codes (and a few common 639-2/3 ones): the primary subtag must be a real language (axe valid-lang).
_ISO6391 = set("""aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my
na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
sco gla cym gle ang enm fil haw yue cmn und zxx mul""".split())
_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")  # veraPDF 7.2-29


@rule("doc-title-missing", "The document has no title.", "error", "6", "2.4.2", "title",
      fix="Set `title:` in almanac.yaml (and in the chapter's front matter); every output takes it from there.",
      failing=[], passing=["## A section\n\nThe title comes from almanac.yaml and the front matter."])
def title_missing(view):
    if view.title is None or not view.title.strip():
        yield Hit(view.title_where or view.here("title"), "the document's title is missing or empty")
    for where in view.facts.get("untitled", []):  # EPUB: every content document needs its own <title>
        yield Hit(where, "this content document has no <title>")


_FILENAME_TITLE = re.compile(r"^\S*\.[a-zA-Z]{1,4}$|^https?://\S*$|^(untitled|document\d*|title|new document)$", re.I)


@rule("doc-title-filename", "The title looks like a file name, a web address or a default (“Untitled”).",
      "warning", "6", "2.4.2", "title",
      fix="Give the publication (and each chapter) a title a reader would recognise.",
      failing=[], passing=["## A section\n\nThe title comes from almanac.yaml and the front matter."])
def title_filename(view):
    title = (view.title or "").strip()
    if title and _FILENAME_TITLE.match(title) and not re.search(r"\.(com|net|org)\b", title):
        yield Hit(view.title_where or view.here("title"), f"the title “{title}” looks like a file name or address")


@rule("doc-lang-missing", "The document does not declare its language.", "error", "G", "3.1.1", "language",
      fix="Set `language: en-GB` in almanac.yaml; every output takes it from there.",
      failing=[], passing=["## A section\n\nThe language comes from almanac.yaml (language: en-GB)."])
def lang_missing(view):
    if not view.langs:
        yield Hit(view.here("document"), "no language is declared")
    for value, where in view.langs:
        if value is None:
            yield Hit(where, "no language is declared here")


@rule("lang-invalid", "A language value is not a valid language tag.", "error", "G", "3.1.1, 3.1.2", "language",
      fix="Use a BCP 47 tag such as en-GB or cy.",
      failing=[], passing=["## A section\n\nThe language comes from almanac.yaml (language: en-GB)."])
def lang_invalid(view):
    for value, where in view.langs:
        if value is None:
            continue
        if not value.strip() or not _TAG.match(value.strip()) or value.strip().split("-")[0].lower() not in _ISO6391:
            yield Hit(where, f"“{value}” is not a valid language tag")
    for (first, where), (second, _) in view.facts.get("lang_pairs", []):
        if first and second and first.split("-")[0].lower() != second.split("-")[0].lower():
            yield Hit(where, f"lang “{first}” and xml:lang “{second}” name different languages")
