"""The one traversal of the model: which blocks sit inside which (lists, quotes, tables, case studies,
practice themes) and which inlines inside which. Every consumer walks through here (the loader's
checks, every writer that counts blocks, the text extractor, the checks' source view and tracer), so
a new block or inline class is added here once, and until it is, every walk over it stops with a
TypeError instead of silently leaving its content out.

The order is reading order, and it is part of the pagination contract (docs/architecture.md): the
print PDF records pages by the index of a block in `iter_blocks`.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import model as m

# Blocks that hold no blocks (their own text, if any, is text.own_text's business).
LEAF_BLOCKS = (m.Heading, m.Paragraph, m.CodeBlock, m.ThematicBreak, m.Figure, m.Generated)
# Inlines that hold no inlines.
LEAF_INLINES = (m.Text, m.Code, m.LineBreak, m.InlineImage)
CONTAINER_INLINES = (m.Emph, m.Strong, m.Link, m.Span)


def child_groups(block: m.Block | m.PracticeTheme) -> list[tuple[str, list]]:
    """Each list of blocks directly inside `block`, in reading order, with its role: "item" (a list
    item), "quote", "case study", "cell", "themes" (a practice's themes), "action" (a theme's action)."""
    if isinstance(block, LEAF_BLOCKS):
        return []
    if isinstance(block, m.ListBlock):
        return [("item", item) for item in block.items]
    if isinstance(block, m.BlockQuote):
        return [("quote", block.blocks)]
    if isinstance(block, m.CaseStudy):
        return [("case study", block.blocks)]
    if isinstance(block, m.Table):
        return [("cell", cell.blocks) for row in block.head + block.body for cell in row]
    if isinstance(block, m.Practice):
        return [("themes", list(block.themes))]
    if isinstance(block, m.PracticeTheme):
        return [("action", action) for action in block.actions]
    raise TypeError(f"{type(block).__name__} is not a block walk.py knows: add it to child_groups "
                    "(docs/architecture.md, How to add a block type)")


def child_blocks(block: m.Block | m.PracticeTheme) -> list:
    return [child for _, blocks in child_groups(block) for child in blocks]


def iter_blocks(blocks: list) -> Iterator:
    """Depth-first, in reading order. Practice themes are yielded too (they carry an id and a title)."""
    for block in blocks:
        yield block
        yield from iter_blocks(child_blocks(block))


def block_inlines(block) -> list[m.Inline]:
    """The inlines a block holds itself (a heading's or paragraph's text), not those of its children."""
    return block.children if isinstance(block, (m.Heading, m.Paragraph)) else []


def child_inlines(node: m.Inline) -> list[m.Inline]:
    if isinstance(node, CONTAINER_INLINES):
        return node.children
    if isinstance(node, LEAF_INLINES):
        return []
    raise TypeError(f"{type(node).__name__} is not an inline walk.py knows: add it to LEAF_INLINES or "
                    "CONTAINER_INLINES")


def child_nodes(node) -> list:
    """Every block and inline directly inside a block or an inline (for walks over the whole tree)."""
    if isinstance(node, LEAF_INLINES + CONTAINER_INLINES):
        return child_inlines(node)
    return child_blocks(node) + block_inlines(node)


def iter_inlines(blocks: list) -> Iterator[m.Inline]:
    """Every inline of every block, depth-first, in reading order."""
    for block in iter_blocks(blocks):
        yield from walk_inlines(block_inlines(block))


def walk_inlines(nodes: list[m.Inline]) -> Iterator[m.Inline]:
    for node in nodes:
        yield node
        yield from walk_inlines(child_inlines(node))
