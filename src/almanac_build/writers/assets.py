"""Copying the files an edition refers to (images, fonts) beside it, under stable names."""

from __future__ import annotations

import os
import shutil

from .. import model as m
from ..walk import iter_blocks, iter_inlines


def book_images(book: m.Book) -> list[str]:
    """Every image file the book uses, in reading order, without repeats (logo, cover, icons, figures)."""
    paths: list[str] = [book_logo(book), book.meta.cover_image]
    for chapter in book.chapters:
        paths.append(chapter.icon)
        paths += [b.src for b in iter_blocks(chapter.blocks) if isinstance(b, m.Figure)]
        paths += [i.src for i in iter_inlines(chapter.blocks) if isinstance(i, m.InlineImage)]
    return list(dict.fromkeys(p for p in paths if p))


def book_logo(book: m.Book) -> str:
    """The publication's logo (its theme's `logo:`), or ""."""
    return book.theme.logo if book.theme is not None else ""


def image_name(book: m.Book, path: str) -> str:
    """The image's path relative to source/, with separators kept (images/icons/data.svg)."""
    return os.path.relpath(path, book.source_dir).replace(os.sep, "/")


def copy_images(book: m.Book, target_dir: str) -> dict[str, str]:
    """Copy every image under target_dir; return source path -> path relative to target_dir."""
    mapping: dict[str, str] = {}
    for path in book_images(book):
        name = image_name(book, path)
        destination = os.path.join(target_dir, name)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(path, destination)
        mapping[path] = name
    return mapping
