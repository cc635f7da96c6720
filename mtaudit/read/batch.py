"""The inputs of one audit: which files form the batch (prose ``.txt`` documents, line-aligned
segment files with ``--segments``, tables, XLIFF/TMX/PO translation files, and batch folders of
``<name>.hyp.txt`` with optional ``<name>.ref.txt`` / ``<name>.src.txt``, of tables or of
translation files; see ``inputs.py``), read into ``Document``s."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from itertools import islice, zip_longest
from typing import Iterator

from ..errors import InputError
from .document import Batch, Document, doc_name
from .drift import drift_message
from .inputs import InputFile, Spooled, input_files
from .sniff import sniff
from .tables import read_table
from .text import TextOptions, lines, read_text, split_lines
from .translation_files import read_translation_file


PART_LINES = 2_000  # lines of a line-aligned file read at a time


def read_batch(paths: list[Path], ref: Path | list[Path] | None = None, src: Path | None = None,
               segments: bool = False, text: TextOptions = TextOptions(), *,
               src_lang: str | None = None, tgt_lang: str | None = None, stdin_name: str = "stdin") -> Batch:
    """The inputs of one audit, checked for existence and combination; ``ref`` (one file, or
    several references of the same lines with ``segments``) and ``src`` go with a single
    hypothesis file (``ref`` also with a TMX: a reference TMX). ``src_lang``/``tgt_lang``
    choose a TMX's language pair. ``-`` is stdin, a text document named ``stdin_name``.
    ``Batch.scan`` reads the documents."""
    if not paths:
        raise InputError("no input given")
    refs = [ref] if isinstance(ref, Path) else list(ref or [])
    if (refs or src) and (len(paths) > 1 or paths[0].is_dir()):
        raise InputError("--ref/--src go with one hypothesis file; in a folder use <name>.ref.txt and <name>.src.txt")
    if len(refs) > 1 and not segments:
        raise InputError("several references need line-aligned files (--segments)")
    for path in [*paths, *refs, *([src] if src else [])]:
        if str(path) != "-" and not path.exists():
            raise InputError(f"{path}: no such file or folder")
    spooled = Spooled(stdin_name)
    files = input_files([spooled(p) for p in paths], [spooled(r) for r in refs], spooled(src) if src else None)
    return Batch(_batch_name(files[0].path if str(paths[0]) == "-" else paths[0]),
                 _Documents(files, segments, text, src_lang, tgt_lang, spooled))


@dataclass(frozen=True)
class _Documents:
    """The documents of the inputs, read afresh on each iteration; each file's content is
    checked against its name first (``sniff``)."""

    files: list[InputFile]
    segments: bool
    text: TextOptions
    src_lang: str | None
    tgt_lang: str | None
    spooled: Spooled
    grouped: set[Path] = field(default_factory=set)  # tables read whole: their documents' rows are apart

    def read_whole(self, path: Path) -> None:
        self.grouped.add(path)

    def __iter__(self) -> Iterator[Document]:
        for f in self.files:
            try:
                yield from self._read(f)
            except InputError as exc:  # stdin and pipes named as the user named them
                raise InputError(self.spooled.named(str(exc))) from None

    def _read(self, f: InputFile) -> Iterator[Document]:
        kind = sniff(f.path)
        if kind == "table":
            yield from read_table(f.path, self.text, f.path in self.grouped)
        elif kind == "text":
            yield from _text_documents(f.path, list(f.refs), f.src, self.segments, self.text)
        else:
            yield from read_translation_file(f.path, kind, src_lang=self.src_lang, tgt_lang=self.tgt_lang,
                                             ref=f.refs[0] if f.refs else None, label=f.label)


def _batch_name(path: Path) -> str:
    name = path.name if path.is_dir() else path.name.split(".")[0]
    return name or "batch"


def _text_documents(hyp: Path, refs: list[Path], src: Path | None, segments: bool,
                    text: TextOptions) -> Iterator[Document]:
    """A prose document; or a line-aligned one, read lazily in parts of ``PART_LINES``
    lines (each after the first ``continued``), so that a long line file is never held whole."""
    paths = {"hyp": hyp, **{f"ref{k}": r for k, r in enumerate(refs)}, **({"src": src} if src else {})}
    for side, path in paths.items():
        if side != "hyp" and (kind := sniff(path)) != "text":
            raise InputError(f"{path}: the {'source' if side == 'src' else 'reference'} of {hyp.name} must be "
                             f"text, not {kind}")
    name = doc_name(hyp)
    if not segments:
        texts = {side: read_text(p, text) for side, p in paths.items()}
        yield Document(name, [texts["hyp"]], _maybe([texts.get("ref0")]), _maybe([texts.get("src")]), prose=True)
        return
    sides = list(paths)
    rows = zip_longest(*(lines(paths[side], text) for side in sides))
    first = 0
    while part := list(islice(rows, PART_LINES)):
        if any(line is None for row in part for line in row):
            _drift(paths, text)
        columns = {side: [row[k] for row in part] for k, side in enumerate(sides)}
        yield Document(name, columns["hyp"], columns.get("ref0"), columns.get("src"),
                       more_refs=[columns[f"ref{k}"] for k in range(1, len(refs))], first=first, continued=first > 0)
        first += len(part)


def _drift(paths: dict[str, Path], text: TextOptions) -> None:
    """Line-aligned files of different lengths: the error, read whole to say where they drift."""
    whole = {side: split_lines(read_text(path, text)) for side, path in paths.items()}
    for side, path in paths.items():
        if len(whole[side]) != len(whole["hyp"]):
            raise InputError(drift_message(paths["hyp"], whole["hyp"], path, whole[side]))


def _maybe(items: list[str | None]) -> list[str] | None:
    return None if items[0] is None else [s for s in items if s is not None]
