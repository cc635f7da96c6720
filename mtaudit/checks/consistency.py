"""Consistency family: one document spelling the same name or word two ways."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Literal

from .context import DocContext
from .registry import Hit, check
from .spelling_pairs import SPELLING_PAIRS, SpellingPair
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
def _occurrences(sentence: str) -> tuple[_Occurrence, ...]:
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


def _shouting(sentence: str) -> bool:
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


def _spellings(doc: DocContext) -> _Spellings:
    """The document's spellings, built once per document (``DocContext.derived``). The
    sentences are walked three times rather than their occurrences kept: held all at once,
    a long document's occurrences take more memory than its text."""
    def sentences() -> Iterator[tuple[int, tuple[_Occurrence, ...]]]:
        return ((i, _occurrences(h)) for i, h in enumerate(doc.hyps) if not _shouting(h))

    mid = frozenset(o.form for _, occs in sentences() for o in occs if not o.initial)
    spellings = _Spellings(mid, doc.names, {}, {})
    for i, occs in sentences():  # single words first, so pairs can find the hyphenated names
        for occ in occs:
            if " " not in occ.form and (found := spellings.classify(occ)):
                _count(spellings, found, (i, occ.start))
    for i, occs in sentences():
        for occ in occs:
            if " " in occ.form and (found := spellings.classify(occ)):
                _count(spellings, found, (i, occ.start))
    return spellings


def _count(spellings: _Spellings, found: tuple[str, tuple[object, ...]], where: tuple[int, int]) -> None:
    form, key = found
    spellings.counts.setdefault(key, Counter())[form] += 1
    spellings.first.setdefault(form, where)


@check("MT120", name="inconsistent-spelling", category="Fluency/Inconsistency", severity="minor",
       flags=[{"hyp": "Mr Kirby said the U.S. retaliation was meant to punish the perpetrators.",
               "doc": {"hyps": ["Mr. Biden approved the strikes on Thursday morning.",
                                "Mr Kirby said the U.S. retaliation was meant to punish the perpetrators.",
                                "Mr. Biden discussed the rocket attacks on Tuesday."]}},
              {"hyp": "Some US officials claim that the group is merely a front.",
               "doc": {"hyps": ["U.S. officials said the attack killed a handful of civilians.",
                                "Some US officials claim that the group is merely a front.",
                                "The U.S. military has reduced the number of troops in Iraq."]}},
              {"hyp": "President Zelenskyy said Ukraine would not give up territory.",
               "doc": {"hyps": ["Volodymyr Zelensky met the French president in Paris.",
                                "President Zelenskyy said Ukraine would not give up territory.",
                                "Zelensky later thanked Paris for its support."]}},
              {"hyp": "The group said it had been in contact with Al Qaeda.",
               "doc": {"hyps": ["The attack bore the hallmarks of al-Qaeda.",
                                "The group said it had been in contact with Al Qaeda."]}},
              {"hyp": "He confirmed the decision in an e-mail.",
               "doc": {"hyps": ["Mulroy said in an email that the strike was smart.",
                                "He confirmed the decision in an e-mail."]}}],
       passes=[{"hyp": "The strikes were just across the border in Syria.",
                "doc": {"hyps": ["The strikes were just across the border in Syria.",
                                 "U.S. officials said the strikes were a calibrated response."]}},
               {"hyp": "Kirby's statement was read out on Friday.",
                "doc": {"hyps": ["Kirby said the strikes were proportionate.", "Kirby's statement was read out on Friday."]}},
               {"hyp": "The president said the group was backed by Iran.",
                "doc": {"hyps": ["President Biden approved the strikes.", "The president said the group was backed by Iran."]}},
               {"hyp": "Al-Qaeda claimed the attack, officials said.",
                "doc": {"hyps": ["The group is an offshoot of al-Qaeda.", "Al-Qaeda claimed the attack, officials said."]}},
               {"hyp": "Let us know what you think, said Ms. Weber.",
                "doc": {"hyps": ["The US is a key partner.", "Let us know what you think, said Ms. Weber.",
                                 "Patients with MS were treated at the clinic."]}},
               {"hyp": "The minister decided to re-sign the treaty.",
                "doc": {"hyps": ["The minister refused to resign.", "The minister decided to re-sign the treaty."]}},
               "Mr. Biden approved the strikes on Thursday morning."])
def inconsistent_spelling(hyp: str, doc: DocContext | None = None) -> Iterator[Hit]:
    """A name, title, abbreviation or word the document spells two ways ("Mr" and "Mr.",
    "US" and "U.S.", "Zelensky" and "Zelenskyy", "al-Qaeda" and "Al Qaeda", "e-mail" and "email").

    MT systems translate sentence by sentence, so nothing keeps a spelling stable across a
    document. The less used spelling is flagged (on a tie, the later one). Capitals at a
    sentence start, possessives and short acronyms of a different case ("MS", "Ms") are not
    variants. Example: "Mr Kirby" in a text that writes "Mr. Biden". Fix: use one spelling.
    """
    if doc is None or _shouting(hyp):
        return
    spellings = doc.derived(_spellings)
    for occ in _occurrences(hyp):
        found = spellings.classify(occ)
        if found is None or len(spellings.counts.get(found[1], ())) < 2:
            continue
        form, key = found
        best, count = spellings.majority(key)
        if form != best:
            suggestion = best[0].upper() + best[1:] if occ.form[0] != form[0] else best
            yield Hit(occ.start, occ.end, f"“{occ.form}” is spelled “{best}” elsewhere in this document "
                      f"({count} time{'s' if count > 1 else ''})", suggestion)


