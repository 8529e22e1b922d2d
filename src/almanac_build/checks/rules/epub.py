"""EPUB Accessibility 1.1 package checks (Ace's metadata, page-list and reading-order checks)."""

from __future__ import annotations

import re

from ..registry import Hit, rule

ACCESS_MODES = {"auditory", "tactile", "textual", "visual", "chartOnVisual", "chemOnVisual", "colorDependent",
                "diagramOnVisual", "mathOnVisual", "musicOnVisual", "textOnVisual"}
FEATURES = {"alternativeText", "annotations", "audioDescription", "bookmarks", "braille", "captions", "ChemML",
            "describedMath", "displayTransformability", "highContrastAudio", "highContrastDisplay", "index",
            "largePrint", "latex", "longDescription", "MathML", "none", "printPageNumbers", "readingOrder",
            "rubyAnnotations", "signLanguage", "structuralNavigation", "synchronizedAudioText", "tableOfContents",
            "taggedPDF", "tactileGraphic", "tactileObject", "timingControl", "transcript", "ttsMarkup",
            "unlocked", "pageBreakMarkers", "pageNavigation", "unknown", "fullRubyAnnotations", "horizontalWriting",
            "verticalWriting", "withAdditionalWordSegmentation", "withoutAdditionalWordSegmentation",
            "sign-language", "ARIA", "latex-chemistry", "MathML-chemistry", "describedMath", "closeCaptions",
            "openCaptions"}
HAZARDS = {"flashing", "noFlashingHazard", "motionSimulation", "noMotionSimulationHazard", "sound",
           "noSoundHazard", "none", "unknown", "unknownFlashingHazard", "unknownMotionSimulationHazard",
           "unknownSoundHazard"}
_CLAIM = re.compile(r"^EPUB Accessibility 1\.1 - WCAG 2\.[012] Level (A|AA|AAA)$")
_NONE = []


def _values(view, name: str) -> list[str]:
    return [v for p, v in view.facts.get("meta", []) if p == f"schema:{name}"]


@rule("epub-a11y-metadata-required", "The package lacks schema:accessMode, accessibilityFeature or "
      "accessibilityHazard.", "error", "1, ST", "–",
      "epub-package", fix="The EPUB writer must declare them in content.opf.",
      failing=_NONE, passing=_NONE)
def required(view):
    for name in ("accessMode", "accessibilityFeature", "accessibilityHazard"):
        if not _values(view, name):
            yield Hit(view.here(f"content.opf schema:{name}"), f"schema:{name} is missing")


@rule("epub-a11y-metadata-recommended", "The package lacks schema:accessibilitySummary or accessModeSufficient.",
      "warning", "ST", "–", "epub-package", fix="The EPUB writer should declare them in content.opf.",
      failing=_NONE, passing=_NONE)
def recommended(view):
    for name in ("accessibilitySummary", "accessModeSufficient"):
        if not _values(view, name):
            yield Hit(view.here(f"content.opf schema:{name}"), f"schema:{name} is missing")


@rule("epub-a11y-metadata-values", "An accessibility metadata value is not allowed, or values contradict "
      "each other.", "warning", "ST", "–",
      "epub-package", fix="Use the values from the schema.org accessibility vocabulary.",
      failing=_NONE, passing=_NONE)
def values(view):
    where = view.here("content.opf metadata")
    checks = (("accessMode", ACCESS_MODES), ("accessibilityFeature", FEATURES), ("accessibilityHazard", HAZARDS))
    for name, allowed in checks:
        found = _values(view, name)
        for value in found:
            if value not in allowed:
                yield Hit(where, f"schema:{name} “{value}” is not a known value")
        if len(found) > 1 and ({"none", "unknown"} & set(found)):
            yield Hit(where, f"schema:{name} combines none/unknown with other values")
    for value in _values(view, "accessModeSufficient"):
        for part in (p.strip() for p in value.split(",")):
            if part not in ACCESS_MODES:
                yield Hit(where, f"schema:accessModeSufficient part “{part}” is not an access mode")
    hazards = set(_values(view, "accessibilityHazard"))
    for bad, good in (("flashing", "noFlashingHazard"), ("motionSimulation", "noMotionSimulationHazard"),
                      ("sound", "noSoundHazard")):
        if bad in hazards and good in hazards:
            yield Hit(where, f"accessibilityHazard declares both {bad} and {good}")
    if "pageNavigation" in _values(view, "accessibilityFeature") and not view.facts.get("nav_page_list"):
        yield Hit(where, "pageNavigation is declared but there is no page list")


