"""A list kept on disk: what a summary holds per document or per finding grows with the
batch, so a streamed audit appends it to a temporary file (one JSON value per line) and
reads it back by iterating, in constant memory."""
from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Sequence
from typing import Any, Iterator, overload

_READ = 1 << 16


class Spill(Sequence[Any]):
    """An append-only sequence of JSON values in an anonymous temporary file.

    Iterating reads the file from the start (appending may go on meanwhile); indexing
    walks to the item, so consumers should iterate. Items come back as ``json.loads``
    gives them (tuples as lists)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+b")
        self._count = 0

    def append(self, item: Any) -> None:
        self._file.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        fd, offset, pending, left = self._file.fileno(), 0, b"", self._count
        while left:
            block = os.pread(fd, _READ, offset)
            if not block:
                break
            offset += len(block)
            *lines, pending = (pending + block).split(b"\n")
            for line in lines[:left]:
                yield json.loads(line)
            left -= min(left, len(lines))

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(itertools.islice(self, *index.indices(self._count)))
        k = index + self._count if index < 0 else index
        if not 0 <= k < self._count:
            raise IndexError("Spill index out of range")
        return next(itertools.islice(self, k, None))

    def close(self) -> None:
        self._file.close()
