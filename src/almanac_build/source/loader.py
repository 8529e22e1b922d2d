"""Read `source/` into a `Book`: metadata, councils, chapters (each read by Pandoc as its own document).

Every problem found is collected and raised together as one AlmanacError, so an editor sees them all
in one run. Nothing here writes outside a private temporary folder. A `ChapterMemo` kept between loads
(a live preview) sends only the chapters whose text changed back through Pandoc.
"""

from __future__ import annotations

import os
import pickle

from .. import model as m
from ..diagnostics import AlmanacError, Collector, Diagnostic, Loc
from ..gcpause import no_cyclic_gc
from .link_labels import check_foreign_references
from .markdown import parse_chapters
from .references import resolve_references
from .kinds import assign_parts, check_kind, may_be_empty
from .metadata import ALMANAC_FILE, load_metadata
from .schema import COUNCIL_SCHEMA, FRONT_MATTER_SCHEMA, loc_of, validate
from .theme import load_publication_theme
from .textfile import check_blocks, read_source_text, split_front_matter
from .yamlsource import Located, load_yaml

CHAPTERS_DIR = "chapters"
# All chapters together: 2 MB is 13 times the 2023 almanac (the bench's ten-times-longer book fits); within
# it every format builds within the budget in docs/robustness.md.
MAX_TOTAL_TEXT = 2 * 1024 * 1024
COUNCILS_FILE = os.path.join("data", "councils.yaml")


