"""Every text/background pair the publication's design can produce (its merged theme: source/theme.yaml
over styles/theme.yaml, and the chapters' colours), as a view. Each pair points at the line that set it."""

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
    ("titles in the brand colour (cover, chapter titles)", "brand", "background", False),
    ("text in boxes (case studies, outcomes)", "text", "box_background", False),
    ("links in boxes", "link", "box_background", False), ("visited links in boxes", "link_visited",
                                                          "box_background", False),
    ("secondary text in boxes", "secondary_text", "box_background", False),
]


def theme_view(theme: Theme, book: m.Book) -> View:
    path = theme.source_file or os.path.join(theme.directory, "theme.yaml")
    view = View("S", project_path(path))
    colours = theme.data.get("colours", {})
    lines = _lines(os.path.join(theme.directory, "theme.yaml"))

    def written(dotted: str, fallback: str) -> Loc:  # where the value came from: the publication's or the default
        return theme.where(dotted) or Loc(os.path.join(theme.directory, "theme.yaml"), lines.get(fallback, 0), 1)

    for label, fg, bg, large in PAIRS:
        if isinstance(colours.get(fg), str) and isinstance(colours.get(bg), str):
            # the pair is located at whichever of its two colours the publication set (else the text colour)
            loc = theme.where(f"colours.{bg}") if _own(theme, bg) and not _own(theme, fg) else \
                written(f"colours.{fg}", fg)
            view.facts.setdefault("colour_pairs", []).append(
                (label, colours[fg], colours[bg], large, View("S", project_path(loc.file)).here(
                    f"colours.{fg} on colours.{bg}", loc)))
    for word, pair in (colours.get("status") or {}).items():
        loc = written(f"colours.status.{word}.text", word)
        view.facts.setdefault("colour_pairs", []).append(
            (f"{word} status cells", pair["text"], pair["background"], False,
             View("S", project_path(loc.file)).here(f"colours.status.{word}", loc)))
    on_colour = colours.get("on_brand", "#ffffff")
    for chapter in book.chapters:
        if chapter.colour:
            line = _front_matter_line(chapter.path, "colour")
            where = View("S", project_path(chapter.path)).here("front matter colour",
                                                                        Loc(chapter.path, line, 1))
            view.facts["colour_pairs"].append((f"white text on the {chapter.title} chapter colour", on_colour,
                                               chapter.colour, False, where))
    return view


def _own(theme: Theme, key: str) -> bool:
    """Whether the publication's theme set `colours.<key>`."""
    loc = theme.where(f"colours.{key}")
    return bool(loc and theme.source_file and loc.file == theme.source_file)


_CHECKED: list[Theme] = []  # the theme of the publication being checked (see use_theme)


def use_theme(theme: Theme) -> None:
    """Set the publication's merged theme for `theme_loc` (called before the PDF readers fork, so they
    inherit it)."""
    _CHECKED[:] = [theme]


def theme_loc(section: str, key: str) -> Loc:
    """Where `section: … key:` is written: in the publication's theme.yaml if it set it, else in
    styles/theme.yaml (for findings whose fix is a design value)."""
    from ...styles import load_theme

    if _CHECKED and _CHECKED[0].where(f"{section}.{key}"):
        return _CHECKED[0].where(f"{section}.{key}")
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
