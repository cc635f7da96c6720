"""Small text helpers the checks share: word tokens with spans, numbers, attributions."""
from __future__ import annotations

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


def words(text: str) -> list[Token]:
    """Word tokens with character spans. A trailing period stays only on abbreviations
    (``U.S.``, ``Mr.``, an initial ``E.``), not on a sentence's last word."""
    out = []
    for m in WORD.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith("."):
            stem = word[:-1]
            if not ("." in stem or stem.lower() in ABBREVIATIONS or (len(stem) == 1 and stem.isupper())):
                word, end = stem, end - 1
        out.append(Token(word, m.start(), end))
    return out


NUMBER = re.compile(r"(?<![\w.,])[-+]?\d+(?:[.,:]\d+)*(?![\w])")
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


class Number(NamedTuple):
    """A number as written and its normalised value (``2,500`` and ``2.500`` → ``2500``)."""

    value: str
    start: int
    end: int


_PM = re.compile(r"\s*(?:p\.\s?m\.?|pm\b)", re.IGNORECASE)


def numbers(text: str, spelled: bool = True) -> list[Number]:
    """Digits (with thousands separators, decimals, times) and, optionally, one…twelve.
    A clock hour before "p.m." counts as its 24-hour value ("6 p.m." = "18")."""
    out = []
    for m in NUMBER.finditer(text):
        value = normalise_number(m.group())
        if value.isdigit() and 1 <= int(value) < 12 and _PM.match(text, m.end()):
            value = str(int(value) + 12)
        out.append(Number(value, m.start(), m.end()))
    if spelled:
        out += [Number(NUMBER_WORDS[m.group().lower()], m.start(), m.end()) for m in _NUMBER_WORD.finditer(text)]
    return sorted(out, key=lambda n: n.start)


def normalise_number(raw: str) -> str:
    """One form per quantity: thousands separators dropped, decimal comma as a point, times kept."""
    s = raw.lstrip("+")
    if ":" in s:
        return s
    if re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", s):  # 2,500 / 2.500 / 1,250,000
        return re.sub(r"[.,]", "", s)
    return s.replace(",", ".")
