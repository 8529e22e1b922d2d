"""Design values: the tool's defaults in `styles/theme.yaml`, with the publication's own `source/theme.yaml`
merged over them by the loader (source/theme.py), handed to every writer as one `Theme`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

STYLES_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "styles"))
# Page sizes a theme may choose (`page.size`), in millimetres, portrait.
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}


@dataclass(frozen=True)
class Theme:
    """The parsed theme; `data` is the YAML as a dict. `directory` holds the tool's stylesheets; font and
    logo paths are absolute once merged. `origins` maps each dotted key ("colours.link") to where its value
    was written, the publication's theme.yaml or the defaults; `source_file` is the publication's theme."""

    data: dict
    directory: str
    origins: dict = field(default_factory=dict, compare=False, hash=False)
    source_file: str = ""

    def colour(self, name: str) -> str:
        return self.data["colours"][name]

    def status(self, word: str) -> dict[str, str]:
        return self.data["colours"]["status"][word]

    def font_path(self, face: str) -> str:
        return os.path.join(self.directory, self.data["fonts"][face])

    @property
    def font_family(self) -> str:
        return self.data["fonts"]["family"]

    def css_variables(self) -> dict[str, str]:
        """Colour names as CSS custom properties (link_visited -> link-visited, status-red-bg …)."""
        out = {k.replace("_", "-"): v for k, v in self.data["colours"].items() if isinstance(v, str)}
        for word, pair in self.data["colours"]["status"].items():
            out[f"status-{word}-bg"], out[f"status-{word}-text"] = pair["background"], pair["text"]
        out["font-family"] = f'"{self.font_family}"'
        return out

    def where(self, dotted: str):
        """The Loc where a value was written (`colours.link`), or None when unknown."""
        return self.origins.get(dotted)

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.data["page"]["size"]]

    @property
    def page_size_name(self) -> str:
        return "US Letter" if self.data["page"]["size"] == "Letter" else self.data["page"]["size"]

    @property
    def logo(self) -> str:
        """The publication's logo file (absolute path), or "" for none."""
        return self.data.get("logo") or ""

    def sizes(self, large_print: bool = False) -> dict[str, float]:
        sizes = dict(self.data["sizes"])
        if large_print:
            sizes.update(self.data["large_print"])
        return sizes


@lru_cache(maxsize=4)
def load_theme(directory: str = STYLES_DIR) -> Theme:
    """The tool's default theme alone (a publication's build uses `book.theme`, which merges its own)."""
    # here, not at the top: a build decides whether it has work to do before it needs YAML
    from .theme_gate import check_theme

    return Theme(check_theme(directory), directory)
