"""Read `source/` into a `Book`: metadata, councils, chapters (one Pandoc run for all of them).

Every problem found is collected and raised together as one AlmanacError, so an editor sees them all
in one run. Nothing here writes outside a private temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque

from .. import model as m
from ..diagnostics import AlmanacError, Collector, Diagnostic, Loc
from ..gcpause import no_cyclic_gc
from . import pandoc
from .ast_reader import AstReader
from .batches import CHAPTERS_DIR, PANDOC_PROCESSES, Batch, HeadStart, make_batches, pandoc_files, write_files
from .references import resolve_references
from .schema import ALMANAC_SCHEMA, COUNCIL_SCHEMA, FRONT_MATTER_SCHEMA, OUTCOME_REQUIRED, loc_of, validate
from .textfile import check_blocks, read_source_text, split_front_matter
from .yamlsource import Located, load_yaml

ALMANAC_FILE = "almanac.yaml"
COUNCILS_FILE = os.path.join("data", "councils.yaml")


def load(source_dir: str, head_start: HeadStart | None = None) -> m.Book:
    """Parse and validate the whole source; raise AlmanacError listing every problem. `head_start`:
    Pandoc runs a build began early on the chapter files (see batches.py)."""
    with no_cyclic_gc():  # the loader makes no garbage cycles
        return _load(os.path.abspath(source_dir), head_start)


def _load(source_dir: str, head_start: HeadStart | None) -> m.Book:
    out = Collector()
    if not os.path.isdir(source_dir):
        raise AlmanacError(Diagnostic(Loc(source_dir), "the source folder does not exist",
                                      "run the build from the project folder, or pass --source"))
    meta, chapter_names, almanac_data = _load_almanac(source_dir, out)
    councils = _load_councils(source_dir, out)
    chapters = _load_chapters(source_dir, chapter_names, almanac_data, out, head_start)
    book = m.Book(meta, chapters, councils, source_dir)  # meta is None only when errors were reported
    resolve_references(book, out)
    out.raise_if_any()
    book.warnings = out.warnings
    return book


# ---------------------------------------------------------------- almanac.yaml
def _load_almanac(source_dir: str, out: Collector):
    path = os.path.join(source_dir, ALMANAC_FILE)
    data = load_yaml(read_source_text(source_dir, path), path)
    values = validate(data, ALMANAC_SCHEMA, ALMANAC_FILE, out)
    if not all(k in values for k in ALMANAC_SCHEMA if ALMANAC_SCHEMA[k].required):
        return None, values.get("chapters", []), data
    contact = values["contact"]
    if len(contact) < 4:
        return None, values["chapters"], data
    cover = values.get("cover") or {}
    cover_path = ""
    if cover:
        from .images import resolve_image

        cover_loc = loc_of(data.value["cover"], "image")
        cover_path = resolve_image(cover.get("image", ""), source_dir, cover_loc, out) if cover.get("image") else ""
        if not cover.get("alt") and not cover.get("decorative"):
            out.error(loc_of(data, "cover"), "the cover image has neither alt text nor decorative: true",
                      "add 'alt: A short description of the picture' under cover:")
    meta = m.Metadata(values["title"], values["subtitle"], values["publisher"], values["edition"], values["date"],
                      values["language"], values["identifier"], values["description"], m.Contact(**contact),
                      values["copyright"], values["other_formats"], cover_path, cover.get("alt", ""),
                      bool(cover.get("decorative")), values.get("reference", ""),
                      values.get("statement", "uk-public-sector"))
    return meta, values["chapters"], data


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
                   head_start: HeadStart | None) -> list[m.Chapter]:
    chapter_dir = os.path.join(source_dir, CHAPTERS_DIR)
    _check_listing(chapter_dir, names, almanac, out)
    parsed: list[tuple[str, dict, Located, str]] = []  # (path, front matter values, fm data, body)
    unreadable = False  # a chapter that cannot be read would make every link to it look broken too
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
        if values.get("kind") == "outcome":
            for key in OUTCOME_REQUIRED:
                if key not in values and key not in (fm_data.value or {}):
                    out.error(Loc(path, 1, 1), f"an outcome chapter needs '{key}' in its front matter",
                              f"add a line such as '{key}: {FRONT_MATTER_SCHEMA[key].example}'")
        before = len(out.errors)
        check_blocks(split.body, path, out)
        unreadable = unreadable or len(out.errors) > before
        if not split.body.strip():
            out.error(Loc(path, 1, 1), "the chapter has no text after its front matter",
                      "write the chapter's text, or remove the file and its line in almanac.yaml")
            unreadable = True
            continue
        parsed.append((path, values, fm_data, split.body))
    if unreadable:  # (an unclosed block would also swallow the chapters after it): report only what is certain
        out.raise_if_any()
    blocks_by_path = _parse_markdown([(p, body) for p, _, _, body in parsed], out, head_start)
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


def _parse_markdown(bodies: list[tuple[str, str]], out: Collector,
                    head_start: HeadStart | None) -> dict[str, list[m.Block]]:
    """Pandoc parses the chapters in a few batches, two at a time; each batch's JSON is turned into the model
    and dropped as soon as it arrives, so neither Pandoc nor Python ever holds a long book's AST whole."""
    if not bodies:
        return {}
    grouped: dict[str, list[m.Block]] = {path: [] for path, _ in bodies}
    files = pandoc_files([body for _, body in bodies])
    names = {name: path for (name, _), (path, _) in zip(files, bodies)}
    with tempfile.TemporaryDirectory(prefix="almanac-") as tmp:
        write_files(files, tmp)
        reader = AstReader(lambda rel: names.get(rel, rel), out)
        for batch, document in _parse_batches(make_batches(files), tmp, head_start):
            if isinstance(document, Exception):
                _report_unreadable(batch, tmp, names, document, out)
                continue
            current = names[batch[0]]
            for node in document.pop("blocks"):
                current = _node_file(node, names) or current
                try:
                    grouped[current].extend(reader.block(node, Loc(current)))
                except RecursionError:
                    out.error(reader.loc(_attr_of(node), Loc(current, 1, 1)), TOO_DEEP, TOO_DEEP_HINT)
    return grouped


