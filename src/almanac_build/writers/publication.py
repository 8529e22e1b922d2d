"""The publication block every edition ends with (publisher, address, telephone, email, web, copyright,
other formats, reference), as plain pieces each writer marks up its own way.

Every value is optional except the publisher: a piece whose value the source leaves out is left out,
never printed as a bare label ("Telephone ."). The words are the tool's; the values are the source's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m


@dataclass(frozen=True)
class Piece:
    """One line of the block: `label` (may be "") before `text`; `href` when the text is a link."""

    label: str
    text: str
    href: str = ""


def web_display(url: str) -> str:
    """'https://www.local.gov.uk/' -> 'www.local.gov.uk': the address as a reader would type it."""
    return url.split("//")[-1].rstrip("/")


def contact_pieces(meta: m.Metadata, web_label: str = "Website") -> list[Piece]:
    """Telephone, email and web, in that order, each only when the source gives it."""
    c = meta.contact
    out = []
    if c.telephone:
        out.append(Piece("Telephone", c.telephone))
    if c.email:
        out.append(Piece("Email", c.email, f"mailto:{c.email}"))
    if c.web:
        out.append(Piece(web_label, web_display(c.web), c.web))
    return out


def publisher_and_address(meta: m.Metadata) -> str:
    """'Local Government Association, 18 Smith Square, London SW1P 3HZ' (the address on one line)."""
    return ", ".join([meta.publisher, *meta.contact.address])


def closing_lines(meta: m.Metadata) -> list[Piece]:
    """Copyright, other formats and reference, each only when given."""
    out = [Piece("", text) for text in (meta.copyright, meta.other_formats) if text]
    if meta.reference:
        out.append(Piece("Reference:", meta.reference))
    return out


def block_lines(meta: m.Metadata, web_label: str = "", reference_label: bool = False) -> list[Piece]:
    """The whole block line by line, as the print edition's back page sets it: the publisher, each
    address line, the contact lines, then copyright, other formats and reference."""
    lines = [Piece("", meta.publisher)] + [Piece("", line) for line in meta.contact.address]
    for piece in contact_pieces(meta, web_label):
        lines.append(Piece("" if piece.label == web_label else piece.label, piece.text, piece.href))
    for piece in closing_lines(meta):
        lines.append(piece if reference_label else Piece("", piece.text))
    return lines
