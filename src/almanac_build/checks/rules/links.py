"""Link-text rules (guidance item 7; WCAG 2.4.4): empty and placeholder links, generic, URL, ambiguous,
too short or whole-sentence link text, downloads without a file type."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from ..registry import Example, Hit, rule
from ..textutil import normalise, squash, words

# The union of Lighthouse (en), jsx-a11y, markdownlint MD059 and remark-lint-link-text, matched exactly
# after MD059's normalisation: "Read more about tax credits" is fine, "Read more" is not.
GENERIC = {"click here", "click this", "go", "here", "information", "learn more", "more", "more info",
           "more information", "right here", "read more", "see more", "start", "this", "link", "a link",
           "click", "click me", "this link", "here link", "link here", "go here", "find out more", "more details",
           "details", "continue", "continue reading", "read this", "this page", "this site", "this website",
           "website", "web site", "webpage", "web page", "page", "see here", "view", "visit", "download",
           "learn", "more here", "info", "url", "see", "read", "further information", "tap here", "press here"}
DOWNLOADS = {"pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "OpenDocument", "rtf": "RTF", "xls": "Excel",
             "xlsx": "Excel", "ods": "OpenDocument", "csv": "CSV", "ppt": "PowerPoint", "pptx": "PowerPoint",
             "odp": "OpenDocument", "zip": "ZIP", "epub": "EPUB", "mp3": "MP3", "mp4": "MP4", "txt": "text",
             "json": "JSON", "xml": "XML", "mobi": "Mobi"}
_TYPE_WORDS = re.compile(r"\b(pdf|word|docx?|odt|rtf|excel|xlsx?|ods|csv|powerpoint|pptx?|odp|zip|epub|mp3|mp4|"
                         r"txt|text|json|xml|opendocument|spreadsheet|mobi)\b", re.I)
_THIS = re.compile(r"^(this|that|these) (link|page|site|website|webpage|web page|report|document|guide|"
                   r"article|resource|file|one|publication)$")
_PREFIX = re.compile(r"^(click|tap|press|link to|go to|follow this link|follow the link)\b", re.I)
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|can|could|will|would|should|may|might|must|does|did|"
                  r"allows|spends|shows|helps|means)\b", re.I)
_QUESTION = re.compile(r"^(what|how|why|when|where|who|which)\b", re.I)


def _external(link) -> bool:
    """Links a reader follows somewhere else: not same-page fragments, e-mail or telephone links."""
    href = link.href.strip().lower()
    return not (href.startswith(("mailto:", "tel:", "javascript:")) or (href.startswith("#") and not link.placeholder))


def _text(link) -> str:
    return squash(link.text) or squash(link.image_alt or "")


@rule("link-empty", "A link has no text, or no address (an empty target or a placeholder `#`).", "error", "7",
      "2.4.4, 4.1.2", ("links", "link-markup"),
      fix="Give the link text that says where it goes, and fill in its address (replace `(#)` with the real URL).",
      failing=[Example("See the [Digital Connectivity Toolkit](#) for advice. {link-empty}",
                       "Outputs show a placeholder as plain text, so only the source lists it.", "S"),
               "Read the [](https://www.gov.uk/guidance/project-gigabit) guidance. {link-empty}"],
      passing=["See the [Digital Connectivity Toolkit](https://www.local.gov.uk/digital-connectivity) for advice."])
def empty(view):
    for link in view.links:
        if not _text(link):
            yield Hit(link.where, f"a link to {link.href or 'nowhere'} has no text a screen reader can announce")
        elif link.placeholder or not link.href.strip():
            yield Hit(link.where, f"placeholder link “{_text(link)}” has no address yet (written (#))")


@rule("link-text-generic", "The link text is a generic phrase such as “click here”, “here” or “read more”.",
      "warning", "7", "2.4.4", "links",
      fix="Use words that say where the link goes: “read the [Digital Inclusion Toolkit](…)”, not “[click here](…)”.",
      failing=["To see the toolkit [click here](https://www.gov.uk/toolkit). {link-text-generic}",
               "[Read more](https://www.gov.uk/toolkit) {link-text-generic}"],
      passing=["[Read more about tax credits](https://www.gov.uk/tax-credits)"])
def generic(view):
    for link in view.links:
        if _external(link) and (normalise(_text(link)) in GENERIC or _THIS.match(normalise(_text(link)))):
            yield Hit(link.where, f"the link text “{_text(link)}” does not say where the link goes")


@rule("link-text-url", "The link text is a web address (a short, memorable domain such as www.gov.uk is accepted).",
      "warning", "7", "2.4.4", "links",
      fix="Use the name of the page as link text; a short, memorable domain (www.gov.uk) is acceptable.",
      failing=["See [https://www.gov.uk/guidance/project-gigabit](https://www.gov.uk/guidance/project-gigabit)."
               " {link-text-url}"],
      passing=["See [Project Gigabit](https://www.gov.uk/guidance/project-gigabit)."])
def url_text(view):
    for link in view.links:
        text = _text(link)
        if not _external(link) or not _is_url(text) or _in_parentheses(link, text):
            continue
        if not urlsplit(_with_scheme(text)).path.strip("/") and len(text) <= 30:
            continue  # a short, memorable domain (www.gov.uk) is acceptable link text (Illinois)
        yield Hit(link.where, f"the link text is the web address “{text}”")


_DOMAIN_PATH = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/\S+$", re.I)


def _is_url(text: str) -> bool:
    if " " in text:
        return False
    parts = urlsplit(text)
    return (parts.scheme in ("http", "https") and bool(parts.netloc)) or text.lower().startswith("www.") \
        or bool(_DOMAIN_PATH.match(text))


def _with_scheme(text: str) -> str:
    return text if "://" in text else "http://" + text


def _in_parentheses(link, text: str) -> bool:
    """A print edition may show the address after descriptive text, in brackets: allowed."""
    return f"({text})" in link.sentence.replace(" ", "") or f"({text})" in link.sentence


@rule("link-text-redundant-prefix", "The link text starts with “click”, “go to” or “link to”.", "notice", "7",
      "2.4.4", "source-text",
      fix="Start the link with what it leads to: “[the Digital Inclusion Toolkit](…)”, not “[click to see the toolkit](…)”.",
      failing=["[Click here to read the toolkit](https://www.gov.uk/toolkit). {link-text-redundant-prefix}"],
      passing=["Read [the Digital Inclusion Toolkit](https://www.gov.uk/toolkit)."])
def redundant_prefix(view):
    for link in view.links:
        text = _text(link)
        if text and _external(link) and normalise(text) not in GENERIC and _PREFIX.match(text):
            yield Hit(link.where, f"the link text “{text[:60]}” starts with an instruction, not the destination")


@rule("link-same-text-different-target", "Links with the same text go to different places.", "warning", "7",
      "2.4.4, 2.4.9", "links",
      fix="Give each destination its own link text, or point links with the same text at the same page.",
      failing=["[Toolkit](https://www.gov.uk/a) and later [Toolkit](https://www.gov.uk/b). {link-same-text-different-target}"],
      passing=["[Toolkit](https://www.gov.uk/a) and [toolkit](http://www.gov.uk/a/)."])
def same_text(view):
    first: dict[str, tuple] = {}
    for link in view.links:
        if not _external(link) or link.placeholder or not _text(link):
            continue
        key, target = normalise(_text(link)), normalise_url(link.href)
        seen = first.setdefault(key, (target, link))
        if seen[0] != target:
            yield Hit(link.where, f"“{_text(link)}” goes to {link.href}, but a link with the same text goes to "
                                  f"{seen[1].href}")


def normalise_url(url: str) -> str:
    """axe's comparison: http = https, default ports dropped, trailing slash and query order ignored."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    query = "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{scheme}://{host}{parts.path.rstrip('/') or ''}?{query}#{parts.fragment}"