@rule("epub-conformance-claim", "A conformance claim is not in the EPUB Accessibility 1.1 form, or has no "
      "a11y:certifiedBy.", "warning", "G, ST", "–", "epub-package",
      fix="Claim exactly “EPUB Accessibility 1.1 - WCAG 2.2 Level AA” (done by `almanac check` when nothing blocks) "
          "with a11y:certifiedBy naming the publisher.", failing=_NONE, passing=_NONE)
def conformance_claim(view):
    where = view.here("content.opf dcterms:conformsTo")
    claims = [v for p, v in view.facts.get("meta", []) if p == "dcterms:conformsTo"]
    claims += [href for rel, href in view.facts.get("links", []) if rel == "dcterms:conformsTo" and href]
    for claim in claims:
        if claim.startswith("EPUB Accessibility") and not _CLAIM.match(" ".join(claim.split())):
            yield Hit(where, f"the conformance claim “{claim}” is not in the EPUB Accessibility 1.1 form")
    if claims and not any(p == "a11y:certifiedBy" for p, _ in view.facts.get("meta", [])):
        yield Hit(where, "a conformance claim without a11y:certifiedBy")


@rule("epub-page-list", "Page breaks and the page list do not match, or the print source is not named.",
      "error", "3", "2.4.5",
      "epub-package", fix="The EPUB writer must list every page break in the nav page-list, point "
      "every entry at a page break, and name the print edition in dc:source.", failing=_NONE, passing=_NONE)
def page_list(view):
    breaks = {(doc, id_) for doc, id_, _ in view.facts.get("pagebreaks", [])}
    entries = set(view.facts.get("nav_page_list", []))
    if not breaks and not entries:
        yield Hit(view.here("nav.xhtml"), "there is no page list mapping to the printed edition's pages", "notice")
        return
    for doc, id_ in sorted(breaks - entries, key=str):
        yield Hit(view.here(f"{doc}#{id_}"), f"page break {id_} is not in the page list")
    for doc, id_ in sorted(entries - breaks, key=str):
        yield Hit(view.here(f"{view.facts.get('nav_path')} page-list → {doc}#{id_}"),
                  "a page-list entry does not point at a page break")
    has_source = view.facts.get("dc", {}).get("source") or any(
        p in ("a11y:pageBreakSource", "pageBreakSource") for p, _ in view.facts.get("meta", []))
    if breaks and not has_source:
        yield Hit(view.here("content.opf dc:source"), "page breaks come from print but dc:source is missing")


@rule("epub-nav-toc", "A table-of-contents entry does not resolve, or entries are out of spine order.", "error",
      "3", "1.3.2, 2.4.5", "epub-package", fix="The EPUB writer must build the nav from the same ids the content uses.",
      failing=_NONE, passing=_NONE)
def nav_toc(view):
    toc = view.facts.get("nav_toc")
    if toc is None:
        yield Hit(view.here("nav.xhtml"), "there is no toc nav")
        return
    spine, ids = view.facts.get("spine", []), view.facts.get("ids", {})
    last = (-1, -1)
    for doc, fragment in toc:
        if doc not in spine:
            yield Hit(view.here(f"nav → {doc}#{fragment}"), f"a contents entry points at {doc}, which is not in the spine")
            continue
        if fragment and fragment not in ids.get(doc, set()):
            yield Hit(view.here(f"nav → {doc}#{fragment}"), f"a contents entry points at a missing id #{fragment}")
            continue
        position = (spine.index(doc), 0)
        if position < last:
            yield Hit(view.here(f"nav → {doc}#{fragment}"), "a contents entry is out of reading order")
        last = position
