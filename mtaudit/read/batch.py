"""Read every input format into ``Document``s; bad input raises one ``InputError``.

Inputs: prose ``.txt`` documents (split into sentences later), line-aligned segment files
(``--segments``), tables (``.tsv``, ``.csv``, ``.jsonl``) and batch folders of
``<name>.hyp.txt`` with optional ``<name>.ref.txt`` / ``<name>.src.txt``, or of tables.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .drift import drift_message
from ..errors import InputError

TABLE_SUFFIXES = (".tsv", ".csv", ".jsonl")
HYP_COLUMNS = ("hyp", "hypothesis", "target", "mt")
RESERVED_COLUMNS = ("ref", "reference", "src", "source", "doc", "seg")
MAX_LINE_CHARS = 100_000
_BLOCK = 1 << 16  # bytes read at a time
_CSV_LINE = re.compile(r"\r\n|\r|\n")  # where csv ends a record's line (not at U+2028 and the like)


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


@dataclass(frozen=True)
class TextOptions:
    """How files are decoded: an encoding (UTF-16/UTF-8 BOMs are always honoured) and what
    to do with undecodable bytes (``strict``: an error naming the byte offset; ``replace``:
    U+FFFD)."""

    encoding: str = "utf-8"
    errors: str = "strict"


def read_batch(paths: list[Path], ref: Path | list[Path] | None = None, src: Path | None = None,
               segments: bool = False, text: TextOptions = TextOptions(),
               visit: Callable[[Document], None] | None = None) -> Batch:
    """Read the inputs of one audit; ``ref`` (one file, or several references of the same
    lines with ``segments``) and ``src`` go with a single hypothesis file.

    Every input is read through once here, so that bad input fails before any work is
    done (``visit`` sees each document on that pass); ``Batch.documents`` then reads them
    again, lazily."""
    if not paths:
        raise InputError("no input given")
    refs = [ref] if isinstance(ref, Path) else list(ref or [])
    if (refs or src) and (len(paths) > 1 or paths[0].is_dir()):
        raise InputError("--ref/--src go with one hypothesis file; in a folder use <name>.ref.txt and <name>.src.txt")
    if len(refs) > 1 and not segments:
        raise InputError("several references need line-aligned files (--segments)")
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    documents = _Documents(paths, refs, src, segments, text)
    while True:
        try:
            count, extra = _check(documents, visit)
            break
        except Interleaved as exc:  # read that table whole, and start again
            documents.grouped.add(exc.path)
    return Batch(_batch_name(paths[0]), documents, extra, count)


def _check(documents: Iterable[Document], visit: Callable[[Document], None] | None) -> tuple[int, list[str]]:
    """Read every document once: unique names; how many; the carried-through columns, in order."""
    names: set[str] = set()
    extra: list[str] = []
    for d in documents:
        if d.name in names:
            raise InputError(f"two inputs hold a document named {d.name!r}; document names must be unique")
        names.add(d.name)
        for key in (d.meta[0] if d.meta else {}):
            if key not in extra:
                extra.append(key)
        if visit is not None:
            visit(d)
    return len(names), extra


@dataclass(frozen=True)
class _Documents:
    """The documents of the inputs, read afresh on each iteration."""

    paths: list[Path]
    refs: list[Path]
    src: Path | None
    segments: bool
    text: TextOptions
    grouped: set[Path] = field(default_factory=set)  # tables read whole: their documents' rows are apart

    def __iter__(self) -> Iterator[Document]:
        for path in self.paths:
            if path.is_dir():
                yield from _read_folder(path, self.segments, self.text, self.grouped)
            elif path.suffix.lower() in TABLE_SUFFIXES:
                yield from _read_table(path, self.text, path in self.grouped)
            else:
                yield _read_text_document(path, self.refs, self.src, self.segments, self.text)


def _batch_name(path: Path) -> str:
    name = path.name if path.is_dir() else path.name.split(".")[0]
    return name or "batch"


def _read_folder(folder: Path, segments: bool, text: TextOptions, grouped: set[Path]) -> Iterator[Document]:
    hyps = sorted(folder.glob("*.hyp.txt"))
    tables = sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
    if not hyps and not tables:
        raise InputError(f"{folder}: no documents found (expected <name>.hyp.txt files or .tsv/.csv/.jsonl tables)")
    for h in hyps:
        yield _read_text_document(h, [r for r in (_sibling(h, "ref"),) if r], _sibling(h, "src"), segments, text)
    for table in tables:
        yield from _read_table(table, text, table in grouped)


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
    text = unicodedata.normalize("NFC", "".join(_decoded(path, options)))
    for number, line in enumerate(text.splitlines(), 1):
        _check_length(path, number, line)
    return text


def _decoded(path: Path, options: TextOptions) -> Iterator[str]:
    """The file's text, decoded block by block; bad bytes, NUL bytes and empty files raise
    ``InputError`` (an empty file once the blocks are exhausted)."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with f:
        block = f.read(_BLOCK)
        utf16 = block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else (
            "utf-8-sig" if options.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else options.encoding)
        try:
            decoder = codecs.getincrementaldecoder(encoding)(options.errors)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        offset, blank_bytes, blank_text = 0, True, True
        while True:
            if not utf16 and (nul := block.find(b"\x00")) >= 0:
                raise InputError(f"{path}: NUL byte at byte offset {offset + nul}: a binary file, or text in an "
                                 f"encoding without BOM (convert it to UTF-8)")
            blank_bytes = blank_bytes and not block.strip()
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid {encoding.upper().replace('-SIG', '')} at byte offset "
                                 f"{offset - pending + exc.start} ({exc.reason}); convert it to UTF-8, or use "
                                 f"--encoding or --errors replace") from None
            blank_text = blank_text and not text.strip()
            if text:
                yield text
            if not block:
                break
            offset += len(block)
            block = f.read(_BLOCK)
    if blank_bytes:
        raise InputError(f"{path}: file is empty")
    if blank_text:
        raise InputError(f"{path}: file has only whitespace")


