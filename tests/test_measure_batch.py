"""What the measure stage learns from the whole batch (mtaudit/measure/batch.py), on real
Chinese→English pairs: the length model and the batch's mean source coverage."""
from __future__ import annotations

import pytest

from mtaudit.measure import batch as batch_fit
from mtaudit.measure.batch import BatchScan
from mtaudit.measure.coverage import coverage_features
from tests.test_measure_length import BATCH, DROPPED, SRC


def scan(pairs: list[tuple[str, str]]) -> BatchScan:
    found = BatchScan()
    for src, hyp in pairs:
        found.add(src, hyp)
    return found


def test_a_batch_too_small_says_nothing_of_its_coverage() -> None:
    fit = scan(BATCH).fit()
    assert fit.coverage is None
    assert fit.features(SRC, DROPPED)["len_short"] > 0.2 and "batch_coverage" not in fit.features(SRC, DROPPED)


def test_the_batch_mean_coverage_is_its_pairs_mean() -> None:
    pairs = BATCH * 25  # 125 pairs
    fit = scan(pairs).fit()
    shares = [coverage_features(s, h)["src_coverage"] for s, h in BATCH]
    assert fit.coverage == pytest.approx(sum(shares) / len(shares), abs=1e-4)
    assert fit.features(SRC, DROPPED)["batch_coverage"] == fit.coverage
    assert fit.features(None, "No source.") == {"batch_coverage": fit.coverage}  # no len_short without a source


def test_a_batch_that_drops_clauses_covers_less() -> None:
    full = scan(BATCH * 25).fit()
    dropped = scan([(s, h.split(".")[0] + ".") for s, h in BATCH] * 25).fit()
    assert dropped.coverage < full.coverage - 0.1


def test_the_sample_is_bounded_and_the_same_each_time(monkeypatch) -> None:
    monkeypatch.setattr(batch_fit, "SAMPLE", 40)
    monkeypatch.setattr(batch_fit, "MIN_PAIRS", 20)
    pairs = [(s, h if k % 3 else h.split(".")[0] + ".") for k, (s, h) in enumerate(BATCH * 40)]
    first, again = scan(pairs), scan(pairs)
    assert len(first._sample) == 40
    assert first.fit().coverage == again.fit().coverage is not None
