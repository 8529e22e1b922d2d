"""The structural verifier can fail: each check is shown a PDF broken in exactly its way."""

from __future__ import annotations

import re

import pikepdf
import pytest

from pdf_verify import verify


@pytest.fixture
def broken(built_sample, tmp_path):
    """Copy the sample PDF, apply `change(pdf)`, save it and return the verifier's problems."""

    def make(change):
        target = tmp_path / "broken.pdf"
        with pikepdf.open(built_sample / "almanac.pdf") as pdf:
            change(pdf)
            pdf.save(target)
        return verify(str(target)).problems

    return make


def _elements(pdf, role):
    stack, found = [pdf.Root.StructTreeRoot], []
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                if kid.S == role:
                    found.append(kid)
                stack.append(kid)
    return found


def _rewrite(page, old: bytes, new: bytes, count: int = 1):
    data = page.Contents.read_bytes()
    assert old in data
    page.Contents.write(data.replace(old, new, count))


def test_the_sample_is_clean(built_sample):
    assert verify(str(built_sample / "almanac.pdf")).problems == []


def test_untagged_painting_is_found(broken):
    def change(pdf):  # unwrap the first artifact on the page: its painting is now untagged
        data = pdf.pages[2].Contents.read_bytes()
        start = data.index(b"/Artifact BMC")
        end = data.index(b"EMC", start)
        pdf.pages[2].Contents.write(data[:start] + data[start + 13:end] + data[end + 3:])

    problems = broken(change)
    assert any("painted outside marked content" in p for p in problems)


def test_a_figure_without_alt_is_found(broken):
    problems = broken(lambda pdf: _elements(pdf, "/Figure")[0].__delitem__("/Alt"))
    assert "Figure without Alt" in problems


def test_a_header_cell_without_scope_is_found(broken):
    problems = broken(lambda pdf: _elements(pdf, "/TH")[0].__delitem__("/A"))
    assert "TH without Scope" in problems


def test_link_contents_that_differ_from_the_text_are_found(broken):
    def change(pdf):
        annot = next(a for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a)
        annot.Contents = pikepdf.String("something else")

    assert any("differs from its /Contents" in p for p in broken(change))


def test_reordered_tree_is_found(broken):
    def change(pdf):
        document = pdf.Root.StructTreeRoot.K
        kids = document.K
        kids[1], kids[2] = kids[2], kids[1]  # two cover paragraphs swap places in the tree only

    assert any("order differs from paint order" in p for p in broken(change))


def test_a_broken_parent_tree_is_found(broken):
    def change(pdf):
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        marks = nums[1]
        marks[0], marks[1] = marks[1], marks[0]

    assert any("ParentTree does not map" in p for p in broken(change))


def test_nested_marked_content_is_found(broken):
    def change(pdf):
        data = pdf.pages[0].Contents.read_bytes()
        first = re.search(rb"/H1 <</MCID 0>> BDC", data)
        pdf.pages[0].Contents.write(data[:first.end()] + b" /Span BMC EMC" + data[first.end():])

    assert any("nested marked content" in p for p in broken(change))
