"""What the readers produce: a ``Document`` per input document, a ``Batch`` of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import InputError


@dataclass
class Document:
    """One document's hypothesis units with optional reference and source units.

    ``prose`` documents hold whole texts in ``hyp``/``ref``/``src`` (one item each) to be
    split into sentences; line-aligned documents and tables hold one item per row.
    ``more_refs`` holds further reference files of a line-aligned document, line by line.
    A long line-aligned file is read in parts: each part after the first is ``continued``.
    """

    name: str
    hyp: list[str]
    ref: list[str] | None = None
    src: list[str] | None = None
    prose: bool = False
    meta: list[dict[str, Any]] = field(default_factory=list)
    segs: list[int] | None = None
    more_refs: list[list[str]] = field(default_factory=list)
    first: int = 0  # of a part of a long line-aligned document: the lines before it
    continued: bool = False  # more lines of the document before it (same name), not a new document


@dataclass
class Batch:
    """The documents of an audit's inputs. ``scan`` reads them, once: one document (or one
    table's run of rows of a document) in memory at a time. ``documents`` are read afresh on
    each iteration; once scanned, ``count`` and ``extra_columns`` (the carried-through table
    columns, in order) are known."""

    name: str
    documents: Iterable[Document]
    extra_columns: list[str] = field(default_factory=list)
    count: int = 0  # documents

    def scan(self, start: Callable[[], Callable[[Document], None]]) -> None:
        """Read every document once, checked (document names are unique), handing each to the
        consumer ``start()`` returns. A table whose documents' rows turn out to be scattered
        is read whole, and the scan begins again with a fresh consumer."""
        while True:
            take = start()
            names: set[str] = set()
            extra: dict[str, None] = {}  # every row's keys, in the order first seen (a JSONL key may come late)
            try:
                for d in self.documents:
                    if d.continued:
                        take(d)
                        continue
                    if d.name in names:
                        raise InputError(f"two inputs hold a document named {d.name!r}; document names must be unique")
                    names.add(d.name)
                    for meta in d.meta:
                        extra.update(dict.fromkeys(meta))
                    take(d)
            except Interleaved as exc:
                self.documents.read_whole(exc.path)  # type: ignore[attr-defined]
                continue
            self.count, self.extra_columns = len(names), list(extra)
            return


class Interleaved(Exception):
    """A table whose documents' rows are not together: it is read whole (see ``read_table``)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def doc_name(path: Path) -> str:
    """A document's name: its file name less ``.hyp.txt``, ``.txt`` or its extension."""
    name = path.name
    for suffix in (".hyp.txt", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem
