"""A list kept on disk: what a summary holds per document or per finding grows with the
batch, so a streamed audit appends it to a temporary file (one JSON value per line) and
reads it back by iterating, in constant memory."""
from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Sequence
from typing import Any, Callable, Generic, Iterator, TypeVar, overload

_READ = 1 << 16
T = TypeVar("T")


class Spill(Sequence[T], Generic[T]):
    """An append-only sequence kept in an anonymous temporary file, one JSON value a line.

    An item is stored as its ``as_dict()`` (or as it is, when it has none) and comes back
    through ``decode`` (by default as ``json.loads`` gives it: tuples as lists). Iterating
    reads the file from the start (appending may go on meanwhile); indexing walks to the
    item, so consumers should iterate."""

    def __init__(self, decode: Callable[[Any], T] | None = None) -> None:
        self._file = tempfile.TemporaryFile("w+b")
        self._count = 0
        self._decode = decode

    def append(self, item: T) -> None:
        value = item.as_dict() if hasattr(item, "as_dict") else item
        self._file.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        self._file.flush()
        fd, offset, pending, left = self._file.fileno(), 0, b"", self._count
        while left:
            block = os.pread(fd, _READ, offset)
            if not block:
                break
            offset += len(block)
            *lines, pending = (pending + block).split(b"\n")
            for line in lines[:left]:
                value = json.loads(line)
                yield self._decode(value) if self._decode else value
            left -= min(left, len(lines))

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(itertools.islice(self, *index.indices(self._count)))
        k = index + self._count if index < 0 else index
        if not 0 <= k < self._count:
            raise IndexError("Spill index out of range")
        return next(itertools.islice(self, k, None))

    def close(self) -> None:
        self._file.close()
