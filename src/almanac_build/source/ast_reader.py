"""Pandoc JSON → the tool's model. The only code that knows Pandoc's AST shape.

`sourcepos` wraps most nodes in Div/Span "wrappers" carrying `data-pos`; they are unwrapped here and
their position handed to the node inside, so every block and inline knows its file, line and column.
Problems (raw HTML, unknown blocks, bad attributes, unsafe links) are collected, not raised one by one.
"""

from __future__ import annotations

from typing import Callable

from ..diagnostics import Collector
from .ast_attrs import Attributes, FileScope
from .ast_blocks import Blocks
from .ast_inlines import Inlines
from .ast_structured import StructuredBlocks
from .ast_tables import Tables

__all__ = ["AstReader", "FileScope"]


class AstReader(Attributes, Blocks, StructuredBlocks, Tables, Inlines):
    """Converts one parse of the chapter files; `path_for` maps Pandoc's relative names to real paths.
    Each part (ast_attrs, ast_blocks, ast_structured, ast_tables, ast_inlines) reads one kind of node."""

    def __init__(self, path_for: Callable[[str], str], out: Collector):
        self.path_for = path_for
        self.out = out
        self.scope: FileScope | None = None  # set while reading a node of a several-file Pandoc run
        self.bodies: dict[str, str] = {}  # each chapter's text, to find where a reference link was defined
