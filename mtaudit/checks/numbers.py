"""Numbers as a sentence states them: digits, English number words, Chinese numerals.

Each becomes a ``Number`` with one normalised value, so that "2,500", "2.500", "two
thousand five hundred" and "两千五百" compare equal. A vague quantity — "thousands",
"several million", 数千, 几十亿, 上百万 — is ``approx``: it names a magnitude, not a value,
so it is never missing or added on its own (see ``number_differences`` in reference.py).
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Iterator

from .dates import Date, chinese_dates, english_dates
from .number_words import SCALE_AFTER as _SCALE_AFTER, SCALES as _SCALES, Number, clock, fmt as _fmt
from .number_words import spelled_numbers as _spelled


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
NUMBER = re.compile(r"(?<![0-9A-Za-z.,])(?-i:(?<![A-Z]-))(?:(?<![%)\]])[-+])?\d+(?:[.,:]\d+)*"
                    r"(?:(?P<suffix>" + "|".join(sorted(_SUFFIXES, key=len, reverse=True)) + r")\b|(?![0-9A-Za-z]))",
                    re.IGNORECASE)
_PM = re.compile(r"\s*(?:p\.\s?m\.?|pm\b)", re.IGNORECASE)
# "4 to 6 million", "13.8-14.3 billion": the scale after a range's second end is the first's too.
_RANGE_SCALE = re.compile(r"\s*(?:to|-|–|—|or|and)\s*(?:[A-Z]{0,2}[$£€¥])?\d+(?:[.,]\d+)?\s+"
                          r"(thousand|million|billion|trillion)\b", re.IGNORECASE)

# --- Chinese numerals --------------------------------------------------------------------------
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "几": 1}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_COUNTING = set("一二两三四五六七八九")
_CJK_NUMBER = re.compile(r"(?<![0-9A-Za-z.,])(?<![A-Z]-)\d+(?:[.,:]\d+)*(?:[余多]?[十百千万亿]+(?:\d+(?:\.\d+)?[十百千万亿]*)*)?"
                         r"|[零〇一二两三四五六七八九十百千几](?:[零〇一二两三四五六七八九十百千万亿几]|[余多](?=[万亿]))*")
# A numeral counts a noun through a measure word (三个, 五年, 十公里); a lone numeral before
# anything else is often part of a word — 三角 (triangle), 百合 (lily), 三维 (three-dimensional)
# — so it is weak: it may match the translation's number but is not missed without one;
# so is a lone 零, mostly in words (零件 "part", 零售 "retail").
_MEASURES = set("个位名只条件张本次回遍倍种类岁年月日天号周时小分秒点米里公英尺寸斤克吨磅元块美欧度层步部台辆架"
                "艘座所家间栋棵株朵颗粒滴片双对套份场届项篇首句段页节章幅枚支把根匹群批组代世人口声下轮期门道样码亩"
                "平立光毫厘%％")
# 数千 (thousands), 几百 (a few hundred), 上百万 (up to millions), 成千上万 (thousands upon thousands)
_VAGUE = re.compile(r"(?<=[数几])|(?<=[上成])(?=[百千])")
# "very", "by all means"; countless (千千万万, 成千上万): an idiom, not a magnitude
_ADVERBS = re.compile(r"十分(?![钟之])|千万(?=[不别要记得])|千千万万|万万千千")
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
        if _range_at(raw, 1):
            return str(max(_CJK_DIGITS[c] for c in raw)), True  # 三四 = three or four
        return "".join(str(_CJK_DIGITS[c]) for c in raw), False  # 二〇一五 = 2015, 九二 = 92
    vague = False
    total, wan, section, digit = Decimal(0), Decimal(0), Decimal(0), None  # 亿s, 万s, below 万, the last digit
    for m in re.finditer(r"\d+(?:\.\d+)?|.", raw):
        tok = m.group()
        if tok[0].isdigit():
            digit = Decimal(tok)
        elif tok in _CJK_DIGITS:
            if digit is not None and _range_at(raw, m.start()):  # 六七千 = six or seven thousand
                vague = True
                continue
            digit = Decimal(_CJK_DIGITS[tok])
        elif tok in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[tok]
            digit = None
        elif tok == "万":
            wan += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        elif tok == "亿":  # 1.2万亿 = 1.2 trillion; 3亿5000万 = 350 million
            total += (wan + section + (digit or 0)) * 100_000_000
            wan, section, digit = 0, 0, None
    return _fmt(total + wan + section + (digit or 0)), vague or "几" in raw


def _range_at(raw: str, k: int) -> bool:
    """Whether raw[k] is the second of two counting digits in a row that name a range
    (三四 "three or four", 一万六七千 "16 or 17 thousand"): one more than the first."""
    return (0 < k < len(raw) and raw[k - 1] in _COUNTING and raw[k] in _COUNTING
            and _CJK_DIGITS[raw[k]] == _CJK_DIGITS[raw[k - 1]] + 1)


def _chinese(text: str) -> list[Number]:
    out, covered = _clock_times(text)
    dates = chinese_dates(text)
    out += _dated(dates, covered)
    days = {d.value.split()[1] for d in dates if " " in d.value}
    skip = {k for m in _ADVERBS.finditer(text) for k in range(m.start(), m.end())}
    for start, end in _numerals(text):
        raw, before = text[start:end], text[max(0, start - 1):start]
        after = text[end:end + 4].lstrip(" ")[:2]  # "22 岁": a space before the measure word
        if start in skip or start in covered or (raw in ("百", "千") and after[:1] == "分" and after != "分钟"):
            continue  # 十分 "very"; a time or date read above; 百分之五 (5 per cent), 百分点 (percentage point)
        if raw.isascii():
            # a day again (2月10日 ... 10日下午) is the date's, not a count of its own
            weak = after[:1] in _NAMING or after[:1] in "日号" and normalise_number(raw) in days
            out.append(Number(normalise_number(raw), start, end, weak=weak))
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
            if len(raw) == 2 and all(c in _COUNTING for c in raw) and not vague:
                # 九二共识 is the 1992 Consensus: two digits read as a year's last two, either way
                out += [Number(value, start, end, weak=True), Number(f"{19 if int(value) > 30 else 20}{value}",
                                                                      start, end, weak=True)]
                continue
            out.append(Number(value, start, end, vague or bool(_VAGUE.match(text, start)), weak))
    return sorted(out, key=lambda n: n.start)


def _dated(dates: list[Date], covered: set[int]) -> list[Number]:
    """The dates found as numbers (their numerals consumed, so not read again as counts)."""
    for d in dates:
        covered.update(d.numerals)
    return [Number(d.value, d.start, d.end) for d in dates]


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
                if raw[k - 1] in _COUNTING and raw[k] in _COUNTING and not _range_at(raw, k):
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
def numbers(text: str, spelled: bool = True, dates: bool = False) -> tuple[Number, ...]:
    """Digits (with thousands separators, decimals, times, unit suffixes) and, optionally,
    numbers in words ("ten thousand" = "10,000", "2.5 million" = "2500000", "a third" = 3).
    A clock hour before "p.m." counts as its 24-hour value ("6 p.m." = "18"). In Chinese
    text, numerals are read as their values, and dates as dates (``dates.py``); in other text
    dates are read with ``dates`` ("March 5", its day no number of its own). Cached: several
    checks ask."""
    if _CJK_TEXT.search(text):
        return tuple(_chinese(text))
    covered: set[int] = set()
    out = _dated(english_dates(text), covered) if dates else []
    for m in NUMBER.finditer(text):
        if m.start() in covered:
            continue
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
        elif spelled and (scale := _SCALE_AFTER.match(text, m.end()) or _range_scale(text, m.end(), value)):
            value = _scaled(value, _SCALES[scale.group(1).lower()])  # "2.5 million" = "two and a half million"
        out.append(Number(value, m.start(), m.end()))
    if spelled:
        out += _spelled(text)
    return tuple(sorted(out, key=lambda n: n.start))


def _range_scale(text: str, end: int, value: str) -> re.Match[str] | None:
    """The scale of a range's second end ("4 to 6 million") where the number ending at
    ``end`` starts the range: the second end is larger, by less than tenfold ("from 330,600
    in 2021 to 6.3 million" is no range)."""
    m = _RANGE_SCALE.match(text, end)
    if not m:
        return None
    first, second = _decimal(value), _decimal(re.search(r"\d+(?:[.,]\d+)?", m.group()).group().replace(",", "."))
    return m if first is not None and second is not None and first < second < 10 * first else None


def size(value: str) -> float:
    """A normalised value as a float, to compare magnitudes (-1 for a time such as 18:00 or a date)."""
    try:
        return float(value)
    except ValueError:
        return -1.0


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except ArithmeticError:
        return None


def _scaled(value: str, scale: int) -> str:
    try:
        scaled = Decimal(value) * scale  # exact: 1.89 billion is 1890000000
    except ArithmeticError:  # a time such as 18:00
        return value
    return _fmt(scaled)
