"""Every text/background pair the styles can produce (theme.yaml and the chapters' colours), as a view."""

from __future__ import annotations

import os
import re

from ... import model as m
from ...diagnostics import Loc
from ...styles import Theme
from ..finding import project_path
from ..view import View

# (label, text colour key, background key, large text)
PAIRS = [
    ("body text", "text", "background", False), ("secondary text (captions, running heads)", "secondary_text",
                                                 "background", False),
    ("links", "link", "background", False), ("visited links", "link_visited", "background", False),
    ("focused links", "focus_text", "focus_background", False), ("text on the brand colour", "on_brand", "brand",
                                                                 False),
    ("table header text", "text", "table_header_background", False),
    ("links in table headers", "link", "table_header_background", False),
    ("text in boxes (case studies, outcomes)", "text", "box_background", False),
    ("links in boxes", "link", "box_background", False), ("visited links in boxes", "link_visited",
                                                          "box_background", False),
    ("secondary text in boxes", "secondary_text", "box_background", False),
]


def theme_view(theme: Theme, book: m.Book) -> View:
    path = os.path.join(theme.directory, "theme.yaml")
    view = View("S", project_path(path))
    colours = theme.data.get("colours", {})
    lines = _lines(path)
    for label, fg, bg, large in PAIRS:
        if isinstance(colours.get(fg), str) and isinstance(colours.get(bg), str):
            view.facts.setdefault("colour_pairs", []).append(
                (label, colours[fg], colours[bg], large, view.here(f"colours.{fg} on colours.{bg}",
                                                                   Loc(path, lines.get(fg, 0), 1))))
    for word, pair in (colours.get("status") or {}).items():
        view.facts.setdefault("colour_pairs", []).append(
            (f"{word} status cells", pair["text"], pair["background"], False,
             view.here(f"colours.status.{word}", Loc(path, lines.get(word, 0), 1))))
    on_colour = colours.get("on_brand", "#ffffff")
    for chapter in book.chapters:
        if chapter.colour:
            line = _front_matter_line(chapter.path, "colour")
            where = View("S", project_path(chapter.path)).here("front matter colour",
                                                                        Loc(chapter.path, line, 1))
            view.facts["colour_pairs"].append((f"white text on the {chapter.title} chapter colour", on_colour,
                                               chapter.colour, False, where))
    return view


def theme_loc(section: str, key: str) -> Loc:
    """Where `section: … key:` is written in styles/theme.yaml (for findings whose fix is a design value)."""
    from ...styles import load_theme

    path = os.path.join(load_theme().directory, "theme.yaml")
    current, line_no = "", 1
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            top = re.match(r"^([a-z_]+):", line)
            current = top.group(1) if top else current
            if current == section and re.match(rf"^\s+{key}\s*:", line):
                return Loc(path, number, 1)
            line_no = number if top and top.group(1) == section else line_no
    return Loc(path, line_no, 1)


def _lines(path: str) -> dict[str, int]:
    found: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            key = re.match(r"^\s*([a-z_]+)\s*:", line)
            if key:
                found.setdefault(key.group(1), number)
    return found


def _front_matter_line(path: str, key: str) -> int:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(f"{key}:"):
                return number
    return 1
