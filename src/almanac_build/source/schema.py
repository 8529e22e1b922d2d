"""Declarative, strict validation of YAML data: unknown keys, wrong types and missing fields are errors.

A schema is a dict of field name -> Field. `validate` walks the Located tree and collects every problem
with its location and a hint, instead of stopping at the first.

Every field passes the gate (gate.py) by its declared kind: each text is refused if it holds a control
character, a `url` must be an http(s) address, an `email` an address, a `telephone` a number, and an
`image` is resolved inside source/ and checked as a picture by the loader (images.py). A field that
becomes a link or names a file must be declared with one of those kinds, never plain `text`
(test_hostile_gate.py walks every schema and sends `javascript:` and markup through each field to every
output).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from typing import Callable

from ..diagnostics import Collector, Loc
from ..model import CHAPTER_KINDS
from ..text import smart_quotes
from .gate import character_problem, email_problem, telephone_problem, web_problem
from .yamlsource import Located

COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")


@dataclass(frozen=True)
class Field:
    kind: str  # text | image | url | email | telephone | bool | date | colour | id | lang | noun | list-of-text
    #            | lines | mapping | choice
    required: bool = True
    example: str = ""
    choices: tuple[str, ...] = ()
    fields: dict | None = None  # for kind == "mapping"
    check: Callable[[object], str] | None = None  # returns an error message or ""


def validate(data: Located, schema: dict[str, Field], what: str, out: Collector) -> dict[str, object]:
    """Return plain values for the known fields; report problems into `out`."""
    if not isinstance(data.value, dict):
        out.error(data.loc, f"{what} must be a set of 'key: value' lines",
                  f"start with a line such as '{next(iter(schema))}: …'")
        return {}
    values: dict[str, object] = {}
    for key, item in data.value.items():
        if key not in schema:
            close = difflib.get_close_matches(key, schema.keys(), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the keys allowed are: {', '.join(schema)}"
            out.error(item.key_loc or item.loc, f"unknown key '{key}' in {what}", hint)
            continue
        value = _check(key, item, schema[key], what, out)
        if value is not None:
            values[key] = value
    for key, spec in schema.items():
        if spec.required and key not in data.value:
            example = f" such as '{key}: {spec.example}'" if spec.example else ""
            out.error(data.loc, f"{what} is missing the required key '{key}'", f"add a line{example}")
    return values


def _check(key: str, item: Located, spec: Field, what: str, out: Collector):
    value, loc = item.value, item.loc
    problem = _type_problem(value, spec)
    if spec.kind == "mapping" and not problem:
        return validate(item, spec.fields or {}, f"'{key}'", out)
    if spec.kind == "lines" and not problem:
        return _lines(key, item, out)
    if spec.kind == "list-of-text" and not problem:
        bad = [i for i in value if not isinstance(i.value, str) or not i.value.strip()]
        if bad:
            out.error(bad[0].loc, f"each entry of '{key}' must be text", "write one file name per line after '- '")
            return None
        controls = [(i, character_problem(i.value)) for i in value if character_problem(i.value)]
        if controls:
            out.error(controls[0][0].loc, f"an entry of '{key}' {controls[0][1]}", "delete the character")
            return None
        return [i.value.strip() for i in value]
    if not problem and spec.check:
        problem = spec.check(value)
    if problem:
        example = f" such as {spec.example}" if spec.example else ""
        hint = "delete the character (it was probably pasted in)" if "control character" in problem else \
            f"write a value{example}"
        out.error(loc, f"'{key}' in {what} {problem}", hint)
        return None
    if spec.kind == "date" and isinstance(value, str):
        return value
    if spec.kind == "text" and isinstance(value, str):
        return smart_quotes(value.strip())
    return value.strip() if isinstance(value, str) else value


def _lines(key: str, item: Located, out: Collector) -> list[str] | None:
    """Text kept line by line: a list of lines, or text whose own line breaks (a `|` block) are kept.
    Commas are never taken as line breaks (an address such as "Unit 4, The Quay" is one line)."""
    if isinstance(item.value, list):
        bad = [i for i in item.value if not isinstance(i.value, str) or not i.value.strip()]
        if bad or not item.value:
            out.error(bad[0].loc if bad else item.loc, f"each line of '{key}' must be text",
                      "write one line per '- ' entry, for example '- 18 Smith Square'")
            return None
        entries = [(i.loc, i.value) for i in item.value]
    else:
        entries = [(item.loc, line) for line in str(item.value).splitlines() if line.strip()]
    if not entries:
        out.error(item.loc, f"'{key}' must not be empty", "write the text, or remove the line")
        return None
    for loc, text in entries:
        if character_problem(text):
            out.error(loc, f"a line of '{key}' {character_problem(text)}", "delete the character (it was probably "
                      "pasted in)")
            return None
    return [smart_quotes(text.strip()) for _, text in entries]


def _type_problem(value: object, spec: Field) -> str:
    kind = spec.kind
    if kind == "lines":
        return "" if isinstance(value, (str, list)) else f"must be text or a list of lines, not {_show(value)}"
    if kind == "mapping":
        return "" if isinstance(value, dict) else "must be a group of indented 'key: value' lines"
    if kind == "list-of-text":
        return "" if isinstance(value, list) else "must be a list, one '- item' per line"
    if kind == "bool":
        return "" if isinstance(value, bool) else f"must be true or false, not {_show(value)}"
    if not isinstance(value, str):
        return f"must be text, not {_show(value)}"
    text = value.strip()
    if not text:
        return "must not be empty"
    control = character_problem(text)
    if control:
        return control
    if kind in _GATES:
        return _GATES[kind](text)
    if kind == "noun":
        return _noun_problem(text)
    if kind == "date":
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return f"must be a date written YYYY-MM-DD, not {_show(value)}"
    if kind == "colour" and not COLOUR_RE.match(text):
        return f"must be a colour like \"#00629B\", not {_show(value)}"
    if kind == "id" and not ID_RE.match(text):
        return f"must be lower-case letters, digits and hyphens (like 'economic-growth'), not {_show(value)}"
    if kind == "lang" and not LANG_RE.match(text):
        return f"must be a language tag like en-GB, not {_show(value)}"
    if kind == "choice" and text not in spec.choices:
        return f"must be one of {', '.join(spec.choices)}, not {_show(value)}"
    return ""


_GATES: dict[str, Callable[[str], str]] = {"url": web_problem, "email": email_problem,
                                           "telephone": telephone_problem}


def _show(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return repr(value)


def loc_of(data: Located, key: str) -> Loc:
    """The location of `key`'s value in a validated mapping, or of the mapping itself."""
    if isinstance(data.value, dict) and key in data.value:
        return data.value[key].loc
    return data.loc


