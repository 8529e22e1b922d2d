"""Sources for `make bench`: the ten-times-longer almanac and the one Markdown file the reference
pipelines (Pandoc's own conversions, Pandoc to Typst) read.

The long almanac is the real content repeated: every chapter is copied nine more times with its file
name, front-matter id, explicit `{#ids}` and the internal links to them suffixed `-k2` … `-k10`, so ids
stay unique and every link still lands. The copies leave out the blocks filled from data (their rows
already grow with the number of chapters).
"""

from __future__ import annotations

import os
import re
import shutil

import yaml

_EXPLICIT_ID = re.compile(r"(\{[^}\n]*?#)([A-Za-z][\w-]*)")
_INTERNAL_LINK = re.compile(r"\]\(#([A-Za-z][\w-]*)\)")
_FRONT_ID = re.compile(r"^id:\s*(\S+)\s*$", re.MULTILINE)
_PLACEHOLDER_LINK = re.compile(r"\[([^\]\n]*)\]\(#\)")
# Blocks the build fills from data (every outcome, every council): in the copies they would list ten
# times as many rows ten times over, so the copies leave them out and the book grows ten times, not more.
_GENERATED = re.compile(r"^:{3,} *\{\.(?:outcomes-overview|leader-checklist|council-table)\b[^\n]*\n:{3,} *\n",
                        re.MULTILINE)


def chapter_names(source_dir: str) -> list[str]:
    with open(os.path.join(source_dir, "almanac.yaml"), encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["chapters"])


def make_long_source(source_dir: str, target: str, times: int = 10) -> str:
    """Copy `source_dir` to `target` with every chapter repeated `times` times; return `target`."""
    shutil.copytree(source_dir, target)
    names = chapter_names(source_dir)
    chapter_dir = os.path.join(target, "chapters")
    texts = {n: _read(os.path.join(chapter_dir, n)) for n in names}
    chapter_ids = {n: _FRONT_ID.search(t).group(1) for n, t in texts.items()}
    listed: list[str] = list(names)
    for copy in range(2, times + 1):
        suffix = f"-k{copy}"
        for name in names:
            new_name = name[:-3] + suffix + ".md"
            text = _suffix_ids(texts[name], suffix, set(chapter_ids.values()))
            with open(os.path.join(chapter_dir, new_name), "w", encoding="utf-8") as handle:
                handle.write(text)
            listed.append(new_name)
    _rewrite_listing(os.path.join(target, "almanac.yaml"), names, listed)
    return target


def _suffix_ids(text: str, suffix: str, chapter_ids: set[str]) -> str:
    text = _FRONT_ID.sub(lambda mt: f"id: {mt.group(1)}{suffix}", text, count=1)
    text = _GENERATED.sub("The table filled from data is shown in the first copy of this chapter.\n", text)
    text = _EXPLICIT_ID.sub(lambda mt: mt.group(1) + mt.group(2) + suffix, text)
    return _INTERNAL_LINK.sub(lambda mt: f"](#{_link_target(mt.group(1), suffix, chapter_ids)})", text)


def _link_target(target: str, suffix: str, chapter_ids: set[str]) -> str:
    """An explicit id gets the suffix at its end; an automatic id (`chapter-heading`) after its chapter."""
    for chapter_id in sorted(chapter_ids, key=len, reverse=True):
        if target.startswith(chapter_id + "-"):
            return chapter_id + suffix + target[len(chapter_id):]
    return target + suffix


def _rewrite_listing(almanac_path: str, names: list[str], listed: list[str]) -> None:
    head, _, rest = _read(almanac_path).partition("\nchapters:")
    tail = rest.split("\n")[1:]
    while tail and (tail[0].lstrip().startswith("- ") or not tail[0].strip()):
        tail.pop(0)  # the old list
    lines = "".join(f"  - {name}\n" for name in listed)
    with open(almanac_path, "w", encoding="utf-8") as handle:
        handle.write(f"{head}\nchapters:\n{lines}" + "\n".join(tail))


def reference_markdown(source_dir: str, target_path: str) -> str:
    """The chapters as one Markdown file (front matter replaced by a `#` title), for Pandoc alone."""
    parts: list[str] = []
    for name in chapter_names(source_dir):
        text = _read(os.path.join(source_dir, "chapters", name))
        _, front, body = text.split("---\n", 2)
        title = yaml.safe_load(front).get("title", name)
        body = _PLACEHOLDER_LINK.sub(r"\1", body)  # `(#)` placeholders: Typst refuses an empty link
        parts.append(f"# {title}\n\n{body.strip()}\n")
    with open(target_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(parts))
    return target_path


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
