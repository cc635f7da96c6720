"""Paired significance tests between systems on the same sentences: sacreBLEU's paired
bootstrap resampling and approximate randomization (``sacrebleu.significance.PairedTest``),
seeded, with each metric built as ``catalog.METRICS`` says. Used by ``compare`` and by the
baseline ratchet."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from ..catalog import METRIC

P_VALUE = 0.05


@dataclass(frozen=True)
class PairedScore:
    """One system's corpus score in a paired test, and (for all but the first, the
    baseline) its p-value against the baseline, with the resampled mean and half-interval."""

    score: float
    p_value: float | None
    mean: float
    ci: float


@dataclass(frozen=True)
class PairedResult:
    """Per metric (by name): the systems' scores in order, and sacreBLEU's label of the
    metric (``chrF2``, ``BLEU``, ``TER``); the signatures by label."""

    scores: dict[str, list[PairedScore]]
    labels: dict[str, str]
    signatures: dict[str, str]


def paired_test(systems: Sequence[tuple[str, list[str]]], references: list[list[str]], metrics: Sequence[str],
                kind: Literal["bs", "ar"], samples: int) -> PairedResult:
    """Every system against the first on the same sentences, per metric: ``bs`` (paired
    bootstrap) or ``ar`` (approximate randomization) with ``samples`` resamples or trials."""
    from sacrebleu.significance import PairedTest

    test = PairedTest(list(systems), {m: METRIC[m].corpus() for m in metrics}, references,
                      test_type=kind, n_samples=samples)
    signatures, results = test()
    labels = [k for k in results if k != "System"]  # sacreBLEU's metric labels, in our order
    scores = {name: [PairedScore(float(r.score), r.p_value, float(r.mean if r.mean is not None else r.score),
                                 float(r.ci if r.ci is not None else 0.0)) for r in results[label]]
              for name, label in zip(metrics, labels)}
    return PairedResult(scores, dict(zip(metrics, labels)),
                        {label: sig.format() for label, sig in signatures.items()})
