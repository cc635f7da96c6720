"""Numbers in English words ("two and a half million", "a third", "tens of thousands"), and
the ``Number`` every reading of ``numbers.py`` produces."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple


class Number(NamedTuple):
    """A number as written: its normalised value (``2,500`` → ``2500``), its span, whether
    it is only a magnitude ("thousands" → ``1000``, approx), and whether it may be part of
    a word rather than a number (weak: 三维 "three-dimensional", 三角 "triangle")."""

    value: str
    start: int
    end: int
    approx: bool = False
    weak: bool = False


def clock(hour: int, minute: int = 0) -> str:
    """A time of day: "18" for 18:00, "18:30"."""
    return f"{hour}:{minute:02d}" if minute else str(hour)


def fmt(value: float | Decimal) -> str:
    """A value as written once normalised: "2500", "1.5" (a Decimal exactly: 1.1亿 is 110000000)."""
    if value == int(value):
        return str(int(value))
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


# --- English words ---------------------------------------------------------------------------
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_GLUE = ("a", "an", "per", "and", "half", "dozen")
_WORD = r"\b(?:" + "|".join([*_UNITS, *_TENS, *SCALES, *_GLUE]) + r")\b"
_RUN = re.compile(rf"{_WORD}(?:(?:\s+|-){_WORD})*", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
SCALE_AFTER = re.compile(r"\s+(" + "|".join(SCALES) + r")\b", re.IGNORECASE)
# Ordinals from "third" ("a third" = 三分之一; "first"/"second" are too often not numbers),
# and a decade as the ten years it is.
_ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
             "thousandth": 1000, "decade": 10}
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_PLURALS = {"tens": 10, "dozens": 12, "decades": 10, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
            "billions": 1_000_000_000, "trillions": 1_000_000_000_000}
_VAGUE_BEFORE = re.compile(r"\b(?:few|several|couple|some|many)\s+$", re.IGNORECASE)
_PLURAL = re.compile(r"\b(" + "|".join(_PLURALS) + r")(?:\s+of\s+(" + "|".join(_PLURALS) + r"))*\b", re.IGNORECASE)


def spelled_numbers(text: str) -> list[Number]:
    """Numbers in English words: "two and a half million", "a hundred and fifty", "per
    million", "one hundred thousand", "a third"; "thousands", "tens of thousands" and "a
    few million" are magnitudes."""
    out = [Number(fmt(_ORDINALS[m.group(1).lower()]), m.start(), m.end()) for m in _ORDINAL.finditer(text)]
    for m in _PLURAL.finditer(text):
        value = 1
        for word in _TOKEN.findall(m.group()):
            value *= _PLURALS.get(word.lower(), 1)
        out.append(Number(fmt(value), m.start(), m.end(), approx=True))
    for run in _RUN.finditer(text):
        out += _parse_run(text, [(t.group().lower(), run.start() + t.start(), run.start() + t.end())
                                 for t in _TOKEN.finditer(run.group())])
    return out


def _parse_run(text: str, tokens: list[tuple[str, int, int]]) -> list[Number]:
    """The numbers a run of number words holds ("five and ten" is two; "twenty-five" one)."""
    out: list[Number] = []
    total, current, last, start, end = 0.0, 0.0, "", -1, -1

    def flush() -> None:
        nonlocal total, current, last, start
        if last not in ("", "glue") and (last != "half" or total + current > 0.5):  # not "and a half" alone
            out.append(Number(fmt(total + current), start, end))
        total, current, last, start = 0.0, 0.0, "", -1

    for k, (word, s, e) in enumerate(tokens):
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if word in ("a", "an", "per"):
            if nxt in SCALES or nxt in ("half", "dozen"):
                start = s if start < 0 else start
                last = last or "glue"
            else:
                flush()
            continue
        if word == "and":
            if not ((last in ("hundred", "scale") and (nxt in _UNITS or nxt in _TENS)) or nxt == "a"):
                flush()
            continue
        if word in _UNITS or word in _TENS:
            if last in ("unit", "tens") and not (last == "tens" and word in _UNITS and 0 < _UNITS[word] < 10):
                flush()
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            kind = "unit" if word in _UNITS else "tens"
        elif word == "half":
            current += 0.5
            kind = "half"
        elif word == "hundred":
            current, kind = (current or 1) * 100, "hundred"
        elif word == "dozen":
            current, kind = (current or 1) * 12, "hundred"
        else:
            if last in ("", "scale"):  # a bare "million" after digits is read with the digits
                flush()
                if _VAGUE_BEFORE.search(text, 0, s):  # "a few million": a magnitude
                    out.append(Number(fmt(SCALES[word]), s, e, approx=True))
                continue
            total, current, kind = total + (current or 1) * SCALES[word], 0.0, "scale"
        start = s if start < 0 else start
        end, last = e, kind
    flush()
    return out
