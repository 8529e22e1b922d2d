"""The CommonMark 0.31.2 spec (tests/commonmark/spec.txt, CC BY-SA 4.0) as a test suite for the loader.

Every example is read in-process exactly as a chapter body is (the pre-scan `check_blocks`, Pandoc with
each example a document of its own, the AST reader, the image and link gates), all 652 in one
`parse_chapters` call. Each example either builds, and its visible text and structure (headings,
paragraphs, lists tight or loose, code, thematic breaks, quotes, emphasis, links, line breaks) match the
spec's HTML after the normalisations docs/source-format.md lists; or it is refused with an error at a
line of the example, of a kind that page documents. The deliberate differences are listed there too,
with reasons, and in DIFFERENCES below: anything else is a failure.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from almanac_build import model as m
from almanac_build.diagnostics import Collector, Diagnostic
from almanac_build.source.images import resolve_image
from almanac_build.source.markdown import parse_chapters
from almanac_build.source.textfile import check_blocks

SPEC = Path(__file__).parent / "commonmark" / "spec.txt"
FENCE = "`" * 32

# The kinds of refusal docs/source-format.md documents ("What the almanac refuses"), by message.
REFUSALS = {
    "raw HTML": r"raw HTML \(.*\) is not allowed|raw HTML is not allowed",
    "link address": r"the link address '.*' (is not allowed|.*)",
    "image": r"the image '.*' (is not a file inside source/|does not exist|lies outside)|the image has no file name",
    "internal link": r"the link '#.*' goes to no chapter or heading",
    "unclosed code block": r"the code block opened here with '.*' is never closed",
    "footnote": r"footnotes are not supported",
}

# Examples whose result differs from the spec on purpose: number → the reason (also in
# docs/source-format.md, "Where the almanac differs from CommonMark").
# Code fences still open at the example's end: CommonMark lets them run to the end of the document; the
# almanac refuses them at their opening line, since in a chapter they swallow everything after them.
UNCLOSED = {126, 127, 137, 139, 237}
EMPTY_ADDRESS = "an empty link address is a placeholder link, written '#' (shown as plain text, listed by the checks)"
DIFFERENCES: dict[int, str] = {number: EMPTY_ADDRESS for number in (200, 485, 486, 487, 567)}


def spec_examples() -> list[tuple[int, str, str, str]]:
    """(number, section, Markdown, expected HTML) for every example, tabs restored from '→'."""
    examples, section, lines = [], "", SPEC.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.startswith(FENCE + " example"):
            end = lines.index(FENCE, index + 1)
            dot = lines.index(".", index + 1)
            markdown = "\n".join(lines[index + 1:dot]) + "\n"
            html = "\n".join(lines[dot + 1:end]) + "\n"
            examples.append((len(examples) + 1, section, markdown.replace("→", "\t"), html.replace("→", "\t")))
            index = end
        index += 1
    return examples


EXAMPLES = spec_examples()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[int, tuple[list, list[Diagnostic]]]:
    """Each example number → (its blocks, the errors it was refused with)."""
    empty_source = str(tmp_path_factory.mktemp("spec-source"))
    errors: dict[str, list[Diagnostic]] = {}
    bodies = []
    for number, _, markdown, _ in EXAMPLES:
        path = f"/spec/example-{number}.md"
        scan = Collector()
        check_blocks(markdown, path, scan)
        errors[path] = scan.errors
        if not scan.errors:
            bodies.append((path, markdown))
    out = Collector()
    parsed = parse_chapters(bodies, out)
    for problem in out.errors:
        errors.setdefault(problem.loc.file, []).append(problem)
    for path, blocks in parsed.items():  # the gates the references pass applies to a whole book
        gate = Collector()
        ids = {b.id for b in _walk_blocks(blocks) if getattr(b, "id", "")}
        for node in _walk_all(blocks):
            if isinstance(node, (m.InlineImage, m.Figure)):
                resolve_image(node.src, empty_source, node.loc, gate)
            if isinstance(node, m.Link) and node.internal and node.url[1:] not in ids:
                gate.error(node.loc, f"the link '{node.url}' goes to no chapter or heading")
        errors[path] += gate.errors
    return {number: (parsed.get(f"/spec/example-{number}.md", []), errors[f"/spec/example-{number}.md"])
            for number, _, _, _ in EXAMPLES}


@pytest.mark.parametrize("number,section,markdown,html", EXAMPLES, ids=[f"{n}-{s}" for n, s, _, _ in EXAMPLES])
def test_spec_example(results, number, section, markdown, html):
    blocks, refused = results[number]
    if refused:
        lines = markdown.count("\n")
        for problem in refused:
            assert 1 <= problem.loc.line <= max(1, lines), f"example {number}: not located in it: {problem}"
            assert any(re.search(p, problem.message) for p in REFUSALS.values()), \
                f"example {number}: refused with an undocumented kind of error: {problem}"
            assert "\n" not in str(problem)
            if re.search(REFUSALS["unclosed code block"], problem.message):
                assert number in UNCLOSED, f"example {number}: a closed code block was refused: {problem}"
        assert not UNCLOSED & {number} or refused, f"example {number} should be refused as unclosed"
        return
    got, want = model_structure(blocks), html_structure(html)
    if number in DIFFERENCES:
        assert got != want, f"example {number} now matches the spec: remove it from DIFFERENCES"
        return
    assert got == want, f"example {number} ({section})\n{markdown}"


# ---------------------------------------------------------------- one shape for both sides
_SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _text(text: str) -> str:
    """Smart punctuation back to what was typed; white space as the reader sees it."""
    text = text.translate(_SMART).replace("\u2026", "...").replace("\u2014", "---").replace("\u2013", "--")
    return re.sub(r"[ \t\n]+", " ", text)


def _inlines_shape(items: list) -> list:
    """Merge adjacent text, collapse white space, drop it at the edges."""
    out: list = []
    for item in items:
        if isinstance(item, str):
            if out and isinstance(out[-1], str):
                out[-1] += item
            else:
                out.append(item)
        else:
            out.append(item)
    out = [_text(x) if isinstance(x, str) else x for x in out]
    while out and isinstance(out[0], str) and not out[0].strip():
        out.pop(0)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    while out and isinstance(out[-1], str) and not out[-1].strip():
        out.pop()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    # a line break's neighbouring spaces are not visible
    for i, x in enumerate(out):
        if x == ("br",):
            if i and isinstance(out[i - 1], str):
                out[i - 1] = out[i - 1].rstrip()
            if i + 1 < len(out) and isinstance(out[i + 1], str):
                out[i + 1] = out[i + 1].lstrip()
    return [x for x in out if x != ""]


def model_structure(blocks: list) -> list:
    return [shape for block in blocks for shape in _model_block(block)]


def _model_block(block) -> list:
    if isinstance(block, m.Heading):
        return [("h", block.level, _inlines_shape(_model_inlines(block.children)))]
    if isinstance(block, m.Paragraph):
        return [("p", _inlines_shape(_model_inlines(block.children)))]
    if isinstance(block, m.ListBlock):
        tight = getattr(block, "tight", False)
        items = [tuple(_item(model_structure(item), tight)) for item in block.items]
        return [("ol", block.start, tight, items) if block.ordered else ("ul", tight, items)]
    if isinstance(block, m.CodeBlock):
        return [("code", block.text)]
    if isinstance(block, m.ThematicBreak):
        return [("hr",)]
    if isinstance(block, m.BlockQuote):
        return [("quote", model_structure(block.blocks))]
    return [(type(block).__name__,)]


def _item(blocks: list, tight: bool) -> list:
    """In a tight list a paragraph is shown without its paragraph: the HTML has no <p>."""
    return [("plain", b[1]) if tight and b[0] == "p" else b for b in blocks]


def _model_inlines(nodes: list) -> list:
    out: list = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, m.Emph):
            out.append(("em", _inlines_shape(_model_inlines(node.children))))
        elif isinstance(node, m.Strong):
            out.append(("strong", _inlines_shape(_model_inlines(node.children))))
        elif isinstance(node, m.Code):
            out.append(("code", node.text))
        elif isinstance(node, m.LineBreak):
            out.append(("br",))
        elif isinstance(node, m.Link):
            out.append(("a", unquote(node.url), _inlines_shape(_model_inlines(node.children))))
        elif isinstance(node, m.Span):
            out.extend(_model_inlines(node.children))
        else:
            out.append((type(node).__name__,))
    return out


def html_structure(html: str) -> list:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return _html_blocks(root)


_BLOCK_TAGS = {"p", "ul", "ol", "pre", "hr", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"}


def _html_blocks(parent) -> list:
    out = []
    for child in parent:
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append(("h", int(tag[1]), _inlines_shape(_html_inlines(child))))
        elif tag == "p":
            out.append(("p", _inlines_shape(_html_inlines(child))))
        elif tag in ("ul", "ol"):
            items = [_html_item(li) for li in child if li.tag == "li"]
            tight = not any(b[0] == "p" for item in items for b in item)
            items = [tuple(item) for item in items]
            out.append(("ol", int(child.get("start", "1")), tight, items) if tag == "ol" else ("ul", tight, items))
        elif tag == "pre":
            code = child.find("code")
            text = (code if code is not None else child).text_content()
            out.append(("code", text[:-1] if text.endswith("\n") else text))  # the model keeps no final newline
        elif tag == "hr":
            out.append(("hr",))
        elif tag == "blockquote":
            out.append(("quote", _html_blocks(child)))
        else:
            out.append((tag,))
    return out


def _html_item(li) -> list:
    """A list item's blocks; text directly inside it (a tight item) is a 'plain' paragraph."""
    blocks, run = [], []
    for piece in [li.text or ""] + [x for child in li for x in (child, child.tail or "")]:
        if isinstance(piece, str) or piece.tag not in _BLOCK_TAGS:
            run.append(piece)
            continue
        if run and _inlines_shape(_html_run(run)):
            blocks.append(("plain", _inlines_shape(_html_run(run))))
        run = []
        blocks.extend(_html_blocks(_wrap(piece)))
    if run and _inlines_shape(_html_run(run)):
        blocks.append(("plain", _inlines_shape(_html_run(run))))
    return blocks


