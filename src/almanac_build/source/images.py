"""Images named in the source: they must lie inside `source/`, exist, and really be images.

SVG files pass the allowlist (svg_allowlist.py), since they are copied into the HTML and EPUB editions
as they are; raster images are measured from their headers and verified (raster.py) before any writer
decodes them.
"""

from __future__ import annotations

import os

from ..diagnostics import Collector, Loc
from .raster import RasterRefused, check_raster
from .svg_allowlist import SvgRefused, check_svg

MAX_SVG_BYTES = 5 * 1024 * 1024  # the largest 2023 SVG is 2 KB; svglib holds the whole tree
MAX_TOTAL_PIXELS = 200_000_000  # all of a publication's raster pictures together (four at the 50 MP budget)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # all of its picture files together
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}


def resolve_image(src: str, source_dir: str, loc: Loc, out: Collector) -> str:
    """Return the image's absolute path, or "" after reporting why it cannot be used."""
    if not src.strip():
        out.error(loc, "the image has no file name", "write ![alt text](images/name.svg)")
        return ""
    if "://" in src or src.startswith(("/", "\\")) or src.lower().startswith("data:"):
        out.error(loc, f"the image '{src[:60]}' is not a file inside source/",
                  "copy the image into source/images/ and write its path as images/name.svg")
        return ""
    root = os.path.realpath(source_dir)
    path = os.path.realpath(os.path.join(root, src))
    if os.path.commonpath([root, path]) != root:
        out.error(loc, f"the image '{src}' lies outside the source folder",
                  "copy the image into source/images/ and write its path as images/name.svg")
        return ""
    if not os.path.isfile(path):
        out.error(loc, f"the image '{src}' does not exist", "check the file name (paths are relative to source/)")
        return ""
    kind = image_kind(path)
    if not kind:
        out.error(loc, f"'{src}' is not a PNG, JPEG, GIF or SVG image", "export the picture as SVG or PNG")
        return ""
    if path in out.pictures:  # used again: checked once
        return path
    problem = _over_total(path, kind, out.pictures) or image_problem(path, kind)
    if problem:
        message, _, hint = problem.partition(" — ")
        what = "the SVG image" if kind == "svg" else "the image"
        out.error(loc, f"{what} '{src}' {message}",
                  hint or ("remove it from the SVG, or export the image again" if kind == "svg" else "export the image again"))
        return ""
    out.pictures[path] = (_pixels(path, kind), os.path.getsize(path))
    return path


def _pixels(path: str, kind: str) -> int:
    if kind == "svg":
        return 0
    try:
        width, height = check_raster(path, kind, verify=False)
    except RasterRefused:
        return 0
    return width * height


def _over_total(path: str, kind: str, accepted: dict[str, tuple[int, int]]) -> str:
    """The publication's pictures together, checked before this one is decoded: the budget per picture
    alone would let a hundred of them ask for minutes of decoding."""
    pixels = sum(p for p, _ in accepted.values()) + _pixels(path, kind)
    size = sum(b for _, b in accepted.values()) + os.path.getsize(path)
    if pixels > MAX_TOTAL_PIXELS:
        return (f"brings the publication's pictures to {pixels / 1e6:,.0f} megapixels; together they may have at "
                f"most {MAX_TOTAL_PIXELS // 1_000_000} — scale pictures down (300 dpi at the printed size is enough)")
    if size > MAX_TOTAL_BYTES:
        return (f"brings the publication's pictures to {size / 1048576:,.0f} MB; together they may be at most "
                f"{MAX_TOTAL_BYTES // 1048576} MB — compress or scale pictures down")
    return ""


def image_kind(path: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(512)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and (b"<svg" in head or path.lower().endswith(".svg")):
        return "svg"
    return ""


def image_problem(path: str, kind: str) -> str:
    """What makes a file unusable as a picture ("" when it is fine); see svg_allowlist and raster."""
    if kind == "svg":
        size = os.path.getsize(path)
        if size > MAX_SVG_BYTES:
            return (f"is {size / 1048576:.0f} MB, more than the {MAX_SVG_BYTES // 1048576} MB an SVG may be — "
                    "simplify the drawing or export it as PNG")
        try:
            check_svg(path)
        except SvgRefused as exc:
            return exc.problem
        return ""
    try:
        check_raster(path, kind)
    except RasterRefused as exc:
        return exc.problem
    return ""
