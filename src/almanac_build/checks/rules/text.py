"""Running-text rules: sensory instructions, list markup, justified and small text, plain language,
characters no embedded font can draw, template syntax left in the text."""

from __future__ import annotations

import dataclasses
import re

from ... import glyphs
from ..registry import Hit, rule
from ..textutil import sentences, syllables, words

# IBM text_sensory_misuse word lists (above/below left out: they match reading order in a linear document).
_POSITION = ("top-left top-right bottom-right bottom-left top-to-bottom left-to-right bottom-to-top right-to-left "
             "right left top bottom upper lower corner beside").split()
_SHAPE = ("round square shape rectangle triangle circle size large small medium big huge tiny larger smaller bigger "
          "little largest smallest biggest").split()
_COLOUR = "red green blue yellow orange amber purple pink grey gray".split()
_EXEMPT = re.compile(r"right[- ]click\w*|left[- ]click\w*|square root|right now|off the top|top priorit\w+|"
                     r"right to\b|the right\b|rights?\b(?! (side|corner|hand|of the page|column))|left (over|behind|to)|"
                     r"large (number|scale|amount|part|proportion)|small (number|business\w*|amount|scale|part)|"
                     r"square (metre|meter|mile|foot|feet|kilometre)s?|round of|population size|"
                     r"(top|bottom) (line|tier|level|up)|(upper|lower) (tier|limit|case|income)|red tape|"
                     r"green (space|energy|economy|skills|jobs|recovery)|size of|\bsmall and medium", re.I)
_IMPERATIVE = re.compile(r"^(please |then |now |first,? )?(see|click|select|press|use|refer to|look at|find|tap|"
                         r"choose|follow|go to|check|open|scroll)\b|\b(click|press|select|tap) (on )?the\b|"
                         r"\b(shown|marked|highlighted|coloured|colored) in\b", re.I)


@rule("sensory-instruction", "An instruction relies on position, shape, size or colour (“click the button on "
      "the right”).", "notice", "5", "1.3.3", "source-text",
      fix="Name the thing as well: “select Submit (the green button on the right)”, or drop the sensory words.",
      failing=["To apply, click the green button on the right. {sensory-instruction}"],
      passing=["Councils have the right to request data. A large number of councils took part."])
def sensory(view):
    for block in view.blocks:
        if block.context != "body":
            continue
        for sentence in sentences(block.text):
            if not _IMPERATIVE.search(sentence):
                continue
            cleaned = _EXEMPT.sub(" ", sentence)
            found = [w for w in re.findall(r"[a-z]+(?:-[a-z]+)*", cleaned.lower()) if w in _POSITION or w in _SHAPE
                     or w in _COLOUR]
            if found:
                yield Hit(block.where, f"“{sentence[:90]}” relies on {', '.join(dict.fromkeys(found))}")


@rule("list-structure", "List markup is broken (a list holds something other than items, or an item sits "
      "outside a list).", "error", "3", "1.3.1", "rendered",
      fix="This comes from the writer, not the source: report it to the almanac_build maintainers.",
      failing=[], passing=["- first\n- second"])
def list_structure(view):
    for where, problem in view.list_problems:
        yield Hit(where, problem)


_BULLET = re.compile(r"^\s*[•·▪◦‣●■]\s*\S")
_INLINE_BULLET = re.compile(r"(?:^|\s)[•▪◦‣●■]\s+\S")  # hand-typed bullets joined into one line by a writer
_MARKER = re.compile(r"^\s*(?:[-–—*]\s+[A-Za-z]|[(]?[1-9]\d?[.)]\s+[A-Za-z])")


@rule("fake-list", "A list is typed by hand (bullet characters or numbers at line starts) instead of list markup.",
      "warning", "3", "1.3.1", "paragraphs",
      fix="Write the list as Markdown: each item on its own line starting with `- ` (or `1. `).",
      failing=["The steps are:\n• agree the scope\n• find funding {fake-list}"],
      passing=["The steps are:\n\n- agree the scope\n- find funding\n\nThe 2024 budget rose."])
def fake_list(view):
    for block in view.blocks:
        lines = block.lines or (block.text,)
        bullets = sum(bool(_BULLET.match(line)) for line in lines) or len(_INLINE_BULLET.findall(block.text)) // 2
        markers = sum(bool(_MARKER.match(line)) for line in lines[1:] if not _BULLET.match(line))
        if bullets or markers >= 2:
            yield Hit(block.where, f"“{block.text[:60]}” looks like a list typed by hand")


@rule("text-justified", "Body text is justified.", "warning", "3, 4", "1.4.8", "rendered",
      fix="Align body text to the left (styles/html.css, the DOCX/PDF paragraph styles).",
      failing=[], passing=["Left-aligned text."])
def justified(view):
    for where in view.facts.get("justified", []):
        yield Hit(where, "text is justified; keep it left-aligned")
    for block in view.blocks:
        if block.justified:
            yield Hit(block.where, "this paragraph is justified")
            break