_BY_FORM: dict[str, tuple[SpellingPair, bool]] = {
    **{p.american: (p, False) for p in SPELLING_PAIRS}, **{p.british: (p, True) for p in SPELLING_PAIRS}}


def _spelled(sentence: str) -> Iterator[tuple[int, str, SpellingPair, bool]]:
    """(offset, word, pair, is British) for each lower-case word or hyphen part in the table;
    capitalised words are names ("Pearl Harbor", "Labour")."""
    for tok in words(sentence):
        offset = tok.start
        for part in tok.text.split("-"):
            if part.islower() and part in _BY_FORM:
                yield (offset, part, *_BY_FORM[part])
            offset += len(part) + 1


@dataclass(frozen=True)
class _Variety:
    """A document's spelling votes and the variety they decide (None: no evidence)."""

    british: int
    american: int
    uses_ise: bool
    variety: Literal["British", "American"] | None


def _variety(doc: DocContext) -> _Variety:
    """The document's spelling votes, counted once per document (``DocContext.derived``)."""
    british = american = 0
    uses_ise, first = False, None
    for sentence in doc.hyps:
        for _, _, pair, is_british in _spelled(sentence):
            if not is_british and pair.kind != "strict":
                continue  # -ize and "program" are no evidence of American spelling
            british, american = british + is_british, american + (not is_british)
            uses_ise = uses_ise or (is_british and pair.kind == "oxford")
            first = first or ("British" if is_british else "American")
    variety = "British" if british > american else "American" if american > british else first
    return _Variety(british, american, uses_ise, variety)


@check("MT121", name="british-american-mix", category="Fluency/Inconsistency", severity="minor",
       flags=[{"hyp": "Residents have organized a protest against the color of the new flats.",
               "doc": {"hyps": ["The council criticised the plan to close the harbour.",
                                "The mayor said the neighbourhood would be consulted.",
                                "Residents have organized a protest against the color of the new flats."]}},
              {"hyp": "The ministry's programme of repairs will cost $2 million.",
               "doc": {"hyps": ["The defense ministry said the center would reopen in May.",
                                "Officials analyzed the damage on Tuesday.",
                                "The ministry's programme of repairs will cost $2 million."]}}],
       passes=[{"hyp": "The organization said the colour of the flag was chosen by the council.",
                "doc": {"hyps": ["The organization said the colour of the flag was chosen by the council.",
                                 "The centre will recognize the neighbours' concerns."]}},
               {"hyp": "The software program was written by students at the local college.",
                "doc": {"hyps": ["The council's programme of repairs began in the town centre.",
                                 "The software program was written by students at the local college.",
                                 "The defence ministry welcomed the plan."]}},
               {"hyp": "The colour guard marched at Pearl Harbor on Sunday.",
                "doc": {"hyps": ["The colour guard marched at Pearl Harbor on Sunday.",
                                 "The ceremony was organised by the defence ministry."]}},
               {"hyp": "Officials said the practice of detaining migrants would end.",
                "doc": {"hyps": ["Officials said the practice of detaining migrants would end.",
                                 "The defence secretary said the centre would close."]}},
               "The port reopened on Monday."])
def british_american_mix(hyp: str, doc: DocContext | None = None) -> Iterator[Hit]:
    """A British spelling in an American document, or an American one in a British document.

    MT systems learn from British and American text alike and switch between them from one
    sentence to the next. The document's variety is the majority of its British and American
    spellings (on a tie, the first); -ize is also Oxford British, so it is flagged only beside
    -ise, and "program", "license", "practice" only count as British. Example: "color" in a
    text that writes "colour" and "harbour". Fix: use the document's spelling.
    """
    if doc is None:
        return
    votes = doc.derived(_variety)
    for offset, word, pair, is_british in _spelled(hyp):
        side = "British" if is_british else "American"
        if votes.variety is None or side == votes.variety:
            continue
        if not is_british and (pair.kind == "one-way" or pair.kind == "oxford" and not votes.uses_ise):
            continue
        other = pair.american if is_british else pair.british
        message = (f"“{word}”: -ize beside this document's -ise spellings" if pair.kind == "oxford" and not is_british
                   else f"“{word}” is {side} spelling; this document otherwise uses {votes.variety} spelling")
        yield Hit(offset, offset + len(word), f"{message} ({votes.british} British, {votes.american} American words)",
                  other)
