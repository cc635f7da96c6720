"""MT114 odd-collocation: the bundled bigram counts, real pairs scored, what it skips."""
from __future__ import annotations

from mtaudit.checks import REGISTRY, active_checks
from mtaudit.checks.collocation import association, counts
from mtaudit.config import AuditConfig


def test_counts_load_once_from_the_installed_package() -> None:
    c = counts()
    assert counts() is c
    assert len(c.ids) > 80_000 and len(c.keys) > 240_000
    assert list(c.keys) == sorted(c.keys)
    assert c.floor == 100_000  # Norvig's bigram list stops at 100,000 occurrences


def test_real_pairs_are_scored() -> None:
    heavy_rain = association("heavy", "rain")
    assert heavy_rain is not None and heavy_rain.listed and heavy_rain.pmi > 8
    main_use = association("main", "use")
    assert main_use is not None and not main_use.listed and main_use.pmi < 0
    assert association("heavy", "qqqzx") is None


def test_hit_spans_the_pair_and_threshold_is_an_option() -> None:
    hyp = "Then the bristles we see above get wilted."
    (issue,) = REGISTRY["MT114"].run({"hyp": hyp})
    assert hyp[issue.start:issue.end] == "above get"
    assert REGISTRY["MT114"].run({"hyp": hyp, "options": {"max_pmi": 0.0}}) == []


def test_names_numbers_punctuation_and_function_words_are_skipped() -> None:
    check = REGISTRY["MT114"]
    assert check.run({"hyp": "That's the main use of the filter."})
    assert check.run({"hyp": "That's the Main Use of the filter."}) == []
    assert check.run({"hyp": "That's the main 2 use of the filter."}) == []
    assert check.run({"hyp": "That's the main, use of the filter."}) == []
    assert check.run({"hyp": "It is of the and it was."}) == []


def test_off_by_default_but_selectable() -> None:
    assert "MT114" not in {c.code for c in active_checks(AuditConfig())}
    assert "MT114" in {c.code for c in active_checks(AuditConfig(select=("MT114",)))}
