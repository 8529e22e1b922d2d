"""The writer interface. A writer turns the Book into files inside a staging folder; the build then
moves them into output/ only when every writer has succeeded (see build.py)."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the registry imports this module on the no-change path
    from .. import model as m
    from ..styles import Theme


def contents_sections(chapter: m.Chapter) -> list[tuple[str, str]]:
    """A chapter's sections for a contents list, as (id, text): its `##` headings that have text. An
    empty heading is a source error (heading-empty); no contents entry may be an empty link to it."""
    from .. import model
    from ..text import plain

    found = []
    for block in chapter.blocks:
        if isinstance(block, model.Heading) and block.level == 2:
            text = " ".join(plain(block.children).split())
            if text:
                found.append((block.id, text))
    return found


@dataclass
class BuildContext:
    """What every writer gets besides the book: where to write, the design values, the build's date."""

    staging_dir: str  # write outputs here, with the same relative names they will have in output/
    theme: Theme
    epoch: int  # SOURCE_DATE_EPOCH: every timestamp written into an output
    data_dir: str = ""  # build data shared between writers (e.g. PDF pagination for the EPUB page list)
    options: dict = field(default_factory=dict)

    def path(self, name: str) -> str:
        full = os.path.join(self.staging_dir, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full


class Writer(ABC):
    """Subclass and implement `write`; an entry in registry.py names the writer and declares its
    outputs and the writers it requires, and sets them on the instance it makes."""

    name: str = ""
    outputs: tuple[str, ...] = ()  # file or folder names relative to output/
    requires: tuple[str, ...] = ()  # writers whose build data this one reads; the build runs those first

    @abstractmethod
    def write(self, book: m.Book, ctx: BuildContext) -> None:
        """Write this format's files into `ctx.staging_dir`."""