def _wrap(element):
    holder = lxml.html.Element("div")
    copy = lxml.html.fromstring(lxml.html.tostring(element, with_tail=False))
    holder.append(copy)
    return holder


def _html_run(pieces: list) -> list:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            out.extend(_html_inline(piece))
    return out


def _html_inlines(element) -> list:
    return _html_run([element.text or ""] + [x for child in element for x in (child, child.tail or "")])


def _html_inline(element) -> list:
    tag = element.tag
    inner = lambda: _inlines_shape(_html_inlines(element))  # noqa: E731
    if tag == "em":
        return [("em", inner())]
    if tag == "strong":
        return [("strong", inner())]
    if tag == "code":
        return [("code", element.text_content())]
    if tag == "br":
        return [("br",)]
    if tag == "a":
        return [("a", unquote(element.get("href", "")), inner())]
    if tag == "img":
        return [("img", element.get("src", ""), element.get("alt", ""))]
    return [(tag,)]


def _walk_blocks(blocks: list):
    from almanac_build.walk import iter_blocks

    return iter_blocks(blocks)


def _walk_all(blocks: list):
    from almanac_build.walk import iter_blocks, iter_inlines

    yield from iter_blocks(blocks)
    yield from iter_inlines(blocks)


def test_the_documented_counts_are_the_measured_ones(results):
    """docs/source-format.md states how many examples build and how many are refused, by kind."""
    doc = (Path(__file__).parent.parent / "docs" / "source-format.md").read_text(encoding="utf-8")
    built = sum(1 for _, refused in results.values() if not refused)
    stated = re.search(r"Today: (\d+) build and match, (\d+) are refused", doc)
    assert stated and (int(stated.group(1)), int(stated.group(2))) == (built, len(results) - built)
    kinds = {kind: 0 for kind in REFUSALS}
    for _, refused in results.values():
        if refused:
            kinds[next(k for k, p in REFUSALS.items() if re.search(p, refused[0].message))] += 1
    rows = {"raw HTML": "raw HTML", "link address": "a link address", "image": "an image",
            "internal link": "a link to an `#id`", "unclosed code block": "a code fence still open"}
    for kind, start in rows.items():
        row = next(line for line in doc.split("\n") if line.startswith(f"| {start}"))
        assert int(row.split("|")[2].split()[0]) == kinds[kind], row
    assert sorted(UNCLOSED) == [int(n) for n in re.findall(r"\d+", row.split("|")[2])[1:]]
