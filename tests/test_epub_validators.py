"""The real almanac's EPUB, with its print page list, passes EPUBCheck (no errors, no warnings) and
DAISY Ace (no violations), before and after the conformance claim is added."""

from __future__ import annotations

import shutil

import pytest

from almanac_build.writers.epub import claim_conformance
from conftest import SAMPLE, write_edition, write_pagination
from epub_support import ace_violations, epubcheck_messages, read_epub

pytestmark = pytest.mark.validators


@pytest.fixture(scope="module")
def claimed(paged_almanac, tmp_path_factory):
    path = tmp_path_factory.mktemp("claimed") / "almanac.epub"
    shutil.copyfile(paged_almanac / "almanac.epub", path)
    claim_conformance(str(path), 1679356800)
    assert read_epub(path).meta("dcterms:conformsTo")
    return path


def describe(messages):
    return [f"{m['severity']} {m['ID']}: {m['message']} at {[l['path'] for l in m['locations']][:2]}"
            for m in messages]


def test_epubcheck_finds_nothing_in_the_claimed_edition(claimed):
    """The claimed copy differs from the build only by the two claim properties."""
    assert describe(epubcheck_messages(claimed)) == []


def test_epubcheck_finds_nothing_in_the_ordinary_build(built_almanac):
    assert describe(epubcheck_messages(built_almanac / "almanac.epub")) == []


def test_ace_finds_no_violations(claimed, tmp_path):
    """Ace also checks the claim's wording and the page list's integrity and page source."""
    assert ace_violations(claimed, tmp_path) == []


def test_ace_finds_no_violations_in_the_ordinary_build(built_almanac, tmp_path):
    """As `make` builds it (with the print PDF's own page list once the PDF writer records one)."""
    assert ace_violations(built_almanac / "almanac.epub", tmp_path) == []


def test_sample_with_figures_and_a_dense_page_list_passes_both(tmp_path):
    """The sample book has a captioned SVG figure and a decorative image; a page
    every three blocks puts markers inside lists, tables and case studies."""
    out = tmp_path / "out"
    write_pagination(SAMPLE, out / ".build", every=3)
    write_edition(SAMPLE, out, "epub")
    assert describe(epubcheck_messages(out / "almanac.epub")) == []
    assert ace_violations(out / "almanac.epub", tmp_path) == []


def test_epubcheck_harness_reports_a_broken_page_list_link(built_sample, tmp_path):
    """The harness must be able to fail: a page-list entry pointing at a missing id is an error."""
    import zipfile

    from almanac_build.writers.zipfiles import normalise_zip

    path = tmp_path / "broken.epub"
    path.write_bytes((built_sample / "almanac.epub").read_bytes())
    with zipfile.ZipFile(path) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
    broken = nav.replace('href="text/02-connectivity.xhtml#connectivity"', 'href="text/02-connectivity.xhtml#nowhere"')
    assert broken != nav
    normalise_zip(str(path), 0, replace={"EPUB/nav.xhtml": broken.encode()})
    found = [(m["severity"], m["ID"], m["locations"][0]["path"]) for m in epubcheck_messages(path)]
    assert found == [("ERROR", "RSC-012", "EPUB/nav.xhtml")]  # fragment identifier not defined


def test_ace_harness_reports_a_missing_alt(built_sample, tmp_path):
    """The harness must be able to fail: an image without alt is an axe `image-alt` violation."""
    import zipfile

    from almanac_build.writers.zipfiles import normalise_zip

    path = tmp_path / "broken.epub"
    path.write_bytes((built_sample / "almanac.epub").read_bytes())
    name = "EPUB/text/02-connectivity.xhtml"
    with zipfile.ZipFile(path) as archive:
        page = archive.read(name).decode()
    broken = page.replace('alt="Bar chart of broadband coverage rising from 40 to 70 per cent"', "")
    assert broken != page
    normalise_zip(str(path), 0, replace={name: broken.encode()})
    found = ace_violations(path, tmp_path)
    assert len(found) == 1 and found[0].startswith("text/02-connectivity.xhtml: image-alt (critical)")