@rule("link-text-too-short", "The link text is one or two characters (“3”, “EE”), or a single possessive word.",
      "warning", "7", "2.4.4", "links",
      fix="Name the destination in the link: “[EE's coverage checker](…)”, not “[EE](…)”.",
      failing=["Use [3](https://www.three.co.uk/coverage) to check coverage. {link-text-too-short}",
               "Use [Vodafone's](https://www.vodafone.co.uk/coverage) checker. {link-text-too-short}"],
      passing=["Use [Three's coverage checker](https://www.three.co.uk/coverage)."])
def too_short(view):
    for link in view.links:
        text = _text(link)
        if not text or not (_external(link) or link.placeholder) or normalise(text) in GENERIC:
            continue
        chars = re.sub(r"[\W_]", "", text)
        if len(chars) <= 2:
            yield Hit(link.where, f"the link text “{text}” is {len(chars)} character{'s' * (len(chars) != 1)} long")
        elif len(text.split()) == 1 and re.search(r"['’]s?$", text):
            yield Hit(link.where, f"the link text “{text}” is one possessive word: what it leads to is outside the link")


@rule("link-text-too-long", "The link text is over 100 characters, or a whole sentence or clause is linked.",
      "notice", "7", "2.4.4", "source-text",
      fix="Link only the words that name the destination: “see [the Data Ethics Framework](…)”.",
      failing=["[Devon County Council has a section on its website where jobs are advertised.](https://www.devon.gov.uk/jobs)"
               " {link-text-too-long}"],
      passing=["Devon County Council advertises its [digital jobs](https://www.devon.gov.uk/jobs) with videos."])
