"""Terminology family: a client glossary's required and forbidden translations."""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import ConfigError
from .registry import Hit, check

HEADER = ("source", "target", "forbidden")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
EXAMPLE_GLOSSARY = str(Path(__file__).resolve().parents[2] / "corpora" / "glossary.csv")


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary row: a source term, its required translation and forbidden variants."""

    source: str
    target: str
    forbidden: tuple[str, ...]
    line: int

    def in_source(self, src: str) -> bool:
        """Whether the source sentence uses the term: a substring in CJK, else a whole word."""
        if _CJK.search(self.source):
            return self.source.lower() in src.lower()
        return re.search(rf"(?<!\w){re.escape(self.source)}(?!\w)", src, re.IGNORECASE) is not None


def load_glossary(path: str | Path) -> tuple[GlossaryEntry, ...]:
    """The entries of a glossary CSV (``source,target[,forbidden]`` header, ``|`` between
    forbidden variants, ``#`` comment lines); read once per path and modification time.
    Raises ``ConfigError`` naming the file and line of any problem."""
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read glossary ({exc.strerror})") from None
    return _load(str(path), mtime)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: int) -> tuple[GlossaryEntry, ...]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            lines = f.read().splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read glossary ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: glossary is not valid UTF-8 (byte {exc.start})") from None
    rows = [(n, row) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")
            for row in csv.reader([line])]
    if not rows or tuple(c.strip().lower() for c in rows[0][1]) not in (HEADER[:2], HEADER):
        where = f"line {rows[0][0]}" if rows else "the file is empty"
        raise ConfigError(f"{path}: {where}: glossary needs a header row 'source,target[,forbidden]'")
    width = len(rows[0][1])
    entries = []
    for n, row in rows[1:]:
        cells = [c.strip() for c in row]
        if len(cells) > width or len(cells) < 2 or not cells[0] or not cells[1]:
            raise ConfigError(f"{path}: line {n}: expected {','.join(HEADER[:width])} with a source and a "
                              f"target term, got {len(cells)} field(s): {','.join(row)!r}")
        forbidden = tuple(v.strip() for v in cells[2].split("|") if v.strip()) if len(cells) > 2 else ()
        entries.append(GlossaryEntry(cells[0], cells[1], forbidden, n))
    return tuple(entries)


def _inflected(term: str) -> re.Pattern[str]:
    """The term as a whole word, case-insensitive, with a plural ending on its last word:
    "rent cap" matches "Rent caps", "policy" matches "policies"."""
    body = re.escape(term)
    if re.search(r"[^aeiou]y$", term, re.IGNORECASE):
        body = re.escape(term[:-1]) + "(?:y|ies)"
    elif term[-1:].isalpha():
        body += "(?:s|es)?"
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _like(target: str, found: str) -> str:
    """The required term as the found variant is written: capitalised, plural -s."""
    if found[:1].isupper():
        target = target[:1].upper() + target[1:]
    return target + "s" if found.endswith("s") and not target.endswith("s") else target


@check("MT401", name="glossary-term", category="Terminology/Wrong term", severity="major",
       flags=[{"hyp": 'A spokesman said: "We apologise to our passengers."',
               "src": "Ein Sprecher sagte: „Wir entschuldigen uns bei unseren Fahrgästen.“",
               "options": {"glossary": EXAMPLE_GLOSSARY}},
              {"hyp": "would not change much.", "src": "Kritiker sagen, es werde sich wenig ändern.",
               "options": {"glossary": EXAMPLE_GLOSSARY}},
              {"hyp": "Renters' associations welcomed the plan, lessors criticised it.",
               "src": "Mieterverbände begrüßten den Plan, Vermieter kritisierten ihn.",
               "options": {"glossary": EXAMPLE_GLOSSARY}}],
       passes=[{"hyp": "The government announced new rules for rental housing on Monday.",
                "src": "Die Regierung hat am Montag neue Regeln für Mietwohnungen angekündigt.",
                "options": {"glossary": EXAMPLE_GLOSSARY}},
               {"hyp": "Tenants' associations welcomed the plan, landlords criticised it.",
                "src": "Mieterverbände begrüßten den Plan, Vermieter kritisierten ihn.",
                "options": {"glossary": EXAMPLE_GLOSSARY}},
               {"hyp": "Economists had expected this decision.", "src": "Ökonomen hatten diese Entscheidung erwartet.",
                "options": {"glossary": EXAMPLE_GLOSSARY}},
               {"hyp": 'A spokesman said: "We apologise to our passengers."',
                "src": "Ein Sprecher sagte: „Wir entschuldigen uns bei unseren Fahrgästen.“"}])
def glossary_term(hyp: str, src: str, options: dict[str, Any] | None = None) -> Iterator[Hit]:
    """A source term of the glossary (``--glossary``) translated otherwise than it requires.

    Generic MT knows nothing of a client's terminology: "Sprecher" becomes "spokesman" where
    the house style says "spokesperson". A forbidden variant is flagged where it stands; a
    required term that is missing (case and plural -s/-es aside) is flagged at the start.
    Example: "A spokesman said" with the entry Sprecher,spokesperson,spokesman. Fix: use the
    glossary's term.
    """
    path = (options or {}).get("glossary")
    if not path:
        return
    for entry in load_glossary(path):
        if not entry.in_source(src):
            continue
        wrong = [m for variant in entry.forbidden for m in _inflected(variant).finditer(hyp)]
        for m in wrong:
            yield Hit(m.start(), m.end(), f"glossary: '{m.group()}' is a forbidden translation of "
                      f"'{entry.source}'; use '{entry.target}'", _like(entry.target, m.group()))
        if not wrong and not _inflected(entry.target).search(hyp):
            yield Hit(0, 0, f"glossary: '{entry.source}' should be translated as '{entry.target}'", entry.target)
