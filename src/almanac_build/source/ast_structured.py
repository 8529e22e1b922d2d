"""Reading the almanac's own `:::` blocks: case studies, practice blocks and their themes, and the
generated blocks the build fills from data."""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Loc

GENERATED = {"outcomes-overview": {"caption"}, "leader-checklist": {"caption"}, "council-table": {"caption", "list"}}


class StructuredBlocks:
    """Part of AstReader: each structured block checked for its settings and turned into its model class."""

    def case_study(self, attr, content, loc):
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, {"organisation", "category", "council"}, "case-study", loc)
        for key in ("organisation", "council"):
            if not attrs.get(key, "").strip():
                self.out.error(loc or Loc("?"), f"the case-study block has no {key}",
                               f'add {key}="…" inside the {{…}} of its opening line')
        return [m.CaseStudy(attrs.get("organisation", "").strip(), attrs.get("category", "").strip(),
                            attrs.get("council", "").split(), self.blocks(content, loc), self.ident(attr), loc)]

    def practice(self, attr, content, loc):
        self.check_attrs(self.user_attrs(attr), set(), "practice", loc)
        themes: list[m.PracticeTheme] = []
        for node in content:
            theme = self.theme(node, loc)
            if theme:
                themes.append(theme)
        if not themes:
            self.out.error(loc or Loc("?"), "the practice block has no themes",
                           "put '::: {.theme title=\"…\"}' blocks, each with a list of actions, inside it")
        return [m.Practice(themes, loc)]

    def theme(self, node, loc) -> m.PracticeTheme | None:
        if node["t"] == "Div" and self.is_wrapper(node["c"][0]):
            inner = [self.theme(n, self.loc(node["c"][0], loc)) for n in node["c"][1]]
            return next((t for t in inner if t), None)
        here = self.loc(node["c"][0], loc) if node["t"] == "Div" else loc
        if node["t"] != "Div" or "theme" not in node["c"][0][1]:
            self.out.error(here or Loc("?"), "a practice block may only hold theme blocks",
                           "wrap each group of actions in '::: {.theme title=\"…\"}' … ':::'")
            return None
        attr, content = node["c"]
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, {"title"}, "theme", here)
        if not attrs.get("title", "").strip():
            self.out.error(here or Loc("?"), "the theme block has no title", 'add title="…" to its opening line')
        blocks = self.blocks(content, here)
        actions: list[list[m.Block]] = []
        for block in blocks:
            if isinstance(block, m.ListBlock):
                actions.extend(block.items)
            else:
                actions.append([block])
        return m.PracticeTheme(attrs.get("title", "").strip(), actions, self.ident(attr), here)

    def stray_theme(self, attr, content, loc):
        self.out.error(loc or Loc("?"), "a theme block must be inside a practice block",
                       "put ':::: practice' on the line before it and '::::' after the last theme")
        return self.blocks(content, loc)

    def generated(self, name, attr, content, loc):
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, GENERATED[name], name, loc)
        if self.blocks(content, loc):
            self.out.error(loc or Loc("?"), f"the {name} block must be empty: the build fills it from data",
                           "delete the lines between its opening and closing ':::'")
        if name == "council-table" and attrs.get("list") not in ("contributors", "notable-practice"):
            self.out.error(loc or Loc("?"), "council-table needs list=\"contributors\" or list=\"notable-practice\"",
                           "add one of them to the block's opening line")
        return [m.Generated(name, attrs, loc)]
