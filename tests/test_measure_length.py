"""Length evidence of omission (mtaudit/measure/length.py) on real Chinese→English pairs."""
from __future__ import annotations

import pytest

from mtaudit.measure.length import LengthModel, log_ratio, relative_length, source_units, target_length

# A news sentence pair, its translation with the second sentence dropped, and other pairs of
# the same batch (TED and news sources with full translations).
SRC = "这座城市的新医院今天正式开放，将为周边地区的居民提供医疗服务。市长表示，政府明年还将修建两所学校和一座图书馆。"
FULL = ("The city's new hospital officially opened today and will provide medical services to residents of the "
        "surrounding areas. The mayor said the government will also build two schools and a library next year.")
DROPPED = ("The city's new hospital officially opened today and will provide medical services to residents of the "
           "surrounding areas.")
BATCH = [
    ("这是一个非常大胆的尝试， 它的灵敏度在未来几年里将不会被超越- 它将用来检测空间振动。",
     "This is a very bold attempt. Its sensitivity will not be surpassed in the next few years — it will be used "
     "to detect spatial vibrations."),
    ("我们站在地球上仰望夜空用肉眼就能看到天上的繁星。",
     "We stand on the earth and look up at the night sky. With the naked eye, we can see the stars in the sky."),
    ("强烈的阳光是如此地刺眼，让人睁不开眼睛", "The strong sunlight is so dazzling that people cannot open their eyes."),
    ("有一种兰花看起来就像是有下颚一般。 在某种程度上说，它的确有；它强迫昆虫爬过， 沾上花粉，并把花粉带往别的地方。",
     "There is an orchid that looks like it has a jaw. To a certain extent, it does; it forces insects to crawl "
     "over it, carry the pollen, and bring the pollen elsewhere."),
    (SRC, FULL),
]


def test_units_count_cjk_characters_and_other_words() -> None:
    assert source_units("习近平2月10日在北京会见了Biden") == 14  # 11 characters; 2, 10 and Biden
    assert source_units("Der Hafen öffnete am Montag.") == 5
    assert target_length("  The  port\treopened. ") == len("The port reopened.")


def test_a_dropped_sentence_falls_short_and_a_full_translation_does_not() -> None:
    model = LengthModel.fit([s for s, _ in BATCH], [t for _, t in BATCH])
    assert 3.0 < model.ratio < 6.0  # English characters per Chinese character
    assert model.shortfall(SRC, FULL, margin=0.2) == 0.0
    assert model.shortfall(SRC, DROPPED) > 0.4
    assert model.shortfall(SRC, DROPPED, margin=0.2) == pytest.approx(model.shortfall(SRC, DROPPED) - 0.2)
    assert log_ratio(SRC, DROPPED) < log_ratio(SRC, FULL)


def test_robust_to_an_omission_in_the_batch() -> None:
    clean = LengthModel.fit([s for s, _ in BATCH], [t for _, t in BATCH])
    with_omission = LengthModel.fit([s for s, _ in BATCH] + [SRC], [t for _, t in BATCH] + ["The hospital opened."])
    assert with_omission.ratio == pytest.approx(clean.ratio, rel=0.1)


def test_shorter_than_the_other_systems() -> None:
    others = [FULL, FULL.replace("officially opened", "opened officially"),
              FULL.replace("The mayor said", "According to the mayor,")]
    assert relative_length(DROPPED, others) < -0.5
    assert abs(relative_length(FULL, others[1:])) < 0.05
    assert relative_length(FULL, []) == 0.0
