"""TMX translation memories: one ``Document`` per file (named by the file), one row per
``<tu>`` of the chosen language pair.

The pair is ``--src-lang``/``--tgt-lang``; by default the header's ``srclang`` and the one
other language of the file (several others: an error asking for ``--tgt-lang``). Languages
match without regard to case or ``_``/``-``, and a bare language (``en``) matches its one
regional variant in the file (``en-GB``). A unit without the target language is a row with
an empty hypothesis; one with neither language is not of this pair and is left out. Inline
codes are written as tags (``<bpt i="1"/>``, ``<ph x="2"/>``, ``<hi x="3">…</hi>``) for the
markup check. A reference TMX (``--ref``) gives each row its reference: its units are matched
by ``tuid`` when every unit of both files has one, else by position, and must have the same
source text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .document import Document
from .units import Inline, inline_text, local, parse_xml, row_numbers

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"bpt": Inline("empty", ("i",)), "ept": Inline("empty", ("i",)), "ph": Inline("empty", ("x",)),
         "it": Inline("empty", ("x", "pos")), "ut": Inline("empty", ("x",)), "hi": Inline("paired", ("x",))}


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>`` of the pair: its ``tuid`` ('' without one) and both sides' text."""

    tuid: str
    source: str
    target: str


def read_tmx(path: Path, src_lang: str | None = None, tgt_lang: str | None = None,
             ref: Path | None = None, name: str | None = None) -> list[Document]:
    """The memory as one document (named ``name``, else by the file); with ``ref``, the
    reference TMX's target text as references."""
    units, pair = tmx_units(path, src_lang, tgt_lang)
    refs = _references(path, units, tmx_units(ref, *pair)[0], ref) if ref else None
    name = name or (path.name[: -len(path.suffix)] if path.suffix else path.name)
    return [Document(name, [u.target for u in units], refs, [u.source for u in units],
                     meta=[{"unit_id": u.tuid} for u in units],
                     segs=row_numbers([u.tuid for u in units]))]


def tmx_units(path: Path, src_lang: str | None, tgt_lang: str | None) -> tuple[list[TmxUnit], tuple[str, str]]:
    """The file's units of the pair, and the pair as the user or the header named it."""
    root = parse_xml(path).getroot()
    if local(root) != "tmx":
        raise InputError(f"{path}: not a TMX file (its root element is <{local(root)}>, not <tmx>)")
    header = root.find("header")
    tus = list(root.iterfind("body/tu"))
    langs = list(dict.fromkeys(_lang(v) for tu in tus for v in tu.iterfind("tuv") if _lang(v)))
    src = _pick(path, langs, src_lang or _header_lang(header), "--src-lang", "source")
    others = [lang for lang in langs if lang != src]
    if tgt_lang is None and len(others) != 1:
        found = f"languages {', '.join(others)} besides {src}" if others else f"no language besides {src}"
        raise InputError(f"{path}: TMX has {found}; name the target with --tgt-lang")
    tgt = _pick(path, langs, tgt_lang or others[0], "--tgt-lang", "target")
    if src == tgt:
        raise InputError(f"{path}: source and target language are both {src}")
    units = []
    for k, tu in enumerate(tus, 1):
        sides = {}
        for tuv in tu.iterfind("tuv"):
            sides.setdefault(_lang(tuv), tuv.find("seg"))  # a second variant of a language is ignored
        if src not in sides and tgt not in sides:
            continue
        tuid = tu.get("tuid") or ""
        where = f"tu {tuid or k}"
        units.append(TmxUnit(tuid, inline_text(sides.get(src), CODES, path, where),
                             inline_text(sides.get(tgt), CODES, path, where)))
    if not units:
        raise InputError(f"{path}: TMX has no translation units in {src} and {tgt}")
    return units, (src_lang or src, tgt_lang or tgt)


def _lang(tuv: etree._Element) -> str:
    """A tuv's language, normalised (TMX 1.4 ``xml:lang``, 1.1 ``lang``)."""
    return _norm(tuv.get(XML_LANG) or tuv.get("lang") or "")


def _norm(lang: str) -> str:
    return lang.strip().replace("_", "-").lower()


def _header_lang(header: etree._Element | None) -> str | None:
    lang = header.get("srclang") if header is not None else None
    return None if lang is None or lang.strip().lower() == "*all*" else lang


def _pick(path: Path, langs: list[str], wanted: str | None, option: str, side: str) -> str:
    """The file's language that ``wanted`` names: itself, or its one regional variant."""
    if wanted is None:
        raise InputError(f"{path}: TMX header names no source language (srclang); name it with {option}")
    want = _norm(wanted)
    if want in langs:
        return want
    variants = [lang for lang in langs if re.match(re.escape(want) + "-", lang)]
    if len(variants) == 1:
        return variants[0]
    found = ", ".join(variants or langs) or "none"
    raise InputError(f"{path}: {side} language {wanted!r} is {'ambiguous' if variants else 'not in the file'} "
                     f"(languages: {found}); name it with {option}")


def _references(path: Path, units: list[TmxUnit], refs: list[TmxUnit], ref: Path) -> list[str]:
    """The reference text of each unit, matched by tuid (all units have one) or by position."""
    if all(u.tuid for u in units) and all(r.tuid for r in refs):
        by_id = {r.tuid: r for r in refs}
        missing = [u.tuid for u in units if u.tuid not in by_id]
        if missing:
            raise InputError(f"{ref}: reference TMX has no unit with tuid {missing[0]!r} of {path}")
        matched = [by_id[u.tuid] for u in units]
    elif len(refs) != len(units):
        raise InputError(f"{ref}: reference TMX has {len(refs)} units of the pair but {path} has {len(units)} "
                         f"(without a tuid on every unit they are matched by position)")
    else:
        matched = refs
    for k, (u, r) in enumerate(zip(units, matched), 1):
        if " ".join(u.source.split()) != " ".join(r.source.split()):
            raise InputError(f"{ref}: unit {u.tuid or k} has another source text than in {path} "
                             f"({r.source[:60]!r} vs {u.source[:60]!r})")
    return [r.target for r in matched]
