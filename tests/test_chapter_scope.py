"""Each chapter is read as its own document: four chapters that used to change each other when Pandoc
read them as one text (issue #18), each effect first reproduced on the joined text, then shown gone."""

from __future__ import annotations

import re

import pytest

from almanac_build import model as m
from almanac_build.diagnostics import AlmanacError, Collector
from almanac_build.source.loader import ChapterMemo, load
from almanac_build.source import markdown
from almanac_build.source.markdown import parse_chapter, parse_chapters
from almanac_build.source.textfile import split_front_matter
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks, iter_inlines

ALPHA = """---
id: alpha
title: Alpha
kind: front
---

## Alpha {#alpha-top}

The [shared label] goes to Alpha's address; [the standard] too. [Later](#) and [down](#delta-top).

[shared label]: https://alpha.example.org/
[the standard]: https://standard.example.org/

- first item of alpha
- last item of alpha
"""

BETA = """---
id: beta
title: Beta
kind: front
---
  Beta starts with an indented line.

The [shared label] goes to Beta's address.

[shared label]: https://beta.example.org/
"""

GAMMA = """---
id: gamma
title: Gamma
kind: front
---

## Gamma

```text
code that an indented line does not close
    ```
"""

DELTA = """---
id: delta
title: Delta
kind: front
---

## Delta heading {#delta-top}

Delta text.
"""

GAMMA_CLOSED = GAMMA + "```\n"


def _body(text: str) -> str:
    return split_front_matter(text, "x.md").body


def _links(blocks) -> dict[str, str]:
    return {plain(link.children): link.url for link in iter_inlines(blocks) if isinstance(link, m.Link)}


def _source(sample_copy, gamma: str = GAMMA_CLOSED, alpha: str = ALPHA):
    source = sample_copy({"chapters/01-introduction.md": alpha, "chapters/02-connectivity.md": BETA,
                          "chapters/03-data.md": gamma, "chapters/04-annex.md": DELTA})
    almanac = (source / "almanac.yaml").read_text()
    return source, almanac


def test_read_as_one_text_the_chapters_change_each_other():
    """What the loader did before: the effects the issue lists, on the same four chapters joined."""
    joined = "".join(_body(text) for text in (ALPHA, BETA, GAMMA, DELTA))
    blocks = parse_chapter("joined.md", joined, Collector())
    beta_link = [link for link in iter_inlines(blocks) if isinstance(link, m.Link) and plain(link.children)
                 == "shared label"][1]
    assert beta_link.url == "https://alpha.example.org/"  # the second definition of the label was ignored
    alpha_list = next(b for b in blocks if isinstance(b, m.ListBlock))
    assert "Beta starts" in block_text(alpha_list.items[-1])  # Beta's first line joined Alpha's last item
    assert not any(isinstance(b, m.Heading) and plain(b.children) == "Delta heading" for b in iter_blocks(blocks))


@pytest.fixture
def one_run(monkeypatch):
    """All chapters in one Pandoc run (which chapters share a run otherwise depends on their sizes)."""
    monkeypatch.setattr(markdown, "make_batches", lambda files: [tuple(files)])


