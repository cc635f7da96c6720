"""The inputs of one audit: which files form the batch (prose ``.txt`` documents, line-aligned
segment files with ``--segments``, tables, and batch folders of ``<name>.hyp.txt`` with optional
``<name>.ref.txt`` / ``<name>.src.txt``, or of tables), read into ``Document``s."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from .document import Batch, Document, doc_name
from .drift import drift_message
from .tables import TABLE_SUFFIXES, read_table
from .text import TextOptions, read_text


def read_batch(paths: list[Path], ref: Path | list[Path] | None = None, src: Path | None = None,
               segments: bool = False, text: TextOptions = TextOptions()) -> Batch:
    """The inputs of one audit, checked for existence and combination; ``ref`` (one file, or
    several references of the same lines with ``segments``) and ``src`` go with a single
    hypothesis file. ``Batch.scan`` reads the documents."""
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
    return Batch(_batch_name(paths[0]), _Documents(paths, refs, src, segments, text))


@dataclass(frozen=True)
class _Documents:
    """The documents of the inputs, read afresh on each iteration."""

    paths: list[Path]
    refs: list[Path]
    src: Path | None
    segments: bool
    text: TextOptions
    grouped: set[Path] = field(default_factory=set)  # tables read whole: their documents' rows are apart

    def read_whole(self, path: Path) -> None:
        self.grouped.add(path)

    def __iter__(self) -> Iterator[Document]:
        for path in self.paths:
            if path.is_dir():
                yield from _read_folder(path, self.segments, self.text, self.grouped)
            elif path.suffix.lower() in TABLE_SUFFIXES:
                yield from read_table(path, self.text, path in self.grouped)
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
        yield from read_table(table, text, table in grouped)


def _sibling(hyp: Path, side: str) -> Path | None:
    other = hyp.with_name(hyp.name[: -len(".hyp.txt")] + f".{side}.txt")
    return other if other.exists() else None


def _read_text_document(hyp: Path, refs: list[Path], src: Path | None, segments: bool,
                        text: TextOptions) -> Document:
    paths = {"hyp": hyp, **{f"ref{k}": r for k, r in enumerate(refs)}, **({"src": src} if src else {})}
    texts = {side: read_text(p, text) for side, p in paths.items()}
    name = doc_name(hyp)
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
