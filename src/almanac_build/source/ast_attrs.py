"""Reading a Pandoc node's attributes: its source position (`sourcepos`), its id and addresses as the
source wrote them (`--file-scope` undone), its `{…}` settings, and the position wrappers around it."""

from __future__ import annotations

import re

from ..diagnostics import Loc
from ..text import smart_quotes

_POS = re.compile(r"^(.*)@(\d+):(\d+)-(\d+):(\d+)$")


class FileScope:
    """What the source said, from what Pandoc's `--file-scope` made of it. With several files in a run,
    Pandoc writes the id `x` of file `f` as `f__x`, a link `#x` as `#f__x`, `#` as `#f`, and a link to
    another file `g` of the run as `#g` (Text.Pandoc.Transforms.adjustLinksAndIds)."""

    def __init__(self, name: str, batch: list[str]):
        self.name = name
        self.prefix = name + "__"
        self.batch = batch

    def ident(self, ident: str) -> str:
        return ident[len(self.prefix):] if ident.startswith(self.prefix) else ident

    def url(self, url: str) -> str:
        if not url.startswith("#"):
            return url
        target, _, fragment = url[1:].partition("__")
        if target == self.name:
            return "#" + fragment
        if target in self.batch:  # the source named one of the run's own file names: give it back (refused)
            return target + ("#" + fragment if fragment else "")
        return url


class Attributes:
    """Part of AstReader: positions, ids, addresses and settings (needs `path_for`, `scope`, `out`)."""

    def loc(self, attr, fallback: Loc | None) -> Loc | None:
        for key, value in attr[2]:
            if key == "data-pos":
                first = value.split(";")[0]
                found = _POS.match(first)
                if found:
                    name, a, b, c, d = found.groups()
                    return Loc(self.path_for(name), int(a), int(b), int(c), int(d))
        return fallback

    def ident(self, attr) -> str:
        """The id the source gave a node (`{#id}`)."""
        return self.scope.ident(attr[0]) if self.scope else attr[0]

    def address(self, url: str) -> str:
        """A link's or image's address as the source wrote it."""
        return self.scope.url(url) if self.scope else url

    @staticmethod
    def is_wrapper(attr) -> bool:
        return any(key == "wrapper" for key, _ in attr[2])

    @staticmethod
    def user_attrs(attr) -> dict[str, str]:
        return {k: smart_quotes(v) for k, v in attr[2] if k not in ("data-pos", "wrapper")}

    def unwrap(self, nodes: list) -> list:
        out = []
        for node in nodes:
            if node["t"] == "Div" and self.is_wrapper(node["c"][0]):
                out.extend(self.unwrap(node["c"][1]))
            else:
                out.append(node)
        return out

    def check_attrs(self, attrs: dict, allowed: set[str], block: str, loc: Loc | None) -> None:
        for key in attrs:
            if key not in allowed:
                self.out.error(loc or Loc("?"), f"unknown setting '{key}' on a {block} block",
                               f"the settings allowed are: {', '.join(sorted(allowed)) or 'none'}")
