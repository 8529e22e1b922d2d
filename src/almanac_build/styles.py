"""Design values from `styles/theme.yaml`, read once and handed to every writer."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

STYLES_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "styles"))


@dataclass(frozen=True)
class Theme:
    """The parsed theme; `data` is the YAML as a dict, paths are absolute."""

    data: dict
    directory: str

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

    def sizes(self, large_print: bool = False) -> dict[str, float]:
        sizes = dict(self.data["sizes"])
        if large_print:
            sizes.update(self.data["large_print"])
        return sizes


@lru_cache(maxsize=4)
def load_theme(directory: str = STYLES_DIR) -> Theme:
    # here, not at the top: a build decides whether it has work to do before it needs YAML
    from .theme_gate import check_theme

    return Theme(check_theme(directory), directory)
