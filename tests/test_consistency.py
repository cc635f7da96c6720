"""MT120 inconsistent spelling and MT121 British/American mix: keys, variety, the spelling table."""
from __future__ import annotations

from pathlib import Path

import pytest
from wordfreq import zipf_frequency

import mtaudit
from mtaudit.checks import REGISTRY
from mtaudit.checks.consistency import SPELLING_PAIRS, name_key, word_key
from mtaudit.checks.context import DocContext
from mtaudit.config import AuditConfig


def flagged(code: str, *hyps: str) -> list[tuple[int, str, str | None]]:
    """(sentence index, flagged text, suggestion) for every hit of a check on a document."""
    doc = DocContext("test", hyps)
    return [(i, hyp[issue.start:issue.end], issue.suggestion)
            for i, hyp in enumerate(hyps) for issue in REGISTRY[code].run({"hyp": hyp, "doc": doc})]


@pytest.mark.parametrize("a, b", [("Zelensky", "Zelenskyy"), ("U.S.", "US"), ("Mr.", "Mr"), ("E.U.", "EU"),
                                  ("al-Qaeda", "Al-Qaeda"), ("Ṣadr", "Sadr"), ("NATO", "Nato"),
                                  ("al-Qaeda", "Al Qaeda"), ("O'Brien", "OBrien")])
def test_name_key_joins_spellings_of_one_name(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("MS", "Ms"), ("WHO", "Who"), ("a.m.", "AM"), ("Iran", "Iraq"), ("US", "USA")])
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_word_key_joins_hyphen_variants_but_not_homographs() -> None:
    assert word_key("e-mail") == word_key("email")
    assert word_key("re-elected") == word_key("reelected")
    assert word_key("re-sign") != word_key("resign")
    assert word_key("re-covered") != word_key("recovered")
    assert word_key("co-op") != word_key("coop")


def test_minority_spelling_is_flagged_with_the_majority_as_suggestion() -> None:
    hits = flagged("MT120", "U.S. officials said the strikes were small.", "Some US officials disagreed.",
                   "The U.S. military has fewer troops in Iraq.")
    assert hits == [(1, "US", "U.S.")]


def test_a_tie_flags_the_later_spelling() -> None:
    assert flagged("MT120", "Mr Kirby spoke on Friday.", "Later, Mr. Biden spoke.") == [(1, "Mr.", "Mr")]


def test_capital_at_sentence_start_keeps_the_documents_spelling() -> None:
    hits = flagged("MT120", "Al-Qaeda claimed the attack.", "The group is close to al-Qaeda.",
                   "Officials said al-Qaeda had not commented.", "Some wrote al Qaeda.")
    assert hits == [(3, "al Qaeda", "al-Qaeda")]
    assert flagged("MT120", "Al-Qaeda claimed the attack.", "Officials said Al Qaeda had not commented.",
                   "The group is close to al-Qaeda.") == [(1, "Al Qaeda", "al-Qaeda")]


@pytest.mark.parametrize("hyps", [
    ("The strikes were small.", "Officials said the strikes were small."),
    ("Kirby's statement came on Friday.", "Kirby said the strikes were proportionate."),
    ("Let us wait, he said.", "The US is a partner."),
    ("The later meeting was cancelled.", "The latter option was chosen."),
    ("The holy city was closed.", "She planted holly in the garden."),
    ("Doors open at 10 a.m. on Sunday.", "The AM radio station closed."),
    ("WASHINGTON – The United States struck Syria.", "Officials in Washington said the strikes were small."),
    ("BIDEN ORDERS STRIKES IN SYRIA", "Biden ordered strikes in Syria on Thursday."),
    ("The Iranians said nothing.", "The Iranian government said nothing."),
    ("He decided to re-sign the treaty.", "The minister refused to resign."),
])
def test_no_false_variants(hyps: tuple[str, ...]) -> None:
    assert flagged("MT120", *hyps) == []


def test_spelling_pairs_are_english_words() -> None:
    """Both forms of every pair are English words (wordfreq Zipf >= 2) and really differ."""
    rare = [(p.british, p.american) for p in SPELLING_PAIRS
            if zipf_frequency(p.british, "en") < 2 or zipf_frequency(p.american, "en") < 2]
    assert rare == []
    assert all(p.british != p.american for p in SPELLING_PAIRS)


def test_no_word_is_both_british_and_american() -> None:
    british = [p.british for p in SPELLING_PAIRS]
    american = [p.american for p in SPELLING_PAIRS]
    assert len(set(british)) == len(british) and len(set(american)) == len(american)
    assert set(british).isdisjoint(american)
    for shared in ("analyses", "advertise", "surprise", "exercise", "honest", "four", "killed"):
        assert shared not in british and shared not in american


def test_rules_make_the_american_forms() -> None:
    pairs = {p.british: p for p in SPELLING_PAIRS}
    assert pairs["colourful"].american == "colorful"
    assert pairs["organisations"].american == "organizations" and pairs["organisations"].kind == "oxford"
    assert pairs["centres"].american == "centers"
    assert pairs["travellers"].american == "travelers"
    assert pairs["programme"].kind == "one-way"


def test_variety_is_the_majority() -> None:
    british = ("The council criticised the plan.", "The harbour reopened in the town centre.",
               "Residents said the color was wrong.")
    assert flagged("MT121", *british) == [(2, "color", "colour")]
    american = ("The defense ministry said the center would reopen.", "Officials analyzed the damage.",
                "The neighbourhood was evacuated.")
    assert flagged("MT121", *american) == [(2, "neighbourhood", "neighborhood")]


def test_a_tie_keeps_the_first_variety() -> None:
    assert flagged("MT121", "The color faded.", "The colour faded.") == [(1, "colour", "color")]


def test_ize_is_oxford_british_unless_beside_ise() -> None:
    oxford = ("The organization chose the colour.", "The centre will recognize the neighbours.")
    assert flagged("MT121", *oxford) == []
    mixed = ("The council organised a vote.", "The centre will recognize the result.")
    assert flagged("MT121", *mixed) == [(1, "recognize", "recognise")]


def test_one_way_american_forms_only_count_as_british() -> None:
    british = ("The programme began in the town centre.", "The software program was written in the harbour office.")
    assert flagged("MT121", *british) == []
    american = ("The program began downtown.", "The defense ministry paid.", "The new programme costs more.")
    assert flagged("MT121", *american) == [(2, "programme", "program")]


def test_names_and_hyphen_parts() -> None:
    assert flagged("MT121", "The colour guard marched at Pearl Harbor.", "The harbour was closed.") == []
    hits = flagged("MT121", "The harbour and town centre were closed.", "A well-organized protest followed.",
                   "Residents criticised the plan.")
    assert hits == [(1, "organized", "organised")]


def test_seed_article_consistency(seed_article: Path) -> None:
    """On the real MT article, MT120 finds only its real mix of "Mr"/"Mr." and "US"/"U.S."."""
    result = mtaudit.audit([seed_article], config=AuditConfig(grammar="none", select=("MT12",)))
    found = {(i.code, r.segment.hyp[i.start:i.end]) for r in result.results for i in r.issues}
    assert found == {("MT120", "Mr"), ("MT120", "US")}
