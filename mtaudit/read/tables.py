"""Tables: ``.tsv`` (no quoting), ``.csv`` and ``.jsonl`` with a hypothesis column; every
row one report row, every other column carried through."""
from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path
from typing import Any, Iterator

from .. import jsonio
from ..errors import InputError
from .document import Document, Interleaved, doc_name
from .text import TextOptions, lines

TABLE_SUFFIXES = (".tsv", ".csv", ".jsonl")
HYP_COLUMNS = ("hyp", "hypothesis", "target", "mt")
_CSV_LINE = re.compile(r"\r\n|\r|\n")  # where csv ends a record's line (not at U+2028 and the like)


def read_table(path: Path, options: TextOptions, grouped: bool = False) -> Iterator[Document]:
    """The table's documents: each run of consecutive rows of one document, read lazily;
    with ``grouped``, every row of a document wherever it stands (the table held whole).
    A document whose rows are not together raises ``Interleaved`` unless ``grouped``.

    No value is dropped: every column but the hypothesis, reference, source, ``doc`` and
    ``seg`` columns chosen is carried through (an unused alias such as ``reference`` beside
    ``ref`` too); a JSONL key first seen in a later row is carried from there (empty above);
    JSON values that are not strings are written as JSON (``["a", "b"]``, ``true``)."""
    jsonl = path.suffix.lower() == ".jsonl"
    rows = _json_lines(path, options) if jsonl else _delimited(path, options)
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
    texts = [c for c in (hyp_col, ref_col, src_col) if c]
    taken = {*texts, "doc", "seg"}
    by_doc: dict[str, Document] = {}
    finished: set[str] = set()  # documents whose run of rows has ended
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(itertools.chain([first], rows), 1):
        if jsonl:
            _same_text_columns(path, number, row, texts)
        doc = _doc_name(path, row, number)
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
        d.hyp.append(_text(path, number, hyp_col, row.get(hyp_col)))
        if ref_col:
            d.ref.append(_text(path, number, ref_col, row.get(ref_col)))  # type: ignore[union-attr]
        if src_col:
            d.src.append(_text(path, number, src_col, row.get(src_col)))  # type: ignore[union-attr]
        d.meta.append({c: _cell(v) for c, v in row.items() if c not in taken})
        d.segs.append(seg)  # type: ignore[union-attr]
    yield from by_doc.values()


def _same_text_columns(path: Path, number: int, row: dict[str, Any], texts: list[str]) -> None:
    """A JSONL row holds the text columns the first row set (a row without its reference, or
    with a reference the first row lacks, would be audited against the wrong thing)."""
    for column in texts:
        if column not in row:
            raise InputError(f"{path}: row {number}: no {column!r} (the first row has it; use null for no text)")
    for aliases in (HYP_COLUMNS, ("ref", "reference"), ("src", "source")):
        extra = next((c for c in aliases if c in row and c not in texts), None)
        if extra is not None and not any(c in texts for c in aliases):
            raise InputError(f"{path}: row {number}: column {extra!r} is missing from the first row, which decides "
                             f"the table's text columns")


def _doc_name(path: Path, row: dict[str, Any], number: int) -> str:
    """The row's document: its ``doc`` (``0`` and ``false`` are names too), else the file's name."""
    value = row.get("doc")
    if value is None or value == "":
        return doc_name(path)
    if isinstance(value, (dict, list)):
        raise InputError(f"{path}: row {number}: column 'doc' must be a name, not {_cell(value)}")
    return _cell(value)


_WHOLE = re.compile(r"\s*[+-]?[0-9]+\s*")


def _seg_number(path: Path, row: dict[str, Any], number: int) -> int:
    """The row's ``seg``: a whole number (an integral JSON number like ``2.0`` too), else the
    row's position; ``1.5``, ``true`` or ``"1.0"`` are errors, never truncated."""
    value = row.get("seg")
    if value is None or value == "":
        return number
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value) and len(value) < 100:
        return int(value)
    raise InputError(f"{path}: row {number}: column 'seg' must be a whole number, not {_cell(value)}")


def _text(path: Path, number: int, column: str, value: Any) -> str:
    """A hypothesis, reference or source cell: text (a JSON number as written, null as empty);
    a list, object or boolean is an error."""
    if isinstance(value, (dict, list, bool)):
        raise InputError(f"{path}: row {number}: column {column!r} must be text, not {_cell(value)}")
    return _cell(value)


def _cell(value: Any) -> str:
    """A cell as text: strings as they are, null as empty, other JSON values as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _delimited(path: Path, options: TextOptions) -> Iterator[dict[str, Any]]:
    tsv = path.suffix.lower() == ".tsv"
    reader = csv.DictReader(lines(path, options, _CSV_LINE), delimiter="\t" if tsv else ",",
                            quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    number = 0
    try:
        header = reader.fieldnames or []
        for k, name in enumerate(header):
            if name in header[:k]:
                raise InputError(f"{path}: header: column {name!r} appears twice (columns {header.index(name) + 1} "
                                 f"and {k + 1}); each column needs its own name")
        for number, row in enumerate(reader, 1):
            if None in row:
                raise InputError(f"{path}: row {number} has more fields than the header")
            if None in row.values():
                missing = [c for c, v in row.items() if v is None]
                raise InputError(f"{path}: row {number} has fewer fields than the header ({len(header) - len(missing)} "
                                 f"of {len(header)}; no {missing[0]!r})")
            yield row
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: {exc}") from None


def _json_lines(path: Path, options: TextOptions) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines(path, options), 1):
        if not line.strip():
            continue
        yield jsonio.loads(line, f"{path}:{number}", jsonio.ROW, "table row (each line a JSON object)")
