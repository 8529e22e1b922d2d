"""Large pictures decoded once for both PDF editions, not once in each.

The print and large-print PDFs are laid out at the same time in two processes, and ReportLab decodes a
raster picture whole (and keeps a second, raw copy while it compresses it into the PDF). A picture
near the 50-megapixel budget would so cost each process several hundred megabytes at once. Before the
writers start, each picture larger than print needs (MAX_SIDE pixels on its long side: 300 dpi across
a landscape A4 page) is decoded here once, reduced, and saved beside the staging folder; both editions
read that copy. The HTML, EPUB and DOCX keep the original file (they copy it, never decode it).
"""

from __future__ import annotations

import hashlib
import os

from .. import model as m
from ..source.images import image_kind
from ..source.raster import check_raster
from .assets import book_images

MAX_SIDE = 3500  # pixels: 29.7 cm at 300 dpi


def make_print_copies(book: m.Book, folder: str) -> dict[str, str]:
    """{original path: reduced copy} for every raster picture larger than MAX_SIDE on a side."""
    copies: dict[str, str] = {}
    for path in book_images(book):
        kind = image_kind(path)
        if kind not in ("png", "jpeg", "gif"):
            continue
        width, height = check_raster(path, kind, verify=False)  # the loader has verified it
        if max(width, height) <= MAX_SIDE:
            continue
        from PIL import Image

        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, hashlib.sha256(path.encode()).hexdigest()[:16] + ".png")
        with Image.open(path) as image:
            if kind == "jpeg":
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG decodes straight to a smaller scale
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            image.save(target, "PNG", compress_level=1)
        copies[path] = target
    return copies
