"""Gettext PO files through polib: one ``Document`` per file, ``msgid`` the source and
``msgstr`` the hypothesis.

A plural entry is one row per plural form (form 0 translates ``msgid``, the others
``msgid_plural``; as many forms as the header's ``nplurals`` or the entry has). Fuzzy
entries are audited and marked (``meta["fuzzy"]``): gettext would not use them, a reviewer
should see them. An untranslated entry is a row with an empty hypothesis. The header entry
and obsolete (``#~``) entries are left out. Each row's meta: ``context`` (msgctxt),
``fuzzy``, ``plural_form`` ('' for a singular entry) and ``line`` (where the entry starts).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import polib

from ..errors import InputError
from .document import Document
from .units import MAX_UNIT_CHARS

_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def read_po(path: Path, name: str | None = None) -> list[Document]:
    """The PO file as one document named ``name``, else by the file."""
    try:
        catalog = polib.pofile(str(path))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {exc.encoding.upper()} at byte offset {exc.start} "
                         f"(the header's charset); convert it to UTF-8") from None
    except (OSError, ValueError) as exc:  # polib reports a syntax error as OSError naming the line
        line = re.search(r"\(line (\d+)\)(.*)", str(exc))
        where, detail = (f":{line.group(1)}", line.group(2).strip(" :")) if line else ("", str(exc))
        raise InputError(f"{path}{where}: not a valid PO file" + (f" ({detail})" if detail else "")) from None
    match = _NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    nplurals = int(match.group(1)) if match else 2
    name = name or (path.name[: -len(path.suffix)] if path.suffix else path.name)
    doc = Document(name, [], None, [], meta=[], segs=[])
    for entry in catalog:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        if entry.msgid_plural:
            count = max(nplurals, len(entry.msgstr_plural), 1)
            forms = [(str(n), entry.msgid if n == 0 else entry.msgid_plural, entry.msgstr_plural.get(n, ""))
                     for n in range(count)]
        else:
            forms = [("", entry.msgid, entry.msgstr)]
        for plural, source, target in forms:
            doc.src.append(_text(path, entry.linenum, source))  # type: ignore[union-attr]
            doc.hyp.append(_text(path, entry.linenum, target))
            doc.meta.append({"context": entry.msgctxt or "", "fuzzy": "true" if entry.fuzzy else "false",
                             "plural_form": plural, "line": str(entry.linenum)})
    if not doc.hyp:
        raise InputError(f"{path}: PO file has no entries")
    doc.segs = list(range(1, len(doc.hyp) + 1))
    return [doc]


def _text(path: Path, line: int, text: str) -> str:
    if len(text) > MAX_UNIT_CHARS:
        raise InputError(f"{path}:{line}: entry has {len(text):,} characters, more than the "
                         f"{MAX_UNIT_CHARS:,} mtaudit accepts in one unit")
    return unicodedata.normalize("NFC", text)
