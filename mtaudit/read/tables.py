"""Tables: ``.tsv`` (no quoting), ``.csv`` and ``.jsonl`` with a hypothesis column; every
row one report row, every other column carried through."""
from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path
from typing import Any, Iterator

from .. import jsonio
from ..errors import InputError
from .document import Document, Interleaved, doc_name
from .text import TextOptions, lines

TABLE_SUFFIXES = (".tsv", ".csv", ".jsonl")
HYP_COLUMNS = ("hyp", "hypothesis", "target", "mt")
RESERVED_COLUMNS = ("ref", "reference", "src", "source", "doc", "seg")
_CSV_LINE = re.compile(r"\r\n|\r|\n")  # where csv ends a record's line (not at U+2028 and the like)


def read_table(path: Path, options: TextOptions, grouped: bool = False) -> Iterator[Document]:
    """The table's documents: each run of consecutive rows of one document, read lazily;
    with ``grouped``, every row of a document wherever it stands (the table held whole).
    A document whose rows are not together raises ``Interleaved`` unless ``grouped``."""
    rows = _json_lines(path, options) if path.suffix.lower() == ".jsonl" else _delimited(path, options)
    first = next(rows, None)
    if first is None:
        raise InputError(f"{path}: table has a header but no rows")
    columns = list(first)
    hyp_col = next((c for c in HYP_COLUMNS if c in columns), None)
    if hyp_col is None:
        raise InputError(f"{path}: no hypothesis column (expected one of {', '.join(HYP_COLUMNS)}; "
                         f"found {', '.join(columns) or 'none'})")
    ref_col = next((c for c in ("ref", "reference") if c in columns), None)
    src_col = next((c for c in ("src", "source") if c in columns), None)
    carried = [c for c in columns if c != hyp_col and c not in RESERVED_COLUMNS]
    by_doc: dict[str, Document] = {}
    finished: set[str] = set()  # documents whose run of rows has ended
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(itertools.chain([first], rows), 1):
        doc = str(row.get("doc") or doc_name(path))
        if doc not in by_doc and not grouped:
            if doc in finished:
                raise Interleaved(path)
            finished.update(by_doc)
            yield from by_doc.values()
            by_doc.clear()
            seen.clear()
        seg = _seg_number(path, row, number)
        if (doc, seg) in seen:
            raise InputError(f"{path}: row {number}: duplicate doc/seg id ({doc}, {seg})")
        seen.add((doc, seg))
        d = by_doc.setdefault(doc, Document(doc, [], [] if ref_col else None,
                                            [] if src_col else None, segs=[]))
        d.hyp.append(_cell(row.get(hyp_col)))
        if ref_col:
            d.ref.append(_cell(row.get(ref_col)))  # type: ignore[union-attr]
        if src_col:
            d.src.append(_cell(row.get(src_col)))  # type: ignore[union-attr]
        d.meta.append({c: row.get(c, "") for c in carried})
        d.segs.append(seg)  # type: ignore[union-attr]
    yield from by_doc.values()


def _seg_number(path: Path, row: dict[str, Any], number: int) -> int:
    value = row.get("seg")
    if value in (None, ""):
        return number
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"{path}: row {number}: seg must be a whole number, not {value!r}") from None


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _delimited(path: Path, options: TextOptions) -> Iterator[dict[str, Any]]:
    tsv = path.suffix.lower() == ".tsv"
    reader = csv.DictReader(lines(path, options, _CSV_LINE), delimiter="\t" if tsv else ",",
                            quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    number = 0
    try:
        for number, row in enumerate(reader, 1):
            if None in row:
                raise InputError(f"{path}: row {number} has more fields than the header")
            yield row
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: {exc}") from None


def _json_lines(path: Path, options: TextOptions) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines(path, options), 1):
        if not line.strip():
            continue
        yield jsonio.loads(line, f"{path}:{number}", jsonio.ROW, "table row (each line a JSON object)")