def _lines(path: Path, options: TextOptions, ends: re.Pattern[str] | None = None) -> Iterator[str]:
    """The file's lines in NFC, read lazily: cut as ``str.splitlines`` cuts them, or,
    with ``ends``, at the matches of that pattern (kept, as ``csv`` needs them)."""
    pending, number = "", 0
    for block in _decoded(path, options):
        text = pending + block
        if ends is None:
            parts = text.splitlines(keepends=True)
            pending = parts.pop() if parts else ""
        else:
            cut = [m.end() for m in ends.finditer(text) if m.end() < len(text) or text[-1] != "\r"]
            parts = [text[a:b] for a, b in zip([0, *cut], cut)]
            pending = text[cut[-1]:] if cut else text
        for part in parts:
            number += 1
            yield _check_length(path, number, unicodedata.normalize(
                "NFC", part if ends is not None else part.splitlines()[0]))
        _check_length(path, number + 1, pending)
    if pending:
        yield _check_length(path, number + 1, unicodedata.normalize("NFC", pending))


def _check_length(path: Path, number: int, line: str) -> str:
    if len(line) > MAX_LINE_CHARS:
        raise InputError(f"{path}:{number}: line of {len(line):,} characters is longer than "
                         f"the {MAX_LINE_CHARS:,} mtaudit accepts; split it into paragraphs")
    return line


def _read_table(path: Path, options: TextOptions, grouped: bool = False) -> Iterator[Document]:
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
        doc = str(row.get("doc") or _doc_name(path))
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
    reader = csv.DictReader(_lines(path, options, _CSV_LINE), delimiter="\t" if tsv else ",",
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
    for number, line in enumerate(_lines(path, options), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: each line must be a JSON object")
        yield row


class Interleaved(Exception):
    """A table whose documents' rows are not together: it is read whole (see ``_read_table``)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path
