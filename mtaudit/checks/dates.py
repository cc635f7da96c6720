"""Dates and weekdays as values, so that 2023年3月5日, 3月5日, "March 5", "5 March 2023" and
2023-03-05 compare equal (as "March 5", the year a number of its own), and 周二 equals
"Tuesday". Read by ``numbers.numbers`` in Chinese text always and in English text when the
other side is Chinese (a German "5. März" has no date reading, so its English translation's
"March 5" must stay the plain number 5 there).

Measured on WMT23 news zh-en (benchmarks/ted_numbers.py --set news): before, MT201 read
2月11日 as a month (weak) and the day 11, "February 11" as 11, and 周三 as the number 3.
"""
from __future__ import annotations

import re
from typing import NamedTuple

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name: k for k, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: k for k, name in enumerate(MONTH_NAMES, 1)})
_MONTHS["Sept"] = 9
# Capitalised ("we may 5 times ask" has no date), and only beside a day.
_MONTH = r"(?-i:(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_EN_DATES = (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![:.,]?\d)", re.IGNORECASE),
             re.compile(rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}\b", re.IGNORECASE))
_EN_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")s?\b", re.IGNORECASE)
_ISO = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)[-/](?P<month>[01]?\d)[-/](?P<day>[0-3]?\d)(?![\d])")

_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = r"\d{1,2}|[〇零一二两三四五六七八九十]{1,3}"
_CN_DATE = re.compile(rf"(?P<month>{_CN})\s*月\s*(?P<day>{_CN})\s*[日号]")
_CN_WEEKDAY = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])(?![次遍回年])")


class Date(NamedTuple):
    """A date or weekday found: its value ("March 5", "Tuesday"), span, and the starts of
    the numerals it consumed (not to be read again as counts)."""

    value: str
    start: int
    end: int
    numerals: tuple[int, ...]


def small_number(raw: str) -> int | None:
    """A day, month or year in digits or Chinese: "11", "十一", "二十三", "二〇二三"; None otherwise."""
    if raw.isdigit():
        return int(raw)
    if all(c in _CJK_DIGITS for c in raw):
        return int("".join(str(_CJK_DIGITS[c]) for c in raw))
    tens, _, units = raw.partition("十")
    if "十" not in raw or not all(c in _CJK_DIGITS for c in tens + units) or len(tens) > 1 or len(units) > 1:
        return None
    return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[units] if units else 0)


def date_value(month: int, day: int) -> str | None:
    """ "March 5" for a real month and day; None otherwise."""
    return f"{MONTH_NAMES[month - 1]} {day}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def chinese_dates(text: str) -> list[Date]:
    """月日 dates, ISO dates (the year is left to the numeral reading) and weekdays."""
    out = []
    for m in _CN_DATE.finditer(text):
        month, day = small_number(m.group("month")), small_number(m.group("day"))
        value = date_value(month, day) if month and day else None
        if value:
            out.append(Date(value, m.start(), m.end(), (m.start("month"), m.start("day"))))
    out += _iso(text)
    for m in _CN_WEEKDAY.finditer(text):
        k = "一二三四五六".find(m.group(1))
        out.append(Date(WEEKDAYS[k if k >= 0 else 6], m.start(), m.end(), (m.start(1),)))
    return out


def english_dates(text: str) -> list[Date]:
    """"March 5", "Mar. 5th", "5 March", "the 5th of March", ISO dates, weekday names."""
    out: list[Date] = []
    taken: set[int] = set()
    for pattern in _EN_DATES:
        for m in pattern.finditer(text):
            value = date_value(_MONTHS[m.group("month")], int(m.group("day")))
            if value and m.start("day") not in taken:
                taken.add(m.start("day"))
                out.append(Date(value, m.start(), m.end(), (m.start("day"),)))
    out += [d for d in _iso(text) if d.numerals[0] not in taken]
    out += [Date(m.group(1).capitalize(), m.start(), m.end(), ()) for m in _EN_WEEKDAY.finditer(text)]
    return out


def _iso(text: str) -> list[Date]:
    """2023-03-05, 2023/3/5: the date (its month and day numerals consumed; the year stays)."""
    out = []
    for m in _ISO.finditer(text):
        value = date_value(int(m.group("month")), int(m.group("day")))
        if value:
            out.append(Date(value, m.start("month") - 1, m.end(), (m.start("month"), m.start("day"))))
    return out
