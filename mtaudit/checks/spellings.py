"""How a document spells its names, titles, abbreviations and words (MT120's document fact):
each word or two-word name as written, the group it spells ("U.S." and "US", "Zelensky" and
"Zelenskyy", "al-Qaeda" and "Al Qaeda"), and how often the document uses each form."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .facts import Fact, fact
from .text import words

_POSSESSIVE = re.compile(r"'s$")
# Characters after which a capital letter says nothing: sentence start, quote, colon, dash.
_OPENING = set("“\"‘'([«„:.!?…—–-")
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jr", "sr", "st"}
# Hyphenated words that mean something else joined up: "re-sign" is not "resign".
_HOMOGRAPH = re.compile(r"^(?:re-(?:sign|cover|form|creat|press|serv|sort|count|mark|treat|collect|lay|present|"
                        r"solv|leas|dress|fus|sourc|pos|stor)|co-ops?$)")
# A dateline ("WASHINGTON –", "NEW YORK (Reuters) —") is in capitals by convention.
_DATELINE = re.compile(r"^\W*[A-Z][A-Z.'’ -]*[A-Z](?:,[\w. ]+)?\s*(?:\(\w+\)\s*)?[–—-]\s")
_PARTICLES = {"al", "el", "ad", "ash", "bin", "ibn", "abu", "de", "van", "von", "da", "di", "du", "le", "la"}
_SHORT_KEY = 4  # below this many letters, case must agree too: "MS" is not "Ms", "WHO" not "Who"


@dataclass(frozen=True)
class _Occurrence:
    """A word or two-word name as written, where it stands, and the group it spells."""

    form: str
    start: int
    end: int
    initial: bool


@functools.lru_cache(maxsize=8192)
def occurrences(sentence: str) -> tuple[_Occurrence, ...]:
    """Words without possessive 's (no digits, at least two letters), plus adjacent pairs of
    capitalised words or particle and name ("Al Qaeda", "al Qaeda") that may spell a hyphenated
    name. Cached: the document pass and the sentence's own check both ask."""
    singles, previous = [], ""
    dateline = _DATELINE.match(sentence)
    for tok in words(sentence)[len(words(dateline.group())) if dateline else 0:]:
        form = _POSSESSIVE.sub("", tok.text.replace("’", "'"))
        before = sentence[:tok.start].rstrip()
        # a full stop right after an abbreviation ("Mr. Biden") does not end the sentence
        initial = not before or before[-1] in _OPENING and not (before.endswith(".") and previous.endswith("."))
        previous = tok.text
        if len(form) >= 2 and not any(c.isdigit() for c in form):
            singles.append(_Occurrence(form, tok.start, tok.start + len(form), initial))
    pairs = [_Occurrence(f"{a.form} {b.form}", a.start, b.end, a.initial) for a, b in zip(singles, singles[1:])
             if sentence[a.end:b.start] == " " and (a.form[0].isupper() or a.form in _PARTICLES) and b.form[0].isupper()
             and "." not in a.form + b.form]
    return tuple(singles + pairs)


def shouting(sentence: str) -> bool:
    """An all-capitals headline: its capitals are not spellings."""
    toks = [t.text for t in words(sentence) if t.text.isalpha()]
    return len(toks) >= 3 and sum(t.isupper() for t in toks) * 2 > len(toks)