class ChapterMemo:
    """The blocks Pandoc made of each chapter text, kept between loads: a chapter whose text has not
    changed is not read again. Stored pickled, because the references pass changes the model in place."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[str, str], bytes] = {}

    def get(self, path: str, body: str) -> list[m.Block] | None:
        data = self.parsed.get((path, body))
        return None if data is None else pickle.loads(data)

    def keep(self, parsed: dict[str, list[m.Block]], bodies: dict[str, str]) -> None:
        self.parsed = {key: value for key, value in self.parsed.items() if bodies.get(key[0]) == key[1]}
        for path, blocks in parsed.items():
            self.parsed[(path, bodies[path])] = pickle.dumps(blocks, pickle.HIGHEST_PROTOCOL)


def load(source_dir: str, memo: ChapterMemo | None = None) -> m.Book:
    """Parse and validate the whole source; raise AlmanacError listing every problem."""
    with no_cyclic_gc():  # the loader makes no garbage cycles
        return _load(os.path.abspath(source_dir), memo)


def _load(source_dir: str, memo: ChapterMemo | None) -> m.Book:
    out = Collector()
    if not os.path.isdir(source_dir):
        raise AlmanacError(Diagnostic(Loc(source_dir), "the source folder does not exist",
                                      "run the build from the project folder, or pass --source"))
    meta, chapter_names, almanac_data = load_metadata(source_dir, out)
    theme = load_publication_theme(source_dir, out)
    councils = _load_councils(source_dir, out)
    chapters = _load_chapters(source_dir, chapter_names, almanac_data, out, memo)
    assign_parts(chapters, out)
    book = m.Book(meta, chapters, councils, source_dir, theme=theme)  # meta is None only when errors were reported
    resolve_references(book, out)
    out.raise_if_any()
    book.warnings = out.warnings
    return book


# ---------------------------------------------------------------- councils
def _load_councils(source_dir: str, out: Collector) -> list[m.Council]:
    path = os.path.join(source_dir, COUNCILS_FILE)
    if not os.path.exists(path):
        return []
    data = load_yaml(read_source_text(source_dir, path), path)
    if not isinstance(data.value, dict) or set(data.value) != {"councils"} or not isinstance(
            data.value["councils"].value, list):
        out.error(data.loc, "councils.yaml must have one key, 'councils:', holding a list of councils",
                  "start the file with 'councils:' and write each council as '  - id: …'")
        return []
    councils: list[m.Council] = []
    seen: dict[str, Loc] = {}
    for entry in data.value["councils"].value:
        values = validate(entry, COUNCIL_SCHEMA, "a council entry", out)
        if "id" not in values:
            continue
        # an entry with a missing field is kept (the error is reported) so case studies naming it still match
        values = {"name": "", "type": "", "region": "", **values}
        if values["id"] in seen:
            out.error(loc_of(entry, "id"), f"duplicate council id '{values['id']}' (first used at {seen[values['id']]})",
                      "give each council its own id")
            continue
        seen[values["id"]] = loc_of(entry, "id")
        councils.append(m.Council(loc=entry.loc, **values))
    return councils


# ---------------------------------------------------------------- chapters
def _load_chapters(source_dir: str, names: list[str], almanac: Located, out: Collector,
                   memo: ChapterMemo | None) -> list[m.Chapter]:
    chapter_dir = os.path.join(source_dir, CHAPTERS_DIR)
    _check_listing(chapter_dir, names, almanac, out)
    parsed: list[tuple[str, dict, Located, str]] = []  # (path, front matter values, fm data, body)
    unreadable = False  # a chapter that cannot be read would make every link to it look broken too
    total = 0  # characters of chapter text so far: the publication's budget, checked before Pandoc runs
    for name in names:
        path = os.path.join(chapter_dir, name)
        if not os.path.isfile(path):
            continue
        try:
            split = split_front_matter(read_source_text(source_dir, path), path)
            fm_data = load_yaml(split.front_matter, path, line_offset=split.front_matter_line - 1)
        except AlmanacError as exc:
            out.items.extend(exc.diagnostics)
            unreadable = True
            continue
        if fm_data.value is None:
            fm_data = Located({}, Loc(path, 1, 1))
        values = validate(fm_data, FRONT_MATTER_SCHEMA, "the front matter", out)
        check_kind(values, fm_data, path, out)
        total += len(split.body)
        if total > MAX_TOTAL_TEXT >= total - len(split.body):
            out.error(Loc(path, 1, 1), f"with this chapter the publication's chapters add up to "
                      f"{total / 1048576:.1f} MB of text; together they may be at most "
                      f"{MAX_TOTAL_TEXT // 1048576} MB", "split the publication into several publications")
            unreadable = True
        before = len(out.errors)
        check_blocks(split.body, path, out)
        unreadable = unreadable or len(out.errors) > before
        if not split.body.strip() and not may_be_empty(values):
            out.error(Loc(path, 1, 1), "the chapter has no text after its front matter",
                      "write the chapter's text, or remove the file and its line in almanac.yaml")
            unreadable = True
            continue
        parsed.append((path, values, fm_data, split.body))
    if unreadable:  # (an unclosed block would also swallow the chapters after it): report only what is certain
        out.raise_if_any()
    blocks_by_path = _parse_bodies({path: body for path, _, _, body in parsed}, out, memo)
    check_foreign_references([(path, body, blocks_by_path[path]) for path, _, _, body in parsed], out)
    return [_make_chapter(path, values, fm, blocks_by_path.get(path, []), source_dir, out)
            for path, values, fm, _ in parsed]


def _check_listing(chapter_dir: str, names: list[str], almanac: Located, out: Collector) -> None:
    listed = set()
    chapters_loc = loc_of(almanac, "chapters")
    for name in names:
        if name in listed:
            out.error(chapters_loc, f"chapter '{name}' is listed twice in almanac.yaml", "delete one of the lines")
        listed.add(name)
        if os.path.sep in name or name.startswith(".") or not name.endswith(".md"):
            out.error(chapters_loc, f"'{name}' is not a chapter file name", "list file names such as 02-data.md")
        elif not os.path.isfile(os.path.join(chapter_dir, name)):
            out.error(chapters_loc, f"chapter '{name}' is listed in almanac.yaml but source/chapters/{name} does not exist",
                      "create the file, or correct the name in almanac.yaml")
    present = sorted(f for f in os.listdir(chapter_dir) if f.endswith(".md")) if os.path.isdir(chapter_dir) else []
    for name in present:
        if name not in listed:
            out.error(Loc(os.path.join(chapter_dir, name), 1, 1),
                      "this chapter file is not listed under 'chapters:' in almanac.yaml",
                      f"add '  - {name}' to the chapters list where it belongs in the reading order")


def _parse_bodies(bodies: dict[str, str], out: Collector, memo: ChapterMemo | None) -> dict[str, list[m.Block]]:
    """Each chapter's blocks: from the memo when its text is unchanged, else from Pandoc."""
    kept = {path: memo.get(path, body) for path, body in bodies.items()} if memo else {}
    wanted = [(path, body) for path, body in bodies.items() if kept.get(path) is None]
    before = len(out.errors)
    parsed = parse_chapters(wanted, out)
    if memo is not None and len(out.errors) == before:
        memo.keep(parsed, bodies)
    return {path: parsed[path] if kept.get(path) is None else kept[path] for path in bodies}


def _make_chapter(path: str, values: dict, fm: Located, blocks: list[m.Block], source_dir: str,
                  out: Collector) -> m.Chapter:
    icon = ""
    if values.get("icon"):
        from .images import resolve_image

        icon = resolve_image(values["icon"], source_dir, loc_of(fm, "icon"), out)
    return m.Chapter(values.get("id", os.path.splitext(os.path.basename(path))[0]), values.get("title", ""),
                     values.get("kind", "chapter"), blocks, path, values.get("outcome", ""),
                     values.get("leader_check", ""), values.get("colour", ""), icon, values.get("short_title", ""),
                     loc_of(fm, "id"))