def test_each_chapter_is_its_own_document(one_run):
    bodies = [(f"/src/{name}.md", _body(text)) for name, text in
              (("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA), ("delta", DELTA))]
    out = Collector()
    chapters = parse_chapters(bodies, out)
    assert not out.items
    alpha, beta, gamma, delta = (chapters[path] for path, _ in bodies)
    assert _links(alpha)["shared label"] == "https://alpha.example.org/"
    assert _links(beta)["shared label"] == "https://beta.example.org/"  # its own definition, not Alpha's
    alpha_list = next(b for b in alpha if isinstance(b, m.ListBlock))
    assert [block_text(item) for item in alpha_list.items] == ["first item of alpha", "last item of alpha"]
    assert isinstance(beta[0], m.Paragraph) and plain(beta[0].children) == "Beta starts with an indented line."
    assert beta[0].loc.line == 6
    code = next(b for b in gamma if isinstance(b, m.CodeBlock))
    assert code.text.rstrip("\n").endswith("\n    ```")  # the code block ends with its chapter ...
    assert isinstance(delta[0], m.Heading) and plain(delta[0].children) == "Delta heading"  # ... not in the next


def test_ids_and_internal_links_come_back_as_written(one_run):
    """--file-scope renames ids and `#` links of a several-file run; the reader gives the source's back."""
    bodies = [("/src/alpha.md", _body(ALPHA)), ("/src/delta.md", _body(DELTA))]
    chapters = parse_chapters(bodies, Collector())
    alpha, delta = chapters["/src/alpha.md"], chapters["/src/delta.md"]
    assert alpha[0].id == "alpha-top" and delta[0].id == "delta-top"
    assert _links(alpha)["Later"] == "#" and _links(alpha)["down"] == "#delta-top"


def test_the_book_builds_each_chapter_on_its_own(sample_copy, one_run):
    source, _ = _source(sample_copy)
    book = load(str(source))
    alpha, beta, gamma, delta = book.chapters
    assert _links(alpha.blocks)["shared label"] == "https://alpha.example.org/"
    assert _links(beta.blocks)["shared label"] == "https://beta.example.org/"
    assert _links(alpha.blocks)["down"] == "#delta-top"  # a link to another chapter's heading still lands
    assert isinstance(delta.blocks[0], m.Heading)


def test_an_indented_line_does_not_close_a_fence(sample_copy):
    source, _ = _source(sample_copy, gamma=GAMMA)
    with pytest.raises(AlmanacError) as raised:
        load(str(source))
    message = str(raised.value)
    opening = GAMMA.split("\n").index("```text") + 1
    assert re.search(rf"chapters/03-data\.md:{opening}:1: error: the code block opened here with '```' is never "
                     "closed", message), message
    assert len(raised.value.diagnostics) == 1


def test_a_reference_defined_only_in_another_chapter_is_an_error_at_the_use(sample_copy):
    beta = BETA.replace("goes to Beta's address.", "goes to Beta's address, as [The  Standard] says.")
    source = sample_copy({"chapters/01-introduction.md": ALPHA, "chapters/02-connectivity.md": beta,
                          "chapters/03-data.md": GAMMA_CLOSED, "chapters/04-annex.md": DELTA})
    with pytest.raises(AlmanacError) as raised:
        load(str(source))
    (problem,) = raised.value.diagnostics
    line = beta.split("\n").index(next(x for x in beta.split("\n") if "[The  Standard]" in x)) + 1
    definition = ALPHA.split("\n").index("[the standard]: https://standard.example.org/") + 1
    assert problem.loc.file.endswith("chapters/02-connectivity.md")
    assert (problem.loc.line, problem.loc.col) == (line, beta.split("\n")[line - 1].index("[The") + 1)
    assert f"chapters/01-introduction.md:{definition})" in problem.message
    assert "add the line '[The  Standard]: https://standard.example.org/' to this chapter" in problem.hint
    assert "\n" not in str(problem)


def test_a_memo_sends_only_changed_chapters_to_pandoc(sample_copy, monkeypatch):
    from almanac_build.source import loader

    source, _ = _source(sample_copy)
    memo = ChapterMemo()
    first = load(str(source), memo)
    sent: list[list[str]] = []
    real = loader.parse_chapters
    monkeypatch.setattr(loader, "parse_chapters", lambda bodies, out: sent.append([p for p, _ in bodies])
                        or real(bodies, out))
    (source / "chapters" / "02-connectivity.md").write_text(BETA.replace("Beta starts", "Beta now starts"))
    second = load(str(source), memo)
    assert [[p.rsplit("/", 1)[1] for p in paths] for paths in sent] == [["02-connectivity.md"]]
    assert plain(second.chapters[1].blocks[0].children) == "Beta now starts with an indented line."
    ids = [[getattr(b, "id", "") for b in iter_blocks(c.blocks)] for c in (first.chapters[0], second.chapters[0])]
    assert ids[0] == ids[1] and "alpha-top" in ids[0]  # ids are given again to the kept chapter's copy
    assert second.chapters[0].blocks is not first.chapters[0].blocks  # each load has its own model
