"""Chapters already parsed, kept by a long-running process (the preview) so that an edit sends only the
changed chapter back through Pandoc.

The loader asks `get(path, body)` before parsing and `put(...)` after: a chapter whose Markdown body is
byte for byte what was parsed before gets its model blocks back as they were *before* the references
pass (ids, generated blocks and image paths are then worked out again for the whole book, as in a full
load), with the parse's own diagnostics. The blocks are kept pickled, because the references pass changes
them in place and unpickling is several times faster than Pandoc's JSON plus the AST reader.
(Issue #18 makes each chapter its own Pandoc document; this cache needs only that the loader parses a
chapter from its body alone.)"""

from __future__ import annotations

import hashlib
import pickle

from .. import model as m
from ..diagnostics import Diagnostic


class ParseCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, bytes, list[Diagnostic]]] = {}  # path -> (body hash, blocks, diagnostics)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _key(body: str) -> bytes:
        return hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest()

    def get(self, path: str, body: str) -> tuple[list[m.Block], list[Diagnostic]] | None:
        entry = self._entries.get(path)
        if entry is None or entry[0] != self._key(body):
            self.misses += 1
            return None
        self.hits += 1
        return pickle.loads(entry[1]), list(entry[2])

    def put(self, path: str, body: str, blocks: list[m.Block], diagnostics: list[Diagnostic]) -> None:
        self._entries[path] = (self._key(body), pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL), diagnostics)