TOO_DEEP = "the text here is nested too deeply to read"
TOO_DEEP_HINT = "use fewer levels of lists, quotes, ':::' blocks, emphasis or links inside each other"
TOO_COMPLEX_HINT = ("look for long runs of punctuation such as '[', '{' or '*', and for blocks nested inside each "
                    "other; or split the chapter")


def _attr_of(node: dict) -> list:
    c = node.get("c")
    if node["t"] == "Div":
        return c[0]
    return c[1] if node["t"] == "Header" else ["", [], []]


def _report_unreadable(batch: list[str], cwd: str, names: dict[str, str], problem: Exception,
                       out: Collector) -> None:
    """Python's JSON reader (nesting beyond its stack) or Pandoc (beyond its memory or time limit) gave
    up on a batch: read its files one by one to find the one(s) to blame."""
    for rel in batch:
        if len(batch) > 1:
            try:
                pandoc.read_markdown([rel], cwd)
                continue
            except (RecursionError, pandoc.PandocLimitError) as exc:
                problem = exc
        if isinstance(problem, RecursionError):
            out.error(Loc(names[rel], 1, 1), TOO_DEEP, TOO_DEEP_HINT)
        else:
            out.error(Loc(names[rel], 1, 1), f"the text is too complex to read ({problem})", TOO_COMPLEX_HINT)


def _parse_batches(batches: list[Batch], cwd: str, head_start: HeadStart | None):
    """Yield (file names, Pandoc document or the reading's limit error) batch by batch, in order, with at
    most PANDOC_PROCESSES runs ahead of the reader. A run the head start began on the same batch is used."""
    ahead: deque = deque()
    pending = deque(batches)
    try:
        while pending or ahead:
            while pending and len(ahead) < PANDOC_PROCESSES:
                batch = pending.popleft()
                names = [name for name, _ in batch]
                ahead.append((names, (head_start and head_start.take(batch)) or pandoc.start_reading(names, cwd)))
            names, reading = ahead.popleft()
            try:
                document = pandoc.finish_reading(reading)
            except (RecursionError, pandoc.PandocLimitError) as exc:
                document = exc
            yield names, document
            del reading, document
    finally:
        for _, reading in ahead:  # an error stopped the reader: stop the runs it will not collect
            pandoc.cancel_reading(reading)


def _node_file(node: dict, names: dict[str, str]) -> str:
    c = node.get("c")
    attr = c[0] if node["t"] == "Div" else c[1] if node["t"] == "Header" else None
    if attr:
        for key, value in attr[2]:
            if key == "data-pos":
                return names.get(value.split("@", 1)[0], "")
    return ""


def _make_chapter(path: str, values: dict, fm: Located, blocks: list[m.Block], source_dir: str,
                  out: Collector) -> m.Chapter:
    icon = ""
    if values.get("icon"):
        from .images import resolve_image

        icon = resolve_image(values["icon"], source_dir, loc_of(fm, "icon"), out)
    return m.Chapter(values.get("id", os.path.splitext(os.path.basename(path))[0]), values.get("title", ""),
                     values.get("kind", "front"), blocks, path, values.get("outcome", ""),
                     values.get("leader_check", ""), values.get("colour", ""), icon, values.get("short_title", ""),
                     loc_of(fm, "id"))
