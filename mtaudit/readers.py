"""Read every input format into ``Document``s; bad input raises one ``InputError``.

Inputs: prose ``.txt`` documents (split into sentences later), line-aligned segment files
(``--segments``), tables (``.tsv``, ``.csv``, ``.jsonl``) and batch folders of
``<name>.hyp.txt`` with optional ``<name>.ref.txt`` / ``<name>.src.txt``, or of tables.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .drift import drift_message
from .errors import InputError

TABLE_SUFFIXES = (".tsv", ".csv", ".jsonl")
HYP_COLUMNS = ("hyp", "hypothesis", "target", "mt")
RESERVED_COLUMNS = ("ref", "reference", "src", "source", "doc", "seg")
MAX_LINE_CHARS = 100_000


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
    """Everything read from the command line's paths."""

    name: str
    documents: list[Document]
    extra_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TextOptions:
    """How files are decoded: an encoding (UTF-16/UTF-8 BOMs are always honoured) and what
    to do with undecodable bytes (``strict``: an error naming the byte offset; ``replace``:
    U+FFFD)."""

    encoding: str = "utf-8"
    errors: str = "strict"


def read_batch(paths: list[Path], ref: Path | list[Path] | None = None, src: Path | None = None,
               segments: bool = False, text: TextOptions = TextOptions()) -> Batch:
    """Read the inputs of one audit; ``ref`` (one file, or several references of the same
    lines with ``segments``) and ``src`` go with a single hypothesis file."""
    if not paths:
        raise InputError("no input given")
    refs = [ref] if isinstance(ref, Path) else list(ref or [])
    if (refs or src) and (len(paths) > 1 or paths[0].is_dir()):
        raise InputError("--ref/--src go with one hypothesis file; in a folder use <name>.ref.txt and <name>.src.txt")
    if len(refs) > 1 and not segments:
        raise InputError("several references need line-aligned files (--segments)")
    docs: list[Document] = []
    extra: list[str] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = _read_folder(path, segments, text)
        elif path.suffix.lower() in TABLE_SUFFIXES:
            found = _read_table(path, text)
        else:
            found = [_read_text_document(path, refs, src, segments, text)]
        docs.extend(found)
    names = [d.name for d in docs]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup is not None:
        raise InputError(f"two inputs hold a document named {dup!r}; document names must be unique")
    for d in docs:
        for key in (d.meta[0] if d.meta else {}):
            if key not in extra:
                extra.append(key)
    return Batch(_batch_name(paths[0]), docs, extra)


def _batch_name(path: Path) -> str:
    name = path.name if path.is_dir() else path.name.split(".")[0]
    return name or "batch"


def _read_folder(folder: Path, segments: bool, text: TextOptions) -> list[Document]:
    docs = [_read_text_document(h, [r for r in (_sibling(h, "ref"),) if r], _sibling(h, "src"), segments, text)
            for h in sorted(folder.glob("*.hyp.txt"))]
    for table in sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES):
        docs.extend(_read_table(table, text))
    if not docs:
        raise InputError(f"{folder}: no documents found (expected <name>.hyp.txt files or .tsv/.csv/.jsonl tables)")
    return docs


def _sibling(hyp: Path, side: str) -> Path | None:
    other = hyp.with_name(hyp.name[: -len(".hyp.txt")] + f".{side}.txt")
    return other if other.exists() else None


def _doc_name(path: Path) -> str:
    name = path.name
    for suffix in (".hyp.txt", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_text_document(hyp: Path, refs: list[Path], src: Path | None, segments: bool,
                        text: TextOptions) -> Document:
    paths = {"hyp": hyp, **{f"ref{k}": r for k, r in enumerate(refs)}, **({"src": src} if src else {})}
    texts = {side: read_text(p, text) for side, p in paths.items()}
    name = _doc_name(hyp)
    if not segments:
        return Document(name, [texts["hyp"]], _maybe([texts.get("ref0")]),
                        _maybe([texts.get("src")]), prose=True)
    lines = {side: text.splitlines() for side, text in texts.items()}
    for side in paths:
        if len(lines[side]) != len(lines["hyp"]):
            raise InputError(drift_message(hyp, lines["hyp"], paths[side], lines[side]))
    return Document(name, lines["hyp"], lines.get("ref0"), lines.get("src"),
                    more_refs=[lines[f"ref{k}"] for k in range(1, len(refs))])


def _maybe(items: list[str | None]) -> list[str] | None:
    return None if items[0] is None else [s for s in items if s is not None]


def read_text(path: Path, options: TextOptions = TextOptions()) -> str:
    """Decode a text file with clear errors; the text comes back in Unicode NFC.

    UTF-8 with or without BOM and UTF-16 with BOM are recognised whatever the encoding
    option says; CRLF and CR line ends are lines like LF. Composed and decomposed forms
    (NFC/NFD) of the same text compare equal after reading.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(path, data, "utf-16", options.errors)
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"{path}: NUL byte at byte offset {nul}: a binary file, or text in an "
                             f"encoding without BOM (convert it to UTF-8)")
        encoding = "utf-8-sig" if options.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else options.encoding
        text = _decode(path, data, encoding, options.errors)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(f"{path}: file has only whitespace")
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(f"{path}:{number}: line of {len(line):,} characters is longer than "
                             f"the {MAX_LINE_CHARS:,} mtaudit accepts; split it into paragraphs")
    return text


def _decode(path: Path, data: bytes, encoding: str, errors: str) -> str:
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {encoding.upper().replace('-SIG', '')} at byte offset "
                         f"{exc.start} ({exc.reason}); convert it to UTF-8, or use --encoding or "
                         f"--errors replace") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _read_table(path: Path, options: TextOptions) -> list[Document]:
    text = read_text(path, options)
    rows = _json_lines(path, text) if path.suffix.lower() == ".jsonl" else _delimited(path, text)
    if not rows:
        raise InputError(f"{path}: table has a header but no rows")
    columns = list(rows[0])
    hyp_col = next((c for c in HYP_COLUMNS if c in columns), None)
    if hyp_col is None:
        raise InputError(f"{path}: no hypothesis column (expected one of {', '.join(HYP_COLUMNS)}; "
                         f"found {', '.join(columns) or 'none'})")
    ref_col = next((c for c in ("ref", "reference") if c in columns), None)
    src_col = next((c for c in ("src", "source") if c in columns), None)
    carried = [c for c in columns if c != hyp_col and c not in RESERVED_COLUMNS]
    by_doc: dict[str, Document] = {}
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(rows, 1):
        doc = str(row.get("doc") or _doc_name(path))
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
    return list(by_doc.values())


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


def _delimited(path: Path, text: str) -> list[dict[str, Any]]:
    tsv = path.suffix.lower() == ".tsv"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if tsv else ",",
                            quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: {exc}") from None
    for number, row in enumerate(rows, 1):
        if None in row:
            raise InputError(f"{path}: row {number} has more fields than the header")
    return rows


def _json_lines(path: Path, text: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: each line must be a JSON object")
        rows.append(row)
    return rows
