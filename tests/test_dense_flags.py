"""Dense minor findings flag a sentence whatever its score (``scorer.dense_minors``): the
fallback of a target-only audit, whose score only major findings move (issue 16)."""
from __future__ import annotations

from pathlib import Path

import pytest

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.model import Issue
from mtaudit.report.result import AuditResult
from mtaudit.score.explain import explain, lines_of
from mtaudit.score.scorer import DENSE_MINORS, DENSE_WORDS, dense_minors

# Real MT output, audited without a source or a reference (Harper in process).
DENSE = [
    "2023-02-11 13:07:20 [ source: Xinhua] [ Edited by Li Yang ]",  # WMT23 news, NLLB; MQM 8.1
    "The port , which was closed on Monday , reopened .",  # tokenised: three spaces before punctuation
]
SPARSE = [
    # WMT23 news, ONLINE-M: three minor findings, but over 35 words
    "The results achieved have injected new impetus into promoting the strategic partnership between "
    "Viet Nam and New Zealand and the comprehensive partnership between Viet Nam and Viet Nam in a "
    "deeper, broader and effective direction.",
    "The port, which was closed on Monday , reopened after a four-day strike that cost the region millions.",
    "The mayor said the library will reopen in March after repairs to the roof.",
]


@pytest.fixture(scope="module")
def target_only(tmp_path_factory) -> AuditResult:
    path = Path(tmp_path_factory.mktemp("dense")) / "hyp.txt"
    path.write_text("\n".join(DENSE + SPARSE) + "\n", encoding="utf-8")
    return mtaudit.audit([path], config=AuditConfig(segments=True, bootstrap=1))


def test_dense_minor_findings_flag_a_target_only_sentence(target_only) -> None:
    lines = lines_of(target_only.summary)
    for r in target_only.results[:len(DENSE)]:
        assert all(i.severity == "minor" for i in r.issues) and len(r.issues) >= DENSE_MINORS
        assert (r.flagged, r.verdict) == (True, "review"), r.segment.hyp
        why = explain(r.segment.hyp, r.issues, {**r.metrics, **r.features}, r.score, r.verdict, lines)
        assert why.reason == f"dense: {len(r.issues)} minor findings in {len(r.segment.hyp.split())} words"


def test_sparse_minor_findings_do_not_flag(target_only) -> None:
    sparse = target_only.results[len(DENSE):]
    assert [len(r.issues) for r in sparse] == [3, 1, 0]
    for r in sparse:
        assert (r.flagged, r.verdict) == (False, "ok"), r.segment.hyp
    # the same three findings count as dense in a sentence of at most 3 x DENSE_WORDS words
    assert dense_minors(" ".join(["word"] * DENSE_MINORS * DENSE_WORDS), sparse[0].issues) == 3
    assert dense_minors(" ".join(["word"] * (DENSE_MINORS * DENSE_WORDS + 1)), sparse[0].issues) == 0


def test_density_counts_minor_findings_only_and_never_engine_notices() -> None:
    minor = Issue("MT113", "Fluency/Punctuation", "minor", 0, 1, "space before punctuation")
    notice = Issue("engine-error", "Other", "minor", 0, 0, "harper failed")
    major = Issue("MT101", "Fluency/Repetition", "major", 0, 1, "repeated word")
    assert dense_minors("(" * 4100, [minor] * 4100) == 4100  # one word
    assert dense_minors("a b", [minor] * 2) == 0  # fewer than DENSE_MINORS
    assert dense_minors("a b", [minor, minor, notice]) == 0
    assert dense_minors("a b", [minor, minor, major]) == 0