def too_long(view):
    for link in view.links:
        text = _text(link)
        if not text or not (_external(link) or link.placeholder):
            continue
        reason = _why_too_long(text, link.sentence)
        if reason:
            yield Hit(link.where, f"the link text “{text[:80]}{'…' if len(text) > 80 else ''}” {reason}")


def _why_too_long(text: str, sentence: str) -> str:
    count = len(words(text))
    if len(text) > 100:
        return f"is {len(text)} characters long"
    if count >= 5 and text.rstrip("”’\"')").endswith((".", "!")):
        return "is a whole sentence"
    if _title_case(text) or _QUESTION.match(text) or text.endswith("?"):
        return ""  # the name of a document or page, however long
    if count >= 6 and len(words(sentence)) - count <= 1 and sentence.rstrip("”’\"') ").endswith((".", "!")):
        return "is the whole sentence"  # (a list item that is only a resource's name has no full stop)
    if count >= 5 and _AUX.search(text):
        return "is a clause with its own verb, not the name of a destination"
    return ""


def _title_case(text: str) -> bool:
    long_words = [w for w in text.split() if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


@rule("link-download-file-info", "A link to a file (PDF, Word, spreadsheet …) does not say the file type.",
      "warning", "7", "2.4.4", "links",
      fix="Say the type (and size) in or just after the link: “[Annual report (PDF, 2MB)](…/report.pdf)”.",
      failing=["Read the [annual report](https://www.example.gov.uk/report.pdf). {link-download-file-info}"],
      passing=["Read the [annual report (PDF, 2MB)](https://www.example.gov.uk/report.pdf)."])
def download_info(view):
    for link in view.links:
        ext = urlsplit(link.href).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(link.href).path else ""
        if ext not in DOWNLOADS or not _external(link):
            continue
        if not _TYPE_WORDS.search(_text(link) + " " + link.after[:30]):
            yield Hit(link.where, f"the link “{_text(link)}” opens a {DOWNLOADS[ext]} file but does not say so")


@rule("link-distinguishable", "Links are not underlined, so they are told apart by colour alone.", "error", "8, 5",
      "1.4.1", ("links", "link-styles"),
      fix="Keep links underlined (the guidance: links blue and underlined): no `text-decoration: none` on links in "
          "styles/html.css; an underline in the DOCX Hyperlink style.",
      failing=[], passing=["Read the [Digital Inclusion Toolkit](https://www.gov.uk/toolkit)."])
def distinguishable(view):
    for where in view.facts.get("links_not_underlined", []):
        yield Hit(where, "links are not underlined here")
