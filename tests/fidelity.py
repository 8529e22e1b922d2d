"""Fidelity of an output to the reference text: the share of the reference's word 4-grams found in
the output's text, after normalising case, quotes, dashes and link markup.

4-grams are taken within each reference line and each tab-separated cell, because the reference is
an extraction whose line breaks and tabs fall between table cells and blocks that a structured edition
may legitimately reorder. HTML fragments the extraction left (`<u>`, `&nbsp;`) count as markup.
"""

from __future__ import annotations

import re
import unicodedata

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([()\[\]*_#])")
_TAG = re.compile(r"<[^>\n]{0,200}>|&nbsp;|&amp;")
_WORD = re.compile(r"[a-z0-9£€%]+(?:['.,][a-z0-9]+)*")
_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-",
                       "\u00a0": " ", "\u00ad": ""})


def words(text: str) -> list[str]:
    """Normalised words: link markup and escapes removed, quotes and dashes folded, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = _ESCAPE.sub(r"\1", _LINK.sub(r"\1", _TAG.sub(" ", text))).lower()
    return [w.strip(".,") for w in _WORD.findall(text)]


def ngrams(tokens: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def reference_ngrams(reference: str, n: int = 4) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for line in reference.splitlines():
        for cell in line.split("\t"):
            found |= ngrams(words(cell), n)
    return found


def missing_ngrams(reference: str, output_text: str, n: int = 4) -> list[tuple[str, ...]]:
    """The reference's 4-grams that the output lacks, sorted (for a readable failure message)."""
    return sorted(reference_ngrams(reference, n) - ngrams(words(output_text), n))


def ngram_coverage(reference: str, output_text: str, n: int = 4) -> float:
    wanted = reference_ngrams(reference, n)
    if not wanted:
        return 1.0
    return 1 - len(wanted - ngrams(words(output_text), n)) / len(wanted)
