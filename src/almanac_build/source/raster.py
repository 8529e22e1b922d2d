"""Raster images measured before anything decodes them.

A PNG, JPEG or GIF says its size in its first bytes; a hostile one can claim (or really be) a billion
pixels, which every library would try to allocate. So each file's size and its declared width and
height are read here, by our own header reader, and refused over the budget before Pillow (or ReportLab,
which uses Pillow) touches it. Only then is it decoded once, with Pillow's own decompression-bomb guard
set to the same budget as a second line, to prove the data is whole: a truncated file or one whose
header lies about its size is refused here, at the image, instead of failing inside a writer.
"""

from __future__ import annotations

import os
import struct
import zlib

MAX_PIXELS = 50_000_000  # 50 megapixels: an A4 page at 600 dpi is 35 MP; decoded RGBA it is 200 MB
MAX_BYTES = 20 * 1024 * 1024  # 20 MB a file: print-quality photographs are a few MB
MAX_SIDE = 30_000  # pixels a side, whatever the area: a 1 × 50,000,000 strip is no picture
MAX_FRAMES = 1  # an animated GIF is refused: print shows one frame, and moving pictures need a pause control


class RasterRefused(Exception):
    """`problem` reads after "the image 'x.png' …"."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def check_raster(path: str, kind: str, verify: bool = True) -> tuple[int, int]:
    """Measure, then (with `verify`) prove the data whole by decoding once; return (width, height) or
    raise RasterRefused."""
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        raise RasterRefused(f"is {size / 1048576:.0f} MB, more than the {MAX_BYTES // 1048576} MB an image may be — "
                            "export it smaller or compress it")
    with open(path, "rb") as handle:
        head = handle.read(min(size, 1 << 20))
        width, height = {"png": _png_size, "gif": _gif_size, "jpeg": _jpeg_size}[kind](head, handle)
    if width <= 0 or height <= 0:
        raise RasterRefused(f"says it is {width} × {height} pixels, which is no picture")
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise RasterRefused(f"is {width:,} × {height:,} pixels ({width * height / 1e6:,.0f} megapixels); the most "
                            f"allowed is {MAX_PIXELS // 1_000_000} megapixels and {MAX_SIDE:,} pixels a side — "
                            "scale it down (300 dpi at the printed size is enough)")
    if not verify:
        return width, height
    if kind == "png":
        _png_data_complete(path, width, height)
    _decode(path, (width, height))
    return width, height


def _png_size(head: bytes, _handle) -> tuple[int, int]:
    if len(head) < 33 or head[12:16] != b"IHDR" or struct.unpack(">I", head[8:12])[0] != 13:
        raise RasterRefused("is a damaged PNG: its header (IHDR) is missing or cut short")
    if zlib.crc32(head[12:29]) != struct.unpack(">I", head[29:33])[0]:
        raise RasterRefused("is a damaged PNG: its header (IHDR) fails its checksum")
    return struct.unpack(">II", head[16:24])


_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _png_data_complete(path: str, width: int, height: int) -> None:
    """The pixel data (IDAT), inflated a piece at a time and counted, not kept, holds exactly the bytes
    the header's size asks for: a PNG whose header claims more rows than its data has is refused here
    (Pillow would quietly draw the missing rows black)."""
    with open(path, "rb") as handle:
        data = handle.read()
    bit_depth, colour_type, interlace = data[24], data[25], data[28]
    if colour_type not in _CHANNELS or bit_depth not in (1, 2, 4, 8, 16):
        raise RasterRefused(f"is a damaged PNG: colour type {colour_type} with {bit_depth} bits is not a PNG format")
    bits = _CHANNELS[colour_type] * bit_depth
    if interlace:
        passes = [((width - x + dx - 1) // dx, (height - y + dy - 1) // dy) for x, y, dx, dy in _ADAM7]
        expected = sum(h * (1 + (w * bits + 7) // 8) for w, h in passes if w and h)
    else:
        expected = height * (1 + (width * bits + 7) // 8)
    inflate, got, pos = zlib.decompressobj(), 0, 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if pos + 12 + length > len(data):
            raise RasterRefused("cannot be read: it is truncated (a chunk runs past the end of the file) — "
                                "export it again")
        if kind == b"IDAT":
            piece = data[pos + 8:pos + 8 + length]
            while piece and got <= expected:
                try:
                    got += len(inflate.decompress(piece, 1 << 20))
                except zlib.error as exc:
                    raise RasterRefused(f"cannot be read: its pixel data is damaged ({exc}) — export it again") from None
                piece = inflate.unconsumed_tail
        if kind == b"IEND":
            break
        pos += 12 + length
    if got != expected:
        raise RasterRefused(f"says it is {width:,} × {height:,} pixels, but its data holds "
                            f"{'less' if got < expected else 'more'} than that — export it again")


def _gif_size(head: bytes, handle) -> tuple[int, int]:
    """The logical screen, and every frame's own size (a frame may claim more than the screen)."""
    if len(head) < 13:
        raise RasterRefused("is a damaged GIF: its header is cut short")
    width, height = struct.unpack("<HH", head[6:10])
    handle.seek(0)
    data = handle.read()
    pos = 13 + ((3 << ((head[10] & 7) + 1)) if head[10] & 0x80 else 0)
    frames = 0
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then sub-blocks
            pos = _skip_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image descriptor
            frames += 1
            if frames > MAX_FRAMES:
                raise RasterRefused("is an animated GIF — use a still picture (PNG), since print shows one frame and "
                                    "moving pictures need a way to pause them")
            if pos + 10 > len(data):
                break
            left, top, w, h, flags = struct.unpack("<HHHHB", data[pos + 1:pos + 10])
            width, height = max(width, left + w), max(height, top + h)
            pos += 10 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0)
            pos = _skip_sub_blocks(data, pos + 1)  # after the LZW minimum code size
        else:
            raise RasterRefused(f"is a damaged GIF (an unknown block 0x{block:02x} at byte {pos})")
    return width, height


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    while pos < len(data) and data[pos]:
        pos += data[pos] + 1
    return pos + 1


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(head: bytes, handle) -> tuple[int, int]:
    """The frame header (SOFn), found by walking the marker segments."""
    handle.seek(2)
    while True:
        byte = handle.read(1)
        while byte and byte != b"\xff":
            byte = handle.read(1)
        while byte == b"\xff":
            byte = handle.read(1)
        if not byte:
            raise RasterRefused("is a damaged JPEG: it ends before its size is given")
        marker = byte[0]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            continue
        if marker in (0xD9, 0xDA):
            raise RasterRefused("is a damaged JPEG: its image data starts before its size is given")
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            raise RasterRefused("is a damaged JPEG: it is cut short")
        length = struct.unpack(">H", length_bytes)[0]
        if marker in _SOF:
            segment = handle.read(5)
            if len(segment) < 5:
                raise RasterRefused("is a damaged JPEG: it is cut short")
            height, width = struct.unpack(">HH", segment[1:5])
            return width, height
        handle.seek(length - 2, os.SEEK_CUR)


def _decode(path: str, declared: tuple[int, int]) -> None:
    """Decode once (within the budget just checked) to prove the data is whole and matches the header."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own bomb guard, as a second line
    try:
        with Image.open(path) as image:
            if image.size != declared:
                raise RasterRefused(f"says it is {declared[0]} × {declared[1]} pixels in its header but "
                                    f"{image.size[0]} × {image.size[1]} in its data — export it again")
            image.load()
    except RasterRefused:
        raise
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, zlib.error, EOFError …
        detail = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else type(exc).__name__
        raise RasterRefused(f"cannot be read: it is truncated or damaged ({detail}) — export it again") from None
