"""Numbers as a sentence states them: digits, English number words, Chinese numerals.

Each becomes a ``Number`` with one normalised value, so that "2,500", "2.500", "two
thousand five hundred" and "两千五百" compare equal. A vague quantity — "thousands",
"several million", 数千, 几十亿, 上百万 — is ``approx``: it names a magnitude, not a value,
so it is never missing or added on its own (see ``number_differences`` in reference.py).
"""
from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple


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


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def normalise_number(raw: str) -> str:
    """One form per quantity: thousands separators dropped, decimal comma as a point, times
    kept, a full hour as its hour ("18:00" = "18", as in "18 Uhr")."""
    s = raw.lstrip("+")
    if ":" in s:
        return clock(*map(int, s.split(":"))) if re.fullmatch(r"\d{1,2}:\d\d", s) else s
    if re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", s):  # 2,500 / 2.500 / 1,250,000
        return re.sub(r"[.,]", "", s)
    return s.replace(",", ".")


# --- digits --------------------------------------------------------------------------------
# Not inside a word of Latin letters ("COVID19", "A4") nor a name's ("COVID-19", "F-16"); a unit or ordinal suffix may follow
# ("6km", "10x", "20th", "1990s", German "90er"); "5k", "3bn" and "£5m" are scaled where
# words are read too (else "3bn" is 3, as "3 Milliarden" is).
_SUFFIXES = {"st": 1, "nd": 1, "rd": 1, "th": 1, "s": 1, "er": 1, "x": 1, "km": 1, "m": 1, "cm": 1, "mm": 1,
             "kg": 1, "g": 1, "mg": 1, "t": 1, "lb": 1, "lbs": 1, "ft": 1, "mi": 1, "mph": 1, "h": 1,
             "hr": 1, "hrs": 1, "min": 1, "ml": 1, "gb": 1, "mb": 1, "tb": 1, "kw": 1, "kwh": 1, "mw": 1,
             "gw": 1, "hz": 1, "khz": 1, "mhz": 1, "ghz": 1, "k": 1000, "mn": 1_000_000, "bn": 1_000_000_000}
_CURRENCY = ("£", "$", "€", "¥")
NUMBER = re.compile(r"(?<![0-9A-Za-z.,])(?-i:(?<![A-Z]-))[-+]?\d+(?:[.,:]\d+)*"
                    r"(?:(?P<suffix>" + "|".join(sorted(_SUFFIXES, key=len, reverse=True)) + r")\b|(?![0-9A-Za-z]))",
                    re.IGNORECASE)
_PM = re.compile(r"\s*(?:p\.\s?m\.?|pm\b)", re.IGNORECASE)

