"""Small text helpers the checks share: word tokens with spans, numbers, attributions."""
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


# Digits, not inside a word of Latin letters ("COVID19", "A4"); CJK may touch them ("6公里").
NUMBER = re.compile(r"(?<![0-9A-Za-z.,])[-+]?\d+(?:[.,:]\d+)*(?![0-9A-Za-z])")
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
                "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
                "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
                "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_AFTER = re.compile(r"\s+(" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b(?:\s+(" + "|".join(_SCALES) + r")\b)?",
                          re.IGNORECASE)


_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")


class Number(NamedTuple):
    """A number as written and its normalised value (``2,500`` and ``2.500`` → ``2500``)."""

    value: str
    start: int
    end: int


_PM = re.compile(r"\s*(?:p\.\s?m\.?|pm\b)", re.IGNORECASE)


_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 10_000, "亿": 100_000_000}
_CJK_NUMBER = re.compile(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千])+[万亿]?(?:[零〇一二两三四五六七八九十百千\d]+[万亿]?)*")


def cjk_number(raw: str) -> str | None:
    """The value of a Chinese numeral, digits mixed in ("25万" → 250000, "两百万" → 2000000,
    "十五" → 15); None for a lone "一" (usually "a", "one" as an article)."""
    if raw in ("一", "两", "二") or not re.search(r"[\d零〇二两三四五六七八九十百千万亿]", raw):
        return None
    total, section, digit = 0, 0, None
    for m in re.finditer(r"\d+(?:\.\d+)?|.", raw):
        tok = m.group()
        if tok[0].isdigit():
            digit = float(tok)
        elif tok in _CJK_DIGITS:
            digit = _CJK_DIGITS[tok]
        elif tok in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[tok]
            digit = None
        elif tok in _CJK_BIG:
            total += (section + (digit or 0)) * _CJK_BIG[tok]
            section, digit = 0, None
    value = total + section + (digit or 0)
    return str(int(value)) if value == int(value) else str(value)


@functools.lru_cache(maxsize=1024)
def numbers(text: str, spelled: bool = True) -> tuple[Number, ...]:
    """Digits (with thousands separators, decimals, times) and, optionally, one…twelve
    to ninety, and with these a scale word counts ("ten thousand" = "10,000", "2.5 million"
    = "2500000").
    A clock hour before "p.m." counts as its 24-hour value ("6 p.m." = "18"). In Chinese
    text, numerals with 十/百/千/万/亿 are read as their values. Cached: several checks ask."""
    if _CJK_TEXT.search(text):
        return tuple(Number(v, m.start(), m.end()) for m in _CJK_NUMBER.finditer(text)
                     if (v := cjk_number(normalise_number(m.group()) if m.group().isascii() else m.group())))
    out = []
    for m in NUMBER.finditer(text):
        value = normalise_number(m.group())
        if value.isdigit() and 1 <= int(value) < 12 and _PM.match(text, m.end()):
            value = str(int(value) + 12)
        elif spelled and (scale := _SCALE_AFTER.match(text, m.end())):  # "2.5 million" = "two and a half million"
            value = _scaled(value, _SCALES[scale.group(1).lower()])
        out.append(Number(value, m.start(), m.end()))
    if spelled:
        out += [Number(_spelled_value(m), m.start(), m.end()) for m in _NUMBER_WORD.finditer(text)]
    return tuple(sorted(out, key=lambda n: n.start))


def _scaled(value: str, scale: int) -> str:
    try:
        scaled = float(value) * scale
    except ValueError:  # a time such as 18:00
        return value
    return str(int(scaled)) if scaled == int(scaled) else str(scaled)


def _spelled_value(m: re.Match[str]) -> str:
    """"two" → 2, "ten thousand" → 10000."""
    value = int(NUMBER_WORDS[m.group(1).lower()])
    return str(value * _SCALES[m.group(2).lower()] if m.group(2) else value)


def normalise_number(raw: str) -> str:
    """One form per quantity: thousands separators dropped, decimal comma as a point, times kept."""
    s = raw.lstrip("+")
    if ":" in s:
        return s
    if re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", s):  # 2,500 / 2.500 / 1,250,000
        return re.sub(r"[.,]", "", s)
    return s.replace(",", ".")
