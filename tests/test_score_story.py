"""One score story: the number a reviewer sees beside a sentence is the one its flag is
drawn from (the exposure-weighted score), so that sorting by it and filtering by verdict agree."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtaudit.config import AuditConfig
from mtaudit.model import Issue
from mtaudit.score.quality import features, setting_for
from mtaudit.score.scorer import FlagLine, Scorer, weighted_score


def test_flag_line_sides() -> None:
    calibrated, user = FlagLine(88.55, inclusive=True), FlagLine(90.0, inclusive=False)
    assert calibrated.flags(88.55) and not calibrated.flags(88.56)
    assert user.flags(89.99) and not user.flags(90.0)
    assert str(calibrated) == "≤ 88.55" and str(user) == "< 90.00"


def test_weighted_score_weighs_the_shown_penalty_by_exposure() -> None:
    assert weighted_score(97.5, 1.0) == 97.5
    assert weighted_score(97.5, 3.0) == 92.5  # 2.5 points of penalty, three times
    assert weighted_score(97.5, 0.5) == 98.75
    assert weighted_score(40.0, 3.0) == 0.0  # never below 0


@settings(max_examples=300, deadline=None)
@given(chrf=st.floats(0, 100), bleu=st.floats(0, 100), exposure=st.floats(0.05, 6),
       minors=st.integers(0, 4), flag_below=st.one_of(st.none(), st.floats(1, 100)))
def test_flag_is_drawn_from_the_weighted_score(chrf: float, bleu: float, exposure: float, minors: int,
                                               flag_below: float | None) -> None:
    """Without a major or critical finding, a sentence is flagged exactly when its weighted
    score is on the flagged side of its setting's line."""
    scorer = Scorer.from_config(AuditConfig(flag_below=flag_below))
    issues = [Issue("MT106", "Fluency/Punctuation", "minor", 0, 1, "m")] * minors
    metrics, measured = {"chrf": chrf, "bleu": bleu}, {"exposure": exposure}
    score, flagged, verdict = scorer.score("A sentence of some words.", issues, metrics, measured)
    line = scorer.line(setting_for(features("A sentence of some words.", issues, {**metrics, **measured})))
    assert flagged == (verdict == "reject" or line.flags(weighted_score(score, exposure)))
    if verdict == "ok":
        assert weighted_score(score, exposure) >= line.value
