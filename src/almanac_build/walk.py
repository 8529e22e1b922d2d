"""Walking the model: every block (including those nested in lists, tables, case studies, themes) and
every inline. One place, so writers and rules never re-implement the traversal."""

from __future__ import annotations

from collections.abc import Iterator

from . import model as m


def child_blocks(block: m.Block) -> list[m.Block]:
    if isinstance(block, m.ListBlock):
        return [b for item in block.items for b in item]
    if isinstance(block, (m.BlockQuote, m.CaseStudy)):
        return block.blocks
    if isinstance(block, m.Table):
        return [b for row in block.head + block.body for cell in row for b in cell.blocks]
    if isinstance(block, m.Practice):
        return list(block.themes)
    if isinstance(block, m.PracticeTheme):
        return [b for action in block.actions for b in action]
    return []


def iter_blocks(blocks: list) -> Iterator:
    """Depth-first, in reading order. Themes are yielded too (they carry an id and a title)."""
    for block in blocks:
        yield block
        yield from iter_blocks(child_blocks(block))


def iter_inlines(blocks: list) -> Iterator[m.Inline]:
    for block in iter_blocks(blocks):
        yield from _inlines(getattr(block, "children", None) or [])


def _inlines(nodes: list[m.Inline]) -> Iterator[m.Inline]:
    for node in nodes:
        yield node
        children = getattr(node, "children", None)
        if children:
            yield from _inlines(children)
