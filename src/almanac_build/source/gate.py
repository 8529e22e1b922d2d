"""The one gate for every address and every text that reaches an output, whatever file it comes from.

A link in a chapter, a web address or email in `almanac.yaml`, a council's name in a data file and a
colour in the theme all become an `href`, a `src`, HTML, XHTML, WordprocessingML or ReportLab paragraph
markup. Each check here returns a problem ("" when the value is fine) that the caller reports at the
value's `file:line:col`; the schema applies them by a field's declared kind (see schema.py), so a new
field gets the gate by saying what it is. Writers still escape every text they put into markup.
"""

from __future__ import annotations

import re

# The schemes a link may use anywhere in the source: the web, email and telephone.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
ADDRESS_HINT = "use a full https:// address, mailto:, tel:, an #id in the almanac, or (#) as a placeholder"

# Characters XML 1.0 cannot hold (every XML output would fail on them) and the other C0/C1 controls,
# which no editor means to type: refused, not dropped, so the source says what the outputs say.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# What an address may not contain anywhere: white space and control characters (quotes and angle
# brackets are allowed, as in chapter links before: every writer escapes them, which the tests check).
_NOT_IN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_WEB = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][^\s]*)?$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}$")
_TELEPHONE = re.compile(r"^\+?[0-9][0-9 ()-]{2,30}$")


def character_problem(text: str) -> str:
    """A control character (U+0001 …) in text: it would break every XML output."""
    found = CONTROL.search(text)
    if not found:
        return ""
    return f"contains the control character U+{ord(found.group()):04X}"


def link_problem(url: str) -> str:
    """A link's address: http(s) with a host, mailto:, tel:, or an #id in the document."""
    if url.startswith("#"):
        return "" if not _NOT_IN_ADDRESS.search(url) else "is not an #id"
    if not url.lower().startswith(SAFE_SCHEMES):
        return "is not allowed"
    if url.lower().startswith(("http://", "https://")):
        return web_problem(url)
    if _NOT_IN_ADDRESS.search(url) and not url.lower().startswith("tel:"):
        return "contains a space or control character"
    return "" if not character_problem(url) else "contains a control character"


def web_problem(url: str) -> str:
    """A web address written in metadata or a chapter: http(s)://host/…, nothing that could leave the
    attribute it is written into."""
    if not url.lower().startswith(("http://", "https://")):
        return "must be a web address starting https://"
    if _NOT_IN_ADDRESS.search(url):
        return "contains a space or control character"
    if not _WEB.match(url):
        return "is not a web address with a host name"
    return ""


def email_problem(text: str) -> str:
    return "" if _EMAIL.match(text) else "must be an email address such as info@example.org"


def telephone_problem(text: str) -> str:
    return "" if _TELEPHONE.match(text) else "must be a telephone number: digits, spaces, brackets, '+' and '-'"
