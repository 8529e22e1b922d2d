"""`almanac.yaml`: the publication's details, validated into `model.Metadata`.

Only the title, publisher, date, language and chapter list are required. What is left out is "" (or an
empty address), and the writers leave out whatever would show it; the defaults that remain are ones no
reader sees as a claim: the output names (`slug`) from the title, the publication's kind ("publication"),
a stable identifier derived from the title, publisher and date.
"""

from __future__ import annotations

import os
import uuid

from .. import locales
from .. import model as m
from ..diagnostics import Collector
from ..text import slugify
from .schema import ALMANAC_SCHEMA, loc_of, validate
from .textfile import read_source_text
from .yamlsource import Located, load_yaml

ALMANAC_FILE = "almanac.yaml"


def load_metadata(source_dir: str, out: Collector) -> tuple[m.Metadata | None, list[str], Located]:
    """The metadata (None when a required value is missing or wrong: the errors are in `out`), the
    chapter file names, and the YAML as read (for locations)."""
    path = os.path.join(source_dir, ALMANAC_FILE)
    data = load_yaml(read_source_text(source_dir, path), path)
    values = validate(data, ALMANAC_SCHEMA, ALMANAC_FILE, out)
    if not all(k in values for k in ALMANAC_SCHEMA if ALMANAC_SCHEMA[k].required):
        return None, values.get("chapters", []), data
    if "contact" in data.value and "contact" not in values:  # present but wrong: reported already
        return None, values["chapters"], data
    if not locales.supported(values["language"]):
        out.warning(loc_of(data, "language"), f"dates and quotation marks for '{values['language']}' are not known "
                    "to the tool: they are written as in British English",
                    f"use one of {', '.join(sorted(locales.CONVENTIONS))} if the publication is written in one")
    contact = m.Contact(**(values.get("contact") or {}))
    cover = values.get("cover") or {}
    cover_path = ""
    if cover:
        from .images import resolve_image

        cover_loc = loc_of(data.value["cover"], "image")
        cover_path = resolve_image(cover.get("image", ""), source_dir, cover_loc, out) if cover.get("image") else ""
        if not cover.get("alt") and not cover.get("decorative"):
            out.error(loc_of(data, "cover"), "the cover image has neither alt text nor decorative: true",
                      "add 'alt: A short description of the picture' under cover:")
    title, publisher, date = values["title"], values["publisher"], values["date"]
    identifier = values.get("identifier") or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{publisher}|{title}|{date}')}"
    meta = m.Metadata(title, values.get("subtitle", ""), publisher, values.get("edition", ""), date,
                      values["language"], identifier, values.get("description") or values.get("subtitle") or title,
                      contact, values.get("copyright", ""), values.get("other_formats", ""), cover_path,
                      cover.get("alt", ""), bool(cover.get("decorative")), values.get("reference", ""),
                      values.get("slug") or slugify(title), values.get("kind") or "publication",
                      values.get("keywords", []), values.get("statement", "uk-public-sector"))
    return meta, values["chapters"], data