# --- English words ---------------------------------------------------------------------------
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_GLUE = ("a", "an", "per", "and", "half", "dozen")
_WORD = r"\b(?:" + "|".join([*_UNITS, *_TENS, *_SCALES, *_GLUE]) + r")\b"
_RUN = re.compile(rf"{_WORD}(?:(?:\s+|-){_WORD})*", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
_SCALE_AFTER = re.compile(r"\s+(" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
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


def _spelled(text: str) -> list[Number]:
    """Numbers in English words: "two and a half million", "a hundred and fifty", "per
    million", "one hundred thousand", "a third"; "thousands", "tens of thousands" and "a
    few million" are magnitudes."""
    out = [Number(_fmt(_ORDINALS[m.group(1).lower()]), m.start(), m.end()) for m in _ORDINAL.finditer(text)]
    for m in _PLURAL.finditer(text):
        value = 1
        for word in _TOKEN.findall(m.group()):
            value *= _PLURALS.get(word.lower(), 1)
        out.append(Number(_fmt(value), m.start(), m.end(), approx=True))
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
            out.append(Number(_fmt(total + current), start, end))
        total, current, last, start = 0.0, 0.0, "", -1

    for k, (word, s, e) in enumerate(tokens):
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if word in ("a", "an", "per"):
            if nxt in _SCALES or nxt in ("half", "dozen"):
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
                    out.append(Number(_fmt(_SCALES[word]), s, e, approx=True))
                continue
            total, current, kind = total + (current or 1) * _SCALES[word], 0.0, "scale"
        start = s if start < 0 else start
        end, last = e, kind
    flush()
    return out


# --- Chinese numerals --------------------------------------------------------------------------
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "几": 1}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_COUNTING = set("一二两三四五六七八九")
_CJK_NUMBER = re.compile(r"(?<![0-9A-Za-z.,])(?<![A-Z]-)\d+(?:[.,:]\d+)*(?:[十百千万亿]+(?:\d+(?:\.\d+)?[十百千万亿]*)*)?|[零〇一二两三四五六七八九十百千几][零〇一二两三四五六七八九十百千万亿几]*")
# A numeral counts a noun through a measure word (三个, 五年, 十公里); a lone numeral before
# anything else is often part of a word — 三角 (triangle), 百合 (lily), 三维 (three-dimensional)
# — so it is weak: it may match the translation's number but is not missed without one;
# so is a lone 零, mostly in words (零件 "part", 零售 "retail").
_MEASURES = set("个位名只条件张本次回遍倍种类岁年月日天号周时小分秒点米里公英尺寸斤克吨磅元块美欧度层步部台辆架"
                "艘座所家间栋棵株朵颗粒滴片双对套份场届项篇首句段页节章幅枚支把根匹群批组代世人口声下轮期门道样码亩"
                "平立光毫厘%％")
# 数千 (thousands), 几百 (a few hundred), 上百万 (up to millions), 成千上万 (thousands upon thousands)
_VAGUE = re.compile(r"(?<=[数几])|(?<=[上成])(?=[百千])")
_ADVERBS = re.compile(r"十分(?![钟之])|千万(?=[不别要记得])")  # "very", "by all means"
_AND_A_HALF = re.compile(r"[个年月天周倍小时点钟]{1,2}半")  # 两年半 = two and a half years
# A time of day: 下午3点半 = 15:30, 8时30分 = 8:30 (with a part of the day, or in digits with
# minutes: "3点" alone may be three points, 一点 "a little").
_HOUR = r"(\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_CLOCK = re.compile(rf"(上午|早上|凌晨|中午|下午|傍晚|晚上)?{_HOUR}[时点](?:{_HOUR}分|(半))?")
_AFTERNOON = ("下午", "傍晚", "晚上")
# A numeral before these names something, not a count: 3月 (March), 二十国集团 (G20)
_NAMING = ("月", "国")


def cjk_number(raw: str) -> tuple[str, bool] | None:
    """The value of a Chinese numeral, digits mixed in ("25万" → 250000, "两百万" → 2000000,
    "十五" → 15, "二〇一五" → 2015), and whether it is vague ("几十", "三四" = three or
    four); None for a lone "一"/"两"/"二" (usually "a", "a couple")."""
    if raw in ("一", "两", "二"):
        return None
    if len(raw) > 1 and all(c in _CJK_DIGITS and c != "几" for c in raw):  # no 十/百/千/万/亿
        if len(raw) == 2 and "零" not in raw and "〇" not in raw:
            return str(max(_CJK_DIGITS[c] for c in raw)), True  # 三四 = three or four
        return "".join(str(_CJK_DIGITS[c]) for c in raw), False  # 二〇一五 = 2015
    total, wan, section, digit = 0.0, 0.0, 0.0, None  # 亿s, 万s, below 万, the last digit
    for m in re.finditer(r"\d+(?:\.\d+)?|.", raw):
        tok = m.group()
        if tok[0].isdigit():
            digit = float(tok)
        elif tok in _CJK_DIGITS:
            digit = _CJK_DIGITS[tok]
        elif tok in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[tok]
            digit = None
        elif tok == "万":
            wan += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        elif tok == "亿":  # 1.2万亿 = 1.2 trillion; 3亿5000万 = 350 million
            total += (wan + section + (digit or 0)) * 100_000_000
            wan, section, digit = 0, 0, None
    return _fmt(total + wan + section + (digit or 0)), "几" in raw


def _chinese(text: str) -> list[Number]:
    out, covered = _clock_times(text)
    skip = {m.start() for m in _ADVERBS.finditer(text)}
    for start, end in _numerals(text):
        raw, after, before = text[start:end], text[end:end + 2], text[max(0, start - 1):start]
        if start in skip or start in covered or (raw in ("百", "千") and after[:1] == "分" and after != "分钟"):
            continue  # 十分 "very"; a time read above; 百分之五 (5 per cent), 百分点 (percentage point)
        if raw.isascii():
            out.append(Number(normalise_number(raw), start, end, weak=after[:1] in _NAMING))
            continue
        digits = re.match(r"[\d.,]+", raw)  # 2,500万
        raw = normalise_number(digits.group()) + raw[digits.end():] if digits else raw
        half = _AND_A_HALF.match(text, end)
        parsed = cjk_number(raw) or ((str(_CJK_DIGITS[raw]), False) if half else None)
        if parsed:
            value, vague = parsed
            if half:
                value = _fmt(float(value) + 0.5)
            weak = after[:1] in _NAMING or len(raw) == 1 and (
                raw in "零〇" or before not in ("第", "之") and after[:1] not in _MEASURES)
            out.append(Number(value, start, end, vague or bool(_VAGUE.match(text, start)), weak))
    return sorted(out, key=lambda n: n.start)


def _whole(numeral: str) -> int:
    """A small whole number in digits or Chinese ("8", "十五", "两")."""
    if numeral.isdigit():
        return int(numeral)
    parsed = cjk_number(numeral)
    return int(float(parsed[0])) if parsed else _CJK_DIGITS[numeral]


def _numerals(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the numerals in Chinese text; two digits in a row within a numeral that
    has 十/百/千/万/亿 start a new one (十三五 is 13 and 5: the 13th Five-Year Plan)."""
    for m in _CJK_NUMBER.finditer(text):
        raw, start = m.group(), m.start()
        if not raw[0].isdigit() and any(c in "十百千万亿" for c in raw):
            for k in range(1, len(raw)):
                if raw[k - 1] in _COUNTING and raw[k] in _COUNTING:
                    yield start, m.start() + k
                    start = m.start() + k
        yield start, m.end()


def _clock_times(text: str) -> tuple[list[Number], set[int]]:
    """Times of day, and the start of every numeral they hold (read here, not as counts)."""
    out, covered = [], set()
    for m in _CLOCK.finditer(text):
        period, hour, minute, half = m.groups()
        if not (period or hour.isdigit() and (half or minute and minute.isdigit())):
            continue  # 这一点十分重要: "this point is very important", not 1:10
        h, mm = _whole(hour), 30 if half else _whole(minute) if minute else 0
        if period in _AFTERNOON and h < 12 or period == "中午" and h < 6:
            h += 12
        out.append(Number(clock(h, mm), m.start(2), m.end()))
        covered.update({m.start(2), m.start(3)} if minute else {m.start(2)})
    return out, covered


@functools.lru_cache(maxsize=1024)
def numbers(text: str, spelled: bool = True) -> tuple[Number, ...]:
    """Digits (with thousands separators, decimals, times, unit suffixes) and, optionally,
    numbers in words ("ten thousand" = "10,000", "2.5 million" = "2500000", "a third" = 3).
    A clock hour before "p.m." counts as its 24-hour value ("6 p.m." = "18"). In Chinese
    text, numerals are read as their values. Cached: several checks ask."""
    if _CJK_TEXT.search(text):
        return tuple(_chinese(text))
    out = []
    for m in NUMBER.finditer(text):
        raw = m.group()[:m.start("suffix") - m.start()] if m.group("suffix") else m.group()
        value = normalise_number(raw)
        suffix = (m.group("suffix") or "").lower()
        if suffix == "m" and text[max(0, m.start() - 1):m.start()] in _CURRENCY:  # £5m: five million
            suffix = "mn"
        if spelled and _SUFFIXES.get(suffix, 1) > 1:
            value = _scaled(value, _SUFFIXES[suffix])
        if re.fullmatch(r"\d{1,2}(?::\d\d)?", value) and 1 <= int(value.split(":")[0]) < 12 \
                and _PM.match(text, m.end()):
            hour, _, minute = value.partition(":")
            value = clock(int(hour) + 12, int(minute or 0))
        elif spelled and (scale := _SCALE_AFTER.match(text, m.end())):  # "2.5 million" = "two and a half million"
            value = _scaled(value, _SCALES[scale.group(1).lower()])
        out.append(Number(value, m.start(), m.end()))
    if spelled:
        out += _spelled(text)
    return tuple(sorted(out, key=lambda n: n.start))


def _scaled(value: str, scale: int) -> str:
    try:
        scaled = float(value) * scale
    except ValueError:  # a time such as 18:00
        return value
    return _fmt(scaled)
