"""Alt-text rules (guidance item 1; WCAG 1.1.1)."""

from __future__ import annotations

import os
import re

from ...model import ALT_TEXT_LIMIT
from ..registry import Example, Hit, rule
from ..textutil import normalise, squash

_EXTENSIONS = r"(bmp|jpg|jpeg|jfif|gif|png|tif|tiff|svg|webp|heic)"
_FILE_RE = re.compile(rf"\.{_EXTENSIONS}\b", re.I)
_CAMERA_RE = re.compile(r"^(IMG|DSC|DSCN|PXL|DCIM)[_-]?\d+|^image\s?\d+$|^screenshot[ _]\d{4}-|^picture \d+$"
                        r"|^photo\s?\d+$|^untitled(-\d+)?$", re.I)
# WAVE's suspicious words plus auto-wcag's examples; exact matches only ("logo" fails, "GOV.UK logo" does not).
PLACEHOLDERS = {"image", "graphic", "photo", "photograph", "drawing", "painting", "artwork", "logo", "bullet",
                "button", "arrow", "more", "spacer", "blank", "chart", "table", "diagram", "graph", "*", "picture",
                "placeholder", "alt", "alt text", "img", "icon", "nbsp", "pic", "figure", "illustration",
                "image description", "short description", "description", "tbc", "tbd", "todo", "insert alt text",
                "add alt text", "alt text here", "enter alt text", "untitled", "default", "null", "none"}
_PREFIX = re.compile(r"^(an? )?(image|graphic|picture|photo|photograph|pic) (of|showing|shows|depicting)\b|^bullet\b",
                     re.I)
_SUFFIX = re.compile(r"\b(image|graphic)$", re.I)


def _described(view):
    """Images that are meant to carry information (not flagged decorative) and have some alt."""
    for image in view.images:
        if not image.decorative and image.alt is not None and image.alt.strip():
            yield image, squash(image.alt)


@rule("img-alt-missing", "An image has no alt text and is not marked decorative.", "error", "1", "1.1.1", "images",
      fix="Write alt text saying what the image tells the reader: `![Bar chart: coverage rose to 70%](images/x.svg)`,"
          " or mark a purely decorative image `{.decorative}` with empty alt.",
      failing=[Example("![](images/chart.svg) {img-alt-missing}", "Writers may write an empty description as "
                       "decorative (HTML `alt=\"\"`, the DOCX decorative flag), so the source is where a missing "
                       "description is certain; a DOCX picture with an empty `descr` and no flag, or a PDF Figure "
                       "without /Alt, is reported too.", "S")],
      passing=["![Bar chart: gigabit coverage rose from 40 to 70 per cent](images/chart.svg)"])
def alt_missing(view):
    for image in view.images:
        if image.decorative:
            continue
        if image.alt is None or not image.alt:  # outputs mark an intended empty alt as decorative
            yield Hit(image.where, f"the image {_name(image.src)} has no alt text and is not marked decorative")


@rule("img-alt-whitespace", "An image's alt text is only spaces.", "error", "1", "1.1.1", "images",
      fix="Write real alt text, or make the image decorative (empty alt and the decorative flag).",
      failing=[Example("![   ](images/chart.svg) {img-alt-whitespace}", "The writers write white-space alt as "
                       "`alt=\"\"`; the source shows what was typed.", "S")],
      passing=["![Map of broadband coverage in Dorset](images/chart.svg)"])
def alt_whitespace(view):
    for image in view.images:
        if image.alt is not None and image.alt and not image.alt.strip() and not image.decorative:
            yield Hit(image.where, f"the alt text of {_name(image.src)} is only white space")


@rule("img-alt-filename", "The alt text is a file name, or contains an image file extension.", "warning", "1",
      "1.1.1", "images",
      fix="Replace the file name with a description of what the image shows.",
      failing=["![coverage-map.png](images/chart.svg) {img-alt-filename}", "![IMG_2041](images/chart.svg) {img-alt-filename}"],
      passing=["![Version 2.0 of the GOV.UK service map, St. Paul's area](images/chart.svg)"])
def alt_filename(view):
    for image, alt in _described(view):
        base = os.path.basename(image.src or "")
        stem = os.path.splitext(base)[0]
        if alt.lower() in (base.lower(), stem.lower(), (image.src or "").lower()):
            yield Hit(image.where, f"the alt text “{alt}” is the image's file name", "error")
        elif _FILE_RE.search(alt) or _CAMERA_RE.match(alt):
            yield Hit(image.where, f"the alt text “{alt}” looks like a file name")


@rule("img-alt-placeholder", "The alt text is a placeholder word such as “image”, “photo” or “logo”.", "warning",
      "1", "1.1.1", "images",
      fix="Describe what the image shows or tells the reader (“LGA logo” rather than “logo”).",
      failing=["![image](images/chart.svg) {img-alt-placeholder}"],
      passing=["![GOV.UK logo](images/chart.svg)"])
def alt_placeholder(view):
    for image, alt in _described(view):
        if alt.lower().strip(" .") in PLACEHOLDERS or normalise(alt) in PLACEHOLDERS:
            yield Hit(image.where, f"the alt text “{alt}” is a placeholder, not a description")


@rule("img-alt-redundant-phrasing", "The alt text starts with “image of”, “graphic of” … or ends with “image”.",
      "warning", "1", "1.1.1", "images",
      fix="Drop the “image of” words: screen readers already announce an image.",
      failing=["![Image of councillors at a digital skills workshop](images/chart.svg) {img-alt-redundant-phrasing}"],
      passing=["![Councillors at a digital skills workshop](images/chart.svg)\n\n"
               "![Map of gigabit coverage in Wales](images/chart.svg)"])
def alt_redundant(view):
    for image, alt in _described(view):
        if alt.lower().strip(" .") in PLACEHOLDERS:
            continue  # reported as a placeholder
        if _PREFIX.search(alt) or _SUFFIX.search(alt.rstrip(" .")):
            yield Hit(image.where, f"the alt text “{alt}” says it is an image; screen readers already say so")


@rule("img-alt-too-long", "The alt text is longer than 125 characters.", "notice", "1", "1.1.1", "images",
      fix="Keep alt text short; put a long description in the text or caption near the image.",
      failing=["![" + "A long description " * 8 + "](images/chart.svg) {img-alt-too-long}"],
      passing=["![Bar chart: coverage rose to 70 per cent](images/chart.svg)"])
def alt_too_long(view):
    for image, alt in _described(view):
        if len(alt) > ALT_TEXT_LIMIT:
            yield Hit(image.where, f"the alt text is {len(alt)} characters long (over {ALT_TEXT_LIMIT})")


@rule("img-decorative-conflict", "An image is marked decorative but also has alt text (or a title).", "error", "1",
      "1.1.1", "images",
      fix="Decide: either it informs (keep the alt, drop the decorative flag) or it decorates (empty alt).",
      failing=[Example("![Council logo](images/chart.svg){.decorative} {img-decorative-conflict}",
                       "The writers drop the alt of a decorative image, so only the source shows the conflict.", "S")],
      passing=["![](images/chart.svg){.decorative}"])
def decorative_conflict(view):
    for image in view.images:
        if image.decorative and image.alt and image.alt.strip():
            yield Hit(image.where, f"{_name(image.src)} is marked decorative but has alt text “{squash(image.alt)}”")
        elif image.decorative and image.title.strip():
            yield Hit(image.where, f"{_name(image.src)} has empty alt but a title “{squash(image.title)}”")


@rule("img-alt-duplicates-text", "The alt text repeats the text next to the image.", "warning", "1", "1.1.1",
      ("images", "image-surroundings"),
      fix="Make the alt text add what the picture shows, or mark the image decorative if the text says it all.",
      failing=["See [![Project Gigabit](images/chart.svg) Project Gigabit](https://www.gov.uk/project-gigabit)"
               " {img-alt-duplicates-text}"],
      passing=["![Gigabit coverage, 2023](images/chart.svg){caption=\"Gigabit coverage, 2023\"}"])
def alt_duplicates(view):
    for image, alt in _described(view):
        if image.context and normalise(image.context) == normalise(alt):
            yield Hit(image.where, f"the alt text “{alt}” repeats the text beside the image")
        elif any(normalise(text) == normalise(alt) for text in image.nearby):
            yield Hit(image.where, f"the alt text “{alt}” repeats the paragraph next to the image")


def _name(src: str) -> str:
    return os.path.basename(src or "") or "an image"


_CHART = re.compile(r"\b(chart|graph|diagram|map|infographic|flowchart|flow chart|timeline)\b", re.I)


@rule("img-raster-diagram", "A chart or diagram is a raster image (PNG/JPEG), which blurs when enlarged.", "notice",
      "4, 1", "1.4.5, 1.4.4", "source-text",
      fix="Export the chart or diagram as SVG (`images/name.svg`) so it stays sharp at any size.",
      failing=["![Bar chart of coverage by region](images/chart.png) {img-raster-diagram}"],
      passing=["![Bar chart of coverage by region](images/chart.svg)"])
def raster_diagram(view):
    for image, alt in _described(view):
        if os.path.splitext(image.src or "")[1].lower() in (".png", ".jpg", ".jpeg", ".gif") and _CHART.search(alt):
            yield Hit(image.where, f"“{alt[:60]}” looks like a chart or diagram but is a raster image")
