"""What the readers produce: a ``Document`` per input document, a ``Batch`` of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


@dataclass
class Document:
    """One document's hypothesis units with optional reference and source units.

    ``prose`` documents hold whole texts in ``hyp``/``ref``/``src`` (one item each) to be
    split into sentences; line-aligned documents and tables hold one item per row.
    ``more_refs`` holds further reference files of a line-aligned document, line by line.
    """

    name: str
    hyp: list[str]
    ref: list[str] | None = None
    src: list[str] | None = None
    prose: bool = False
    meta: list[dict[str, Any]] = field(default_factory=list)
    segs: list[int] | None = None
    more_refs: list[list[str]] = field(default_factory=list)


@dataclass
class Batch:
    """Everything read from the command line's paths. ``documents`` reads them again,
    lazily, each time it is iterated: one document (or one table's run of rows of a
    document) in memory at a time."""

    name: str
    documents: Iterable[Document]
    extra_columns: list[str] = field(default_factory=list)
    count: int = 0  # documents


def doc_name(path: Path) -> str:
    """A document's name: its file name less ``.hyp.txt``, ``.txt`` or its extension."""
    name = path.name
    for suffix in (".hyp.txt", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem
