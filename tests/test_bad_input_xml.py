"""XML is read without entity expansion or network access: the shared parser in safexml refuses both,
and an audit of the code base finds no XML parse that uses lxml's or the standard library's defaults."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from almanac_build import safexml
from conftest import ROOT

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
                  + b"]><r>&i;</r>")
XXE = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><r>&x;</r>'
NETWORK = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r>&y;</r>'


def test_entities_are_not_expanded():
    try:
        root = safexml.fromstring(BILLION_LAUGHS)
    except etree.XMLSyntaxError as exc:  # libxml2 stops the attempt outright
        assert "amplification" in str(exc)
    else:
        assert len(root.xpath("string()")) < 100  # expanded, it would be 10^9 characters
        assert safexml.declares_entities(root.getroottree())


def test_external_entities_and_dtds_are_not_fetched():
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "localhost"
    assert hostname not in safexml.fromstring(XXE).xpath("string()")
    try:
        root = safexml.fromstring(NETWORK)  # no DTD is loaded, so &y; stays undefined or empty
        assert root.xpath("string()") == ""
    except Exception as exc:  # lxml may also refuse the undefined entity outright
        assert "y" in str(exc)


CALL = re.compile(r"\betree\.(fromstring|parse|XML|iterparse)\(")
PARSER = re.compile(r"\betree\.XMLParser\(")
UNSAFE_IMPORTS = re.compile(r"^\s*(import xml\.dom|from xml\.dom|import xml\.etree|from xml\.etree|"
                            r"from xml\.sax import (?!saxutils)|import xml\.sax$|from xml\.sax\.(?!saxutils))", re.M)


def call_arguments(text: str, start: int) -> str:
    """The text between a call's parentheses (nested parentheses included)."""
    depth, index = 1, start
    while depth and index < len(text):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        index += 1
    return text[start:index - 1]


def top_level_commas(arguments: str) -> int:
    depth = commas = 0
    for char in arguments:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        commas += char == "," and depth == 0
    return commas


def test_every_xml_parse_in_the_code_base_uses_a_safe_parser():
    problems = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        for found in PARSER.finditer(text):
            arguments = call_arguments(text, found.end())
            if "resolve_entities=False" not in arguments or "no_network=True" not in arguments:
                problems.append(f"{rel}: XMLParser({arguments}) must set resolve_entities=False, no_network=True")
        for found in CALL.finditer(text):
            if top_level_commas(call_arguments(text, found.end())) < 1:
                problems.append(f"{rel}: etree.{found.group(1)}(…) without a parser; use almanac_build.safexml")
        if UNSAFE_IMPORTS.search(text):
            problems.append(f"{rel}: the standard library's XML parsers expand entities; use almanac_build.safexml")
    assert problems == []
