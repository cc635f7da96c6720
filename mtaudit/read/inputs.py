"""The files of a batch: which files the command line's paths stand for, what each one is by
its name (``sniff`` checks its content when it is read), and what goes with it — a text
document's reference and source, a TMX's reference TMX.

Stdin (``-``) and pipes (``/dev/stdin``, ``<(…)``) are copied to a temporary file first: a
batch's files are read more than once (sniffed, then read; a scattered table again), and a
pipe can be read only once.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .sniff import Kind, expected_kind
from .tables import TABLE_SUFFIXES
from .translation_files import TRANSLATION_KINDS

TRANSLATION_SUFFIXES = (".xlf", ".xliff", ".tmx", ".po")
REF_TMX = ".ref.tmx"


@dataclass(frozen=True)
class InputFile:
    """One file of the batch, what its name says it is, and what goes with it. ``label``
    qualifies a translation file's document names when the batch holds several translation
    files: its path from their common folder, less the extension (``de/messages``)."""

    path: Path
    kind: Kind
    refs: tuple[Path, ...] = ()
    src: Path | None = None
    label: str = ""


def input_files(paths: list[Path], refs: list[Path] | None = None, src: Path | None = None) -> list[InputFile]:
    """The files the paths stand for, in order (a folder's: documents, tables, translation
    files, each sorted by name). ``refs`` and ``src`` go with the one hypothesis file."""
    files: list[InputFile] = []
    for path in paths:
        if path.is_dir():
            files += _folder(path)
        else:
            files.append(_given(path, tuple(refs or ()), src))
    for f in files:
        for path in (f.path, *f.refs, *([f.src] if f.src else [])):
            _utf8_name(path)
    return _labelled(files)


def _utf8_name(path: Path) -> None:
    """A file name is a document name in every report: it must be text (not bytes that are
    not UTF-8, which Python carries as lone surrogates no report can write)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InputError(f"{shown}: the file name is not valid UTF-8; rename the file") from None


def _given(path: Path, refs: tuple[Path, ...], src: Path | None) -> InputFile:
    kind = expected_kind(path)
    if kind == "table" and (refs or src):
        raise InputError(f"{path}: --ref/--src go with a text file; a table has ref and src columns")
    if kind in TRANSLATION_KINDS and src is not None:
        raise InputError(f"{path}: --src goes with a text file; {kind.upper()} files carry their source")
    if kind == "tmx" and len(refs) > 1:
        raise InputError(f"{path}: a TMX takes one reference TMX")
    return InputFile(path, kind, refs, src)


def _folder(folder: Path) -> list[InputFile]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    hyps = [p for p in files if p.name.endswith(".hyp.txt")]
    tables = [p for p in files if p.suffix.lower() in TABLE_SUFFIXES]
    refs = {p.name[: -len(REF_TMX)]: p for p in files if p.name.lower().endswith(REF_TMX)}
    translations = [p for p in files if p.suffix.lower() in TRANSLATION_SUFFIXES and p not in refs.values()]
    for stem, ref in refs.items():
        if not (folder / f"{stem}.tmx").is_file():
            raise InputError(f"{ref}: a reference TMX without its {stem}.tmx beside it")
    if not hyps and not tables and not translations:
        raise InputError(f"{folder}: no documents found (expected <name>.hyp.txt files, .tsv/.csv/.jsonl tables "
                         f"or .xlf/.xliff/.tmx/.po translation files)")
    out = [InputFile(h, "text", tuple(r for r in (_sibling(h, "ref"),) if r), _sibling(h, "src")) for h in hyps]
    out += [InputFile(t, "table") for t in tables]
    for path in translations:
        ref = refs.get(path.stem) if path.suffix.lower() == ".tmx" else None
        out.append(InputFile(path, expected_kind(path), (ref,) if ref else ()))
    return out


def _sibling(hyp: Path, side: str) -> Path | None:
    other = hyp.with_name(hyp.name[: -len(".hyp.txt")] + f".{side}.txt")
    return other if other.exists() else None


def _labelled(files: list[InputFile]) -> list[InputFile]:
    """Several translation files in one batch: each labelled by its path from their common
    folder, so two files' documents (an XLIFF ``original``, a PO file's name) never clash."""
    translations = [f for f in files if f.kind in TRANSLATION_KINDS]
    if len(translations) < 2:
        return files
    common = os.path.commonpath([os.path.dirname(os.path.abspath(f.path)) for f in translations])
    labels = {id(f): Path(os.path.relpath(os.path.abspath(f.path), common)).with_suffix("").as_posix()
              for f in translations}
    return [InputFile(f.path, f.kind, f.refs, f.src, labels[id(f)]) if id(f) in labels else f for f in files]


class Spooled:
    """Stdin and pipes copied to temporary files (which live as long as this object), and
    error messages that name them as the user did. What stdin holds is a text document
    named ``stdin_name``."""

    def __init__(self, stdin_name: str = "stdin") -> None:
        if not stdin_name or "/" in stdin_name or stdin_name in (".", ".."):
            raise InputError(f"{stdin_name!r} cannot name the document read from stdin")
        self.stdin_name = stdin_name
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._given: dict[str, str] = {}

    def __call__(self, path: Path) -> Path:
        """``path`` itself, or its copy when it is stdin (``-``) or not a regular file."""
        stdin = str(path) == "-"
        if not stdin and (not path.exists() or path.is_file() or path.is_dir()):
            return path
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="mtaudit-stdin-")
        copy = Path(self._dir.name) / (f"{self.stdin_name}.txt" if stdin else path.name)
        if copy.exists():
            raise InputError(f"{path}: stdin can be read only once")
        try:
            with open(copy, "wb") as out:
                if stdin:
                    shutil.copyfileobj(sys.stdin.buffer, out)
                else:
                    with open(path, "rb") as f:
                        shutil.copyfileobj(f, out)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        self._given[str(copy)] = str(path)
        return copy

    def named(self, message: str) -> str:
        """``message`` with each copy's path replaced by the path given."""
        for copy, given in self._given.items():
            message = message.replace(copy, given)
        return message
