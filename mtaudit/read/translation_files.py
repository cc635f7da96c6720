"""Translation files — XLIFF 1.2/2.0, TMX and gettext PO — read into ``Document``s.

The entry point for batch reading: ``sniff`` says which reader a path needs (an error for
an unknown or mismatched kind), ``read_translation_file`` reads one. Rows are already
segmented (``prose`` is false): each unit, segment, translation unit or plural form is one
report row; the unit's id and state ride in ``meta`` and become ``sentences.csv`` columns.
Malformed files are one ``InputError`` naming the file.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .document import Document
from .po import read_po
from .sniff import Kind, sniff
from .tmx import read_tmx
from .xliff import read_xliff

TRANSLATION_KINDS: tuple[Kind, ...] = ("xliff", "tmx", "po")
# The readers' meta values are text (as carried-through table columns, they are CSV cells);
# these are what they hold, for a typed table (``AuditResult.sentences``).
META_TYPES = {"fuzzy": "boolean", "line": "Int64", "plural_form": "Int64"}

__all__ = ["META_TYPES", "TRANSLATION_KINDS", "read_translation_file", "sniff"]


def read_translation_file(path: Path, kind: Kind | None = None, *, src_lang: str | None = None,
                          tgt_lang: str | None = None, ref: Path | None = None,
                          label: str = "") -> list[Document]:
    """The documents of one translation file (``kind`` as ``sniff`` found it, else sniffed).

    ``src_lang``/``tgt_lang`` choose a TMX's language pair (XLIFF and PO name their own
    languages and ignore them); ``ref`` is a reference TMX for a TMX, and for nothing else.
    ``label`` qualifies the document names (a batch of several translation files, see
    ``inputs.InputFile``): a PO or TMX document is named by it instead of the file's name, an
    XLIFF document ``label:original``.
    """
    kind = kind or sniff(path)
    if kind not in TRANSLATION_KINDS:
        raise InputError(f"{path}: not a translation file (XLIFF, TMX or PO)")
    if kind != "tmx" and ref is not None:
        raise InputError(f"{path}: --ref goes with a TMX file (a reference TMX); {kind.upper()} carries no reference")
    if ref is not None and sniff(ref) != "tmx":
        raise InputError(f"{ref}: the reference of a TMX must be a TMX")
    if kind == "xliff":
        return read_xliff(path, label)
    if kind == "tmx":
        return read_tmx(path, src_lang, tgt_lang, ref, name=label or None)
    return read_po(path, name=label or None)