def _fold(text: str) -> str:
    """Lower case without diacritics: "Ṣadr" → "sadr"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=65_536)
def name_key(form: str) -> tuple[object, ...]:
    """The group of a name, title or abbreviation: lower case, no dots, hyphens, apostrophes,
    spaces or diacritics, doubled letters collapsed ("Zelenskyy" = "Zelensky", "U.S." = "US");
    short keys keep their capitalisation ("MS" ≠ "Ms")."""
    letters = re.sub(r"[.\-'\s]", "", form)
    key = re.sub(r"(.)\1+", r"\1", _fold(letters))
    shape = tuple(c.isupper() for c in letters[1:]) if len(key) < _SHORT_KEY else ()
    return ("name", _has_capital(form), key, shape)


def _has_capital(text: str) -> bool:
    return text != text.lower()


@functools.lru_cache(maxsize=65_536)
def word_key(form: str) -> tuple[object, ...]:
    """The group of a lower-case word: the word without hyphens ("e-mail" = "email"),
    unless joining changes the word ("re-sign", "co-op")."""
    return ("word", form if _HOMOGRAPH.match(form) else form.replace("-", ""))


@dataclass(frozen=True)
class _Spellings:
    """A document's spellings: how each group is written and how often."""

    mid: frozenset[str]  # forms seen other than after a sentence opening
    names: frozenset[str]
    counts: dict[tuple[object, ...], Counter[str]]
    first: dict[str, tuple[int, int]]  # form -> (sentence, offset) of its first use

    def classify(self, occ: _Occurrence) -> tuple[str, tuple[object, ...]] | None:
        """(form as counted, group) of an occurrence; None when a capital may only mark the
        sentence start or a pair is not a hyphenated name's other spelling."""
        form = occ.form
        if " " in form:
            key = name_key(form)
            return (form, key) if key in self.counts and any("-" in f for f in self.counts[key]) else None
        if occ.initial and form[0].isupper():
            lowered = form[0].lower() + form[1:]
            if lowered in self.mid:
                form = lowered
            elif not (form in self.mid or form in self.names or "." in form or _fold(form) in _TITLES
                      or _has_capital(form[1:])):
                return None
        if "." in form or _has_capital(form):
            return form, name_key(form)
        return form, word_key(form)

    def majority(self, key: tuple[object, ...]) -> tuple[str, int]:
        """The most used form of a group (ties: the one used first) and its count."""
        counts = self.counts[key]
        best = min(counts, key=lambda f: (-counts[f], self.first[f]))
        return best, counts[best]


Sighting = tuple[str, bool, int, int]  # a form, whether it stands at a sentence opening, how often, first offset


def _sightings(sentence: str) -> tuple[Sighting, ...] | None:
    """What MT120's document fact needs of a sentence: its occurrences counted by (form,
    opening) with the first offset of each; None for a headline in capitals."""
    if shouting(sentence):
        return None
    seen: dict[tuple[str, bool], list[int]] = {}
    for occ in occurrences(sentence):
        entry = seen.setdefault((occ.form, occ.initial), [0, occ.start])
        entry[0] += 1
    return tuple((form, initial, count, start) for (form, initial), (count, start) in seen.items())


class _SpellingTally:
    def __init__(self, names: frozenset[str]) -> None:
        self.names, self.sentences = names, 0
        self.seen: dict[tuple[str, bool], list[Any]] = {}  # (form, opening) -> [count, (sentence, offset) first]

    def add(self, sightings: tuple[Sighting, ...] | None) -> None:
        for form, initial, count, start in sightings or ():
            entry = self.seen.setdefault((form, initial), [0, (self.sentences, start)])
            entry[0] += count
        self.sentences += 1

    def result(self) -> _Spellings:
        mid = frozenset(form for form, initial in self.seen if not initial)
        spellings = _Spellings(mid, self.names, {}, {})
        for pairs in (False, True):  # single words first, so pairs can find the hyphenated names
            for (form, initial), (count, where) in self.seen.items():
                if (" " in form) == pairs and (found := spellings.classify(_Occurrence(form, 0, 0, initial))):
                    counted, key = found
                    spellings.counts.setdefault(key, Counter())[counted] += count
                    spellings.first[counted] = min(spellings.first.get(counted, where), where)
        # only groups of two or more spellings are ever asked about (a pair's group with one
        # hyphenated form answers "not a variant" either way)
        counts = {k: c for k, c in spellings.counts.items() if len(c) > 1}
        return _Spellings(mid, self.names, counts, {f: spellings.first[f] for c in counts.values() for f in c})


@fact
class Spellings(Fact[tuple[Sighting, ...] | None, _Spellings]):
    """MT120's document fact: how the document spells each group, and where each form is
    first used."""

    name = "spellings"
    codes = frozenset({"MT120"})

    def sentence(self, hyp: str) -> tuple[Sighting, ...] | None:
        return _sightings(hyp)

    def tally(self, names: frozenset[str]) -> _SpellingTally:
        return _SpellingTally(names)
