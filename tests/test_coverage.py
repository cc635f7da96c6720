"""MT207 source-coverage: the bilingual dictionaries, their loaders and the TED measurement."""
from __future__ import annotations

import csv
import logging
from pathlib import Path

import pytest

from mtaudit.checks import REGISTRY
from mtaudit.checks.coverage import MIN_KNOWN, MIN_SHARE
from mtaudit.checks.dictionary import cedict, gloss_words, stem, user_dictionary, word_forms
from mtaudit.checks.text import words
from mtaudit.errors import ConfigError

from conftest import SHARED

DE_EN = Path(__file__).parent / "data" / "de-en.tsv"
TED = SHARED / "eval" / "ted-zhen" / "segments.tsv"


def test_cedict_glosses_become_content_words() -> None:
    assert gloss_words("(literary) to go to war") == {"war"}
    assert gloss_words("CL:場|场[chang2],次[ci4]") == set()
    assert gloss_words("variant of 瞭|了[liao3]") == set()
    assert gloss_words("(after a verb) indicating the beginning of an action") == set()
    assert gloss_words("layman's eyes") == {"layman", "eyes"}
    assert cedict().translations("战争") == {"war", "conflict"}
    assert cedict().translations("的") == frozenset()  # main sense "of": a function word


def test_stems_and_irregular_forms_match() -> None:
    assert stem("societies") == stem("society") == stem("social") == "soc"
    assert stem("flies") == "fly"
    lexicon = cedict()
    assert lexicon.coverage("我看到了繁星。", "I saw the stars.").share == 1.0
    assert lexicon.coverage("社会不平等", "social inequality").share == 1.0


def test_chinese_coverage_spans_are_in_the_source() -> None:
    src = "我们站在地球上仰望夜空用肉眼就能看到天上的繁星。"
    full = cedict().coverage(src, "We stand on the earth and look up at the night sky. "
                                  "With the naked eye, we can see the stars in the sky.")
    cut = cedict().coverage(src, "We stand on the earth.")
    assert full.known == cut.known >= 6 and full.covered > cut.covered
    assert [w for _, _, w in cut.uncovered][:3] == ["仰望", "夜空", "肉眼"]
    assert all(src[s:e] == w for s, e, w in cut.uncovered)
    # numbers, Latin-script names and function words are neither covered nor uncovered
    assert cedict().coverage("TED 的 2021 年", "").known == 0


def test_mt207_message_lists_the_missing_source_words() -> None:
    src = "这是一个非常大胆的尝试， 它的灵敏度在未来几年里将不会被超越- 它将用来检测空间振动。"
    (issue,) = REGISTRY["MT207"].run({"hyp": "This is a bold attempt.", "src": src})
    assert (issue.start, issue.end, issue.code) == (0, 0, "MT207")
    assert issue.message.startswith("source words not translated: 灵敏度, 未来, 超越")


def test_user_dictionary_german_to_english() -> None:
    lexicon = user_dictionary(str(DE_EN))
    assert lexicon.translations("Hafen") == {"port", "harbour", "harbor"}
    assert lexicon.translations("lang") == {"long"}  # the inline comment is gone
    assert lexicon.translations("der") == frozenset()  # only a stopword: a function word
    src = "Der Stadtrat beschloss nach langer Debatte den Haushalt."
    cov = lexicon.coverage(src, "The council met.")
    assert (cov.known, cov.covered) == (4, 1)
    assert [src[s:e] for s, e, _ in cov.uncovered] == ["beschloss", "Debatte", "Haushalt"]
    options = {"dictionary": str(DE_EN)}
    (issue,) = REGISTRY["MT207"].run({"hyp": "The council met.", "src": src, "options": options})
    assert "not translated: beschloss, Debatte, Haushalt" in issue.message
    hyp = "After a long debate, the city council passed the budget."
    assert REGISTRY["MT207"].run({"hyp": hyp, "src": src, "options": options}) == []
    assert REGISTRY["MT207"].run({"hyp": "The council met.", "src": src}) == []  # no dictionary


def test_user_dictionary_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# header\nHafen\tport\nStreik strike\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.tsv:3: expected 'source<TAB>translation"):
        user_dictionary(str(bad))
    with pytest.raises(ConfigError, match=r"missing\.tsv: cannot read dictionary"):
        user_dictionary(str(tmp_path / "missing.tsv"))


def test_chinese_user_dictionary_segments_with_jieba(tmp_path: Path) -> None:
    path = tmp_path / "zh-en.tsv"
    path.write_text("兰花\torchid\n花粉\tpollen\n昆虫\tinsect/bug\n", encoding="utf-8")
    cov = user_dictionary(str(path)).coverage("它强迫昆虫爬过，沾上花粉。", "It forces bugs to crawl over it.")
    assert (cov.known, cov.covered, [w for *_, w in cov.uncovered]) == (2, 1, ["花粉"])


def test_dictionary_loads_quietly_and_coverage_reuses_what_it_worked_out(caplog: pytest.LogCaptureFixture,
                                                                          capfd: pytest.CaptureFixture[str]) -> None:
    """Each hypothesis word's stems are worked out once (lemminflect is the costly part) and
    each source word's translations once, however many sentences use them; the speed itself
    is measured in benchmarks/throughput.py."""
    with caplog.at_level(logging.DEBUG):
        lexicon = cedict()
        lexicon.coverage("预热。", "Warm-up.")
    assert not [r for r in caplog.records if r.name == "jieba"] and capfd.readouterr().err == ""
    src = "有一种兰花看起来就像是有下颚一般。 在某种程度上说，它的确有；它强迫昆虫爬过， 沾上花粉，并把花粉带往别的地方。"
    hyps = [f"There's an orchid that looks like it has jaws {i}." for i in range(200)]
    word_forms.cache_clear()
    for hyp in hyps:
        lexicon.coverage(src, hyp)
    distinct = {part for hyp in hyps for t in words(hyp) for part in t.text.lower().split("-")}
    assert word_forms.cache_info().misses == len(distinct)
    translated = len(lexicon._translations)
    lexicon.coverage(src, hyps[0])
    assert len(lexicon._translations) == translated


@pytest.mark.slow
def test_mt207_flags_are_more_precise_than_the_ted_base_rate() -> None:
    """On WMT21 TED zh-en MQM, MT207's flags have a major error half the time (base rate 0.31)."""
    if not TED.exists():
        pytest.skip("../shared/eval/ted-zhen is not present on this machine")
    with open(TED, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    lexicon = cedict()
    flagged = []
    for r in rows:
        cov = lexicon.coverage(r["source"], r["target"])
        if cov.known >= MIN_KNOWN and cov.share < MIN_SHARE:
            flagged.append(int(r["has_major"]))
    base = sum(int(r["has_major"]) for r in rows) / len(rows)
    assert 0.01 < len(flagged) / len(rows) < 0.10
    assert sum(flagged) / len(flagged) > max(0.45, base + 0.1)
