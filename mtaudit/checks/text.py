"""Small text helpers the checks share: word tokens with spans, attributions (numbers: ``numbers.py``)."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?", re.UNICODE)
SPEECH_VERBS = ("said", "says", "added", "adds", "told", "wrote", "stated", "explained", "noted",
                "continued", "declared", "insisted", "asked", "replied", "argued", "warned")
SPEAKER = r"(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|[Tt]he\s+\w+(?:\s+\w+)?)"
# "..., he said." / "... Kirby said on Monday." : a speaker, a speech verb, a few words, the end.
ATTRIBUTION = re.compile(
    rf"(?:^|(?<=[,.!?”\"]))\s*({SPEAKER}\s+(?:{'|'.join(SPEECH_VERBS)})(?:\s+\w+){{0,6}}?\s*[.!?])")


class Token(NamedTuple):
    """A word and where it stands in the sentence."""

    text: str
    start: int
    end: int


ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "gov", "sen",
                 "rep", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "aug", "sep",
                 "sept", "oct", "nov", "dec", "a.m", "p.m", "i.e", "e.g"}


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[Token, ...]:
    """Word tokens with character spans. A trailing period stays only on abbreviations
    (``U.S.``, ``Mr.``, an initial ``E.``), not on a sentence's last word. Cached: every
    check of a sentence asks for its words."""
    out = []
    for m in WORD.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith("."):
            stem = word[:-1]
            if not ("." in stem or stem.lower() in ABBREVIATIONS or (len(stem) == 1 and stem.isupper())):
                word, end = stem, end - 1
        out.append(Token(word, m.start(), end))
    return tuple(out)
