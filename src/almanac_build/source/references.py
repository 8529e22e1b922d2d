"""After parsing: expand generated blocks, give everything a stable id, and check what refers to what.

Checks: images exist inside source/, case studies name known councils, internal links land on an id,
ids are unique, and every notable-practice council is mentioned somewhere (a warning).
"""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Collector, Loc
from ..text import IdAllocator, block_text, plain, slugify
from ..walk import child_nodes, iter_blocks, iter_inlines
from .generated import expand_generated
from .images import resolve_image
from .shape import check_shape


MAX_DEPTH = 40  # blocks and inlines inside each other; the 2023 almanac goes four deep


def resolve_references(book: m.Book, out: Collector) -> None:
    if not check_depth(book, out):
        return  # every later pass walks the model recursively
    if not check_shape(book, out):
        return  # a table over the limits is never laid on a grid
    expand_generated(book)
    ids = _assign_ids(book, out)
    _check_images(book, out)
    _check_councils(book, out)
    _check_internal_links(book, ids, out)


def _assign_ids(book: m.Book, out: Collector) -> set[str]:
    allocator = IdAllocator()
    first: dict[str, Loc] = {}  # each id → where it was first given
    for chapter in book.chapters:
        here = chapter.loc or Loc(chapter.path)
        if chapter.id in first:
            out.error(here, f"duplicate chapter id '{chapter.id}' (first used at {first[chapter.id]})",
                      "give each chapter its own id in its front matter")
        first.setdefault(chapter.id, here)
        allocator.taken.add(chapter.id)
    explicit = [b for c in book.chapters for b in iter_blocks(c.blocks) if getattr(b, "id", "")]
    for block in explicit:
        here = block.loc or Loc("?")
        if block.id in first:
            out.error(here, f"duplicate id '{block.id}' (first used at {first[block.id]})",
                      "choose another {#id} for this heading")
        first.setdefault(block.id, here)
        allocator.taken.add(block.id)
    for chapter in book.chapters:
        counters: dict[str, int] = {}
        for block in iter_blocks(chapter.blocks):
            if getattr(block, "id", None) != "":
                continue
            block.id = allocator.claim(f"{chapter.id}-{_id_stem(block, counters)}")
    return allocator.taken


def _id_stem(block, counters: dict[str, int]) -> str:
    if isinstance(block, m.Heading):
        return slugify(plain(block.children))
    if isinstance(block, m.CaseStudy):
        return "case-" + slugify(block.organisation)
    if isinstance(block, m.PracticeTheme):
        return "practice-" + slugify(block.title)
    kind = type(block).__name__.lower()
    counters[kind] = counters.get(kind, 0) + 1
    return f"{kind}-{counters[kind]}"


def _check_images(book: m.Book, out: Collector) -> None:
    for chapter in book.chapters:
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, m.Figure):
                block.src = resolve_image(block.src, book.source_dir, block.loc or Loc(chapter.path), out)
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.InlineImage):
                inline.src = resolve_image(inline.src, book.source_dir, inline.loc or Loc(chapter.path), out)


def _check_councils(book: m.Book, out: Collector) -> None:
    known = {c.id: c for c in book.councils}
    named: set[str] = set()
    for chapter in book.chapters:
        for block in iter_blocks(chapter.blocks):
            if not isinstance(block, m.CaseStudy):
                continue
            for council_id in block.councils:
                if council_id in known:
                    named.add(council_id)
                else:
                    out.error(block.loc or Loc(chapter.path), f"case study '{block.organisation}' names council "
                              f"'{council_id}', which is not in data/councils.yaml",
                              "add the council to data/councils.yaml, or correct the id in council=\"…\"")
    text = " ".join(block_text(c.blocks) for c in book.chapters).lower()
    for council in book.councils:
        if council.notable_practice and council.id not in named and council.name.lower() not in text:
            out.warning(council.loc or Loc("councils.yaml"), f"notable-practice council '{council.name}' is not "
                        "mentioned by any case study or chapter", "add a case study naming it, or set "
                        "notable_practice: false")


def _check_internal_links(book: m.Book, ids: set[str], out: Collector) -> None:
    targets = _link_targets(book)
    for chapter in book.chapters:
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.Link) and inline.internal and inline.url[1:] not in ids:
                near = nearest_id(inline.url[1:], targets) or nearest_id(inline.url[1:], sorted(ids))
                hint = f"did you mean '#{near}'? " if near else ""
                out.error(inline.loc or Loc(chapter.path), f"the link '{inline.url}' goes to no chapter or heading",
                          f"{hint}use the id of a chapter (its front matter id) or of a heading "
                          "(docs/source-format.md, How ids are formed), or (#) as a placeholder")


def _link_targets(book: m.Book) -> list[str]:
    """Chapter and heading ids: what a reader means to link to (tables and figures are rarely meant)."""
    out = [c.id for c in book.chapters]
    for chapter in book.chapters:
        out += [b.id for b in iter_blocks(chapter.blocks) if isinstance(b, (m.Heading, m.CaseStudy, m.PracticeTheme)) and b.id]
    return out


def nearest_id(wanted: str, ids: list[str]) -> str:
    """The id most like `wanted` (difflib's ratio, at least 0.6), or one that ends with it, which is how
    a heading id written without its chapter's prefix looks ('#data-meaning' for 'data-data-meaning')."""
    import difflib

    ending = [i for i in ids if i.endswith("-" + wanted)]
    if ending:
        return ending[0]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    return close[0] if close else ""


def check_depth(book: m.Book, out: Collector) -> bool:
    """Refuse a model nested deeper than MAX_DEPTH (emphasis in a link in a list in a quote …), walked
    without recursion, so writers and checks can walk it recursively in safety."""
    for chapter in book.chapters:
        stack = [(block, 1) for block in chapter.blocks]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                out.error(getattr(node, "loc", None) or Loc(chapter.path), f"the text here is nested too deeply "
                          f"(more than {MAX_DEPTH} levels of blocks, lists, emphasis and links)",
                          "use fewer levels of lists, quotes, ':::' blocks, emphasis or links inside each other")
                return False
            stack.extend((child, depth + 1) for child in child_nodes(node))
    return True