NOUN_RE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){0,3}$")


def _noun_problem(value: object) -> str:
    """The publication's kind is read in sentences ("Download this guide"): a short lower-case noun."""
    text = str(value).strip()
    if NOUN_RE.match(text) and text == text.lower():
        return ""
    return f"must be a short lower-case noun such as guide, report or almanac, not {_show(value)}"


# Publication details. Only what every edition cannot do without is required; the furniture that shows an
# optional value (subtitle, edition, telephone, other formats …) leaves it out when it is not given.
ALMANAC_SCHEMA: dict[str, Field] = {
    "title": Field("text", example="The local government digitalisation almanac"),
    "subtitle": Field("text", required=False, example="A simple guide for local councils"),
    "publisher": Field("text", example="Local Government Association"),
    "kind": Field("noun", required=False, example="guide"),
    "slug": Field("id", required=False, example="annual-report"),
    "edition": Field("text", required=False, example='"2023"'),
    "date": Field("date", example="2023-03-21"),
    "language": Field("lang", example="en-GB"),
    "identifier": Field("text", required=False, example="urn:uuid:…"),
    "description": Field("text", required=False, example="What the publication is for."),
    "contact": Field("mapping", required=False, fields={
        "address": Field("lines", required=False, example="['18 Smith Square', 'London SW1P 3HZ']"),
        "telephone": Field("telephone", required=False, example='"020 7664 3000"'),
        "email": Field("email", required=False, example="info@local.gov.uk"),
        "web": Field("url", required=False, example="https://www.local.gov.uk"),
    }),
    "copyright": Field("text", required=False, example='"© Local Government Association, March 2023"'),
    "other_formats": Field("text", required=False, example='"If you require this document in a specific format, …"'),
    "reference": Field("text", required=False, example='"REF 67.4"'),
    "statement": Field("choice", required=False, choices=("uk-public-sector", "wcag"), example="wcag"),
    "keywords": Field("list-of-text", required=False, example="['local government', 'digitalisation']"),
    "cover": Field("mapping", required=False, fields={
        "image": Field("image", example="images/cover.svg"),
        "alt": Field("text", required=False, example="A short description"),
        "decorative": Field("bool", required=False, example="true"),
    }),
    "chapters": Field("list-of-text", example="['01-introduction.md']"),
}

FRONT_MATTER_SCHEMA: dict[str, Field] = {
    "id": Field("id", example="connectivity"),
    "title": Field("text", example="Connectivity"),
    "kind": Field("choice", required=False, choices=CHAPTER_KINDS, example="chapter"),
    "outcome": Field("text", required=False, example="The council supports …"),
    "leader_check": Field("text", required=False, example="Understand the benefits of …"),
    "colour": Field("colour", required=False, example='"#00629B"'),
    "icon": Field("image", required=False, example="images/icons/connectivity.svg"),
    "short_title": Field("text", required=False, example="Connectivity"),
}

# Keys an outcome chapter must have beyond the common ones (the almanac's own kind of chapter).
OUTCOME_REQUIRED = ("outcome", "colour", "icon")
# Keys that only mean something on an outcome chapter.
OUTCOME_ONLY = ("outcome", "leader_check")

COUNCIL_SCHEMA: dict[str, Field] = {
    "id": Field("id", example="dorset"),
    "name": Field("text", example="Dorset"),
    "type": Field("text", example="Unitary Authority"),
    "region": Field("text", example="South West"),
    "contributor": Field("bool", required=False, example="true"),
    "notable_practice": Field("bool", required=False, example="true"),
}
