"""Issue 3's fidelity bar: each built edition holds at least 99 % of the 2023 text's word 4-grams."""

from __future__ import annotations

from pathlib import Path

import pytest

from fidelity import missing_ngrams, ngram_coverage, words
from outputs_text import output_text

REFERENCE = (Path(__file__).parent / "fidelity_reference.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["almanac.html", "almanac.docx", "almanac.epub", "almanac.pdf",
                                  "almanac-large-print.pdf"])
def test_output_keeps_99_percent_of_the_2023_text(built_almanac, name):
    text = output_text(built_almanac, name)
    coverage = ngram_coverage(REFERENCE, text)
    missing = missing_ngrams(REFERENCE, text)[:15]
    assert coverage >= 0.99, f"{name}: {coverage:.2%} of 4-grams; first missing: {missing}"


def test_normalisation_folds_quotes_dashes_and_links():
    assert words("The council’s [Digital Switchover](#) – 2025") == ["the", "council's", "digital", "switchover",
                                                                      "2025"]
    assert ngram_coverage("a b c d e", "x a b c d y") == 0.5  # (a b c d) found, (b c d e) not


def test_a_missing_paragraph_is_noticed():
    reference = "one two three four five\nsix seven eight nine ten"
    assert ngram_coverage(reference, "one two three four five") == 0.5
