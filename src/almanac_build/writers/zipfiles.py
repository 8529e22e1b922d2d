"""Rewriting a zip-based output (DOCX, EPUB) so its bytes depend only on its content and the build's
date: entries keep their order, every timestamp becomes SOURCE_DATE_EPOCH, and an EPUB's `mimetype`
stays first and uncompressed as the EPUB spec requires."""

from __future__ import annotations

import os
import time
import zipfile


def normalise_zip(path: str, epoch: int, replace: dict[str, bytes] | None = None) -> None:
    """Rewrite `path` in place; `replace` swaps the contents of named entries on the way."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    replace = replace or {}
    temporary = path + ".tmp"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w") as target:
        for item in source.infolist():
            data = replace.get(item.filename, source.read(item.filename))
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    os.replace(temporary, path)
