"""One score story: the number a reviewer sees beside a sentence is the one its flag is
drawn from (its score: the unit's length weighs nothing), so that sorting by it and filtering
by verdict agree."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtaudit.config import AuditConfig
from mtaudit.model import Issue
from mtaudit.api import audit
from mtaudit.report.html_report import render_html
from mtaudit.score.quality import features, setting_for
from mtaudit.score.scorer import MAJOR_FLAGS, FlagLine, Scorer
from tests.conftest import CORPORA, SHARED

TED = SHARED / "eval" / "ted-zhen" / "systems" / "Facebook-AI"


def test_flag_line_sides() -> None:
    calibrated, user = FlagLine(88.55, inclusive=True), FlagLine(90.0, inclusive=False)
    assert calibrated.flags(88.55) and not calibrated.flags(88.56)
    assert user.flags(89.99) and not user.flags(90.0)
    assert str(calibrated) == "≤ 88.55" and str(user) == "< 90.00"


@settings(max_examples=300, deadline=None)
@given(chrf=st.floats(0, 100), bleu=st.floats(0, 100), coverage=st.floats(0, 1), agreement=st.one_of(
       st.none(), st.floats(0, 100)), minors=st.integers(0, 4), majors=st.integers(0, 2),
       flag_below=st.one_of(st.none(), st.floats(1, 100)))
def test_flag_is_drawn_from_the_score(chrf: float, bleu: float, coverage: float, agreement: float | None,
                                      minors: int, majors: int, flag_below: float | None) -> None:
    """A sentence is flagged exactly when its score is on the flagged side of its setting's
    line, (outside compare) it has a major finding, or its minor findings are dense (three or
    more in these five words)."""
    scorer = Scorer.from_config(AuditConfig(flag_below=flag_below))
    issues = ([Issue("MT106", "Fluency/Punctuation", "minor", 0, 1, "m")] * minors
              + [Issue("MT201", "Accuracy/Mistranslation", "major", 0, 1, "n")] * majors)
    metrics = {"chrf": chrf, "bleu": bleu} if agreement is None else {}
    measured = {"src_coverage": coverage, **({"consensus_chrf": agreement} if agreement is not None else {})}
    score, flagged, verdict = scorer.score("A sentence of some words.", issues, metrics, measured)
    setting = setting_for(features("A sentence of some words.", issues, {**metrics, **measured}))
    line = scorer.line(setting)
    assert flagged == (verdict == "reject" or line.flags(score) or minors >= 3
                       or bool(majors) and setting in MAJOR_FLAGS)
    if verdict == "ok":
        assert score >= line.value


# --- what the page shows: the sample batch and one TED system -----------------------------------

def _page_rows(result) -> tuple[dict, list[dict]]:
    """The rows as report.html holds them (its JSON block), by field name."""
    html = render_html(result)
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1))
    return data, [dict(zip(data["fields"], row)) for row in data["rows"]]


def _assert_shown_score_explains_verdict(result) -> None:
    data, rows = _page_rows(result)
    assert len(rows) == len(result.results)
    verdicts = {r["verdict"] for r in rows}
    for r in rows:
        value, inclusive, _ = data["lines"][r["line"]]
        line = FlagLine(value, inclusive)
        shown = float(r["shown"])
        assert abs(shown - r["score"]) <= 0.05  # the shown figure is the score, rounded
        issues = [dict(zip(data["issueFields"], i)) for i in r["issues"]]
        if r["verdict"] == "ok":
            assert shown >= value and not line.flags(shown), r
            assert r["reason"] == ""
        elif r["verdict"] == "review":
            decisive = {i["code"] for i in issues if i["severity"] in ("major", "critical")}
            named = [c for c in decisive if c in r["reason"]]
            assert line.flags(shown) or named, r
            if line.flags(shown):
                assert f"{r['shown']} {line}" in r["reason"]
            if named:
                assert r["reason"].startswith(("major: ", "critical: "))
        else:
            assert r["reason"], r
    # sorting by the shown score puts every sentence flagged by its score before every ok one
    by_score = sorted(rows, key=lambda r: r["score"])
    ok_scores = [r["score"] for r in by_score if r["verdict"] == "ok"]
    score_flagged = [r["score"] for r in rows if r["verdict"] == "review" and not any(
        i[2] in ("major", "critical") for i in r["issues"])]
    if ok_scores and score_flagged:
        assert max(score_flagged) <= min(ok_scores)
    assert "review" in verdicts and "ok" in verdicts


def test_sample_batch_page_scores_explain_verdicts() -> None:
    _assert_shown_score_explains_verdict(audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=10)))


@pytest.mark.slow
@pytest.mark.skipif(not TED.is_dir(), reason="../shared/eval/ted-zhen is not present")
def test_ted_page_scores_explain_verdicts() -> None:
    result = audit([TED / "hyp.txt"], ref=TED / "ref.txt", src=TED / "src.txt",
                   config=AuditConfig(bootstrap=10, segments=True))
    assert len(result.results) == 529
    _assert_shown_score_explains_verdict(result)
