"""Text helpers the rules share: normalising, sentences, words and syllables."""

from __future__ import annotations

import functools
import re

_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|approx|incl|no|nos|dr|mr|mrs|ms|st|co|ltd|inc|fig|p|pp|vol|ed|"
                     r"cllr|prof|rev|dept|govt|est|ref|para|paras|sec|ch|op|jan|feb|mar|apr|jun|jul|aug|sep|sept|"
                     r"oct|nov|dec|[a-z])\.", re.IGNORECASE)
# A sentence ends at . ! or ? and any closing quotes or brackets after it (‘… go home.’ ends there),
# before white space and a capital, digit or opening quote.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£$])")
_INNER_DOT = re.compile(r"(?<=\S)\.(?=[A-Za-z0-9/_-])")  # GOV.UK, www.gov.uk, 3.5: no end of sentence
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[A-Za-z0-9£$%][\w'’£$%.,/-]*")


def squash(text: str | None) -> str:
    """Whitespace collapsed, ends trimmed (what a screen reader would announce)."""
    return " ".join((text or "").split())


@functools.lru_cache(maxsize=16384)  # tracing asks for the same texts format after format
def normalise(text: str) -> str:
    """markdownlint MD059's normalisation: lower case, every run of non-word characters to one space."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def sentences(text: str) -> list[str]:
    """Split running text into sentences without tripping on e.g., i.e., etc., decimals or URLs. A full
    stop inside closing quotation marks ends its sentence; a line break (between list items, or between
    paragraphs joined with "\\n") always does, so an item without a full stop is not run into the next."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=8192)  # the same paragraphs come back in every format and several rules
def _sentences(text: str) -> tuple[str, ...]:
    out = []
    for line in (text or "").splitlines():
        protected = _ABBREV.sub(lambda m: m.group(0).replace(".", "\u2024"), squash(line))
        protected = _INNER_DOT.sub("\u2024", protected)
        start = 0
        for end in _END.finditer(protected):
            out.append(protected[start:end.end()])
            start = end.end()
        out.append(protected[start:])
    return tuple(p.replace("\u2024", ".").strip() for p in out if p.strip())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@functools.lru_cache(maxsize=16384)
def syllables(word: str) -> int:
    """A rough English syllable count (vowel groups, silent final e), good enough for a Flesch notice."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def sentence_around(paragraph: str, fragment: str) -> str:
    """The sentence of `paragraph` that contains `fragment` (the first one if it occurs twice)."""
    fragment = squash(fragment)
    for sentence in sentences(paragraph):
        if fragment and fragment in sentence:
            return sentence
    return squash(paragraph)