@rule("min-font-size", "Body text is smaller than 12 point.", "warning", "4", "–", "point-sizes",
      fix="Set the body size to at least 12 pt in the publication's source/theme.yaml (`sizes: body`).",
      failing=[], passing=["Text."])
def min_font(view):
    size, where = view.facts.get("body_size", (None, None))
    if size is not None and size < 12:
        yield Hit(where or view.here("body text"), f"body text is {size:g} pt; use at least 12 pt")


@rule("sentence-too-long", "A sentence has more than 25 words.", "notice", "3", "3.1.5", "source-text",
      fix="Split the sentence, aiming for 25 words or fewer (GOV.UK).",
      failing=["Councils that want to improve connectivity in their areas should first understand the current "
               "coverage of broadband and mobile networks and then work with providers, neighbouring councils and "
               "communities to close the gaps. {sentence-too-long}"],
      passing=["Councils should first understand coverage. Then they can work with providers to close gaps."])
def long_sentence(view):
    for block in view.blocks:
        if block.context not in ("body", "quote"):
            continue
        for sentence in sentences(block.text):
            count = len(words(sentence))
            if count > 25:
                yield Hit(block.where, f"a sentence of {count} words: “{sentence[:70]}…”")


@rule("readability-score", "A section's Flesch reading ease is below 30 (very hard to read).", "notice", "3",
      "3.1.5", "source-text",
      fix="Use shorter sentences and everyday words; GOV.UK aims at a reading age of 9.",
      failing=[], passing=["We help councils. We share what works. You can ask us for help."])
def readability(view):
    sections: dict[int, list] = {}
    for block in view.blocks:
        if block.context == "body":
            sections.setdefault(block.section, []).append(block)
    for blocks in sections.values():
        yield from _score([b.text for b in blocks], blocks[0])


def _score(texts: list[str], first) -> list[Hit]:
    text = "\n".join(texts)  # a paragraph without a full stop (a lead-in) is not run into the next
    found = words(text)
    count = len(sentences(text))
    if len(found) < 100 or not count or first is None:
        return []
    ease = 206.835 - 1.015 * len(found) / count - 84.6 * sum(syllables(w) for w in found) / len(found)
    if ease < 30:
        return [Hit(first.where, f"Flesch reading ease {ease:.0f} for the {len(found)} words from here to the next heading")]
    return []


@rule("glyph-missing", "A character cannot be drawn by any font the outputs embed: it prints as an empty box "
      "and is missing from the PDF's text layer.", "error", "3", "1.3.1, 1.4.5", "glyphs",
      fix="Replace the character (or spell it out), or give the theme a font that has it: the theme's font comes "
          "first, then DejaVu Sans, chosen per character (docs/source-format.md, Characters and fonts).",
      failing=["Chinese for 'Chinese': 漢字 {glyph-missing}"],
      passing=["Croeso i Dŷ’r Cyngor: Ελληνικά, Русский, data → action ✓"])
def glyph_missing(view):
    located = view.facts.get("source_undrawable", [])
    for char, where in view.facts.get("undrawable", []):
        yield Hit(_at_character(where, char, located), f"no embedded font can draw {glyphs.describe(char)}")
    pages = [page["page"] for page in view.facts.get("pages", []) if page.get("notdef")]
    if not pages:
        return
    shown = f"page {pages[0]}" if len(pages) == 1 else f"pages {', '.join(map(str, pages[:10]))}"
    for char, loc in located:  # the PDF shows empty boxes: each character the source has that no font draws
        yield Hit(view.here(shown, loc), f"{glyphs.describe(char)} is drawn as an empty box (.notdef), "
                                         "with no text behind it")
    if not located:
        yield Hit(view.here(shown), f"characters on {shown} are drawn as an empty box (.notdef), with no text behind them")


@rule("template-leftover", "Template syntax (`{{ … }}`, `{% … %}`) from a content system or mail merge was left "
      "in the text: every edition would print it as it is.", "warning", "ST", "– (editorial)", "source-text",
      fix="Replace it with the words it stood for (write template syntax you mean to show as `code`).",
      failing=["Dear {{ council_name }}, thank you. {template-leftover}"],
      passing=["Write `{{ name }}` in the template; the almanac prints the council's name."])
def template_leftover(view):
    for text, where in view.facts.get("template_leftovers", []):
        yield Hit(where, f"template syntax “{text}” was left in the text")


def _at_character(where, char: str, located: list):
    """An output's finding at the character's own source line and column: the output's element is
    traced to a block, the source scan knows where in it (or near it) the character is written."""
    places = [loc for c, loc in located if c == char and loc is not None]
    source = getattr(where, "source", None)
    if not places or source is None:
        return where
    same_file = [loc for loc in places if loc.file == source.file] or places
    after = [loc for loc in same_file if loc.line >= source.line]
    return dataclasses.replace(where, source=(after or same_file)[0])
