"""Word-level comparison: reference words the hypothesis misses, hypothesis words the reference lacks."""
from __future__ import annotations

import json
from pathlib import Path

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.report import write_reports
from mtaudit.measure.worddiff import word_diff
from tests.conftest import CORPORA

SEG = CORPORA / "segments"


def test_spans_point_at_the_words() -> None:
    hyp = "The minister said the law will enter into force in January."
    ref = "The minister said the law would come into force in January."
    diff = word_diff(hyp, ref)
    assert [w for _, _, w in diff.missing] == ["would", "come"]
    assert [w for _, _, w in diff.extra] == ["will", "enter"]
    assert all(ref[s:e] == w for s, e, w in diff.missing)
    assert all(hyp[s:e] == w for s, e, w in diff.extra)


def test_identical_and_case_only_differences_are_empty() -> None:
    assert word_diff("Rents rose by 30 percent.", "rents rose by 30 percent.").as_dict() == {"missing": [], "extra": []}


def test_omission_is_all_missing() -> None:
    ref = "Sandbags were handed out at three depots."
    diff = word_diff("", ref)
    assert [w for _, _, w in diff.missing] == ref.rstrip(".").split() and diff.extra == []


def test_sentences_json_carries_the_diff(tmp_path: Path) -> None:
    result = mtaudit.audit([SEG / "hyp.txt"], ref=SEG / "ref.txt",
                           config=AuditConfig(segments=True, grammar="none", bootstrap=1))
    written = write_reports(result, tmp_path, ["sentences"])
    data = json.loads(written[0].read_text(encoding="utf-8"))
    rows = data["sentences"]
    assert len(rows) == len(result.results) and data["format_version"] == 2
    for row, r in zip(rows, result.results):
        assert row["diff"] == word_diff(r.segment.hyp, r.segment.ref).as_dict()
        assert all(row["reference"][s:e] == w for s, e, w in row["diff"]["missing"])
    assert any(row["diff"]["missing"] for row in rows)
    no_ref = mtaudit.audit([SEG / "hyp.txt"], config=AuditConfig(segments=True, grammar="none"))
    assert all(r.diff is None for r in no_ref.results)
