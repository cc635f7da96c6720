"""Sentence splitting of news prose: abbreviations, initials, times, quotes, headlines."""
from __future__ import annotations

import re

import pytest

from mtaudit.segment.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("U.S. officials said the strikes were small. They gave no figures.",
     ["U.S. officials said the strikes were small.", "They gave no figures."]),
    ("Mr. Biden approved the strikes. Mr Austin agreed.",
     ["Mr. Biden approved the strikes.", "Mr Austin agreed."]),
    ("Julian E. Barnes contributed reporting from Washington.",
     ["Julian E. Barnes contributed reporting from Washington."]),
    ("The attacks took place around 18:00 in Washington. Nobody was hurt.",
     ["The attacks took place around 18:00 in Washington.", "Nobody was hurt."]),
    ("“We will act,” she said. “The port stays open.”",
     ["“We will act,” she said.", "“The port stays open.”"]),
    ("The E.U. said so. The U.S. did too.", ["The E.U. said so.", "The U.S. did too."]),
    ("She starts at 10 a.m. every day. Then she rests.",
     ["She starts at 10 a.m. every day.", "Then she rests."]),
])
def test_news_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_headline_without_period_is_its_own_sentence() -> None:
    text = "Council approves harbour budget\n\nHAMBURG – The council voted on Monday. It was close."
    assert split_sentences(text) == ["Council approves harbour budget",
                                     "HAMBURG – The council voted on Monday.", "It was close."]


def test_chinese_source_split_on_full_stops() -> None:
    assert split_sentences("我们站在地球上。强烈的阳光是如此地刺眼！") == ["我们站在地球上。", "强烈的阳光是如此地刺眼！"]


def test_nothing_lost(seed_article) -> None:
    text = seed_article.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)
    assert "would not avoid." in sentences
    assert "Kirby said." in sentences
    assert sentences[0] == "Biden orders air strike in Syria targeting Iran-backed milieus"
    assert 38 <= len(sentences) <= 45
