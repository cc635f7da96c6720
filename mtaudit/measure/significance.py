"""Paired significance tests between systems on the same sentences: sacreBLEU's paired
bootstrap resampling and approximate randomization (``sacrebleu.significance.PairedTest``),
seeded, with each metric built as ``catalog.METRICS`` says. Used by ``compare`` and by the
baseline ratchet."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Sequence

from ..catalog import METRIC

if TYPE_CHECKING:
    import pandas

P_VALUE = 0.05
Intervals = dict[str, dict[str, tuple[float, float]]]  # system -> metric -> (bootstrap mean, 95% half-width)


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


def shared_with_reference(table: pandas.DataFrame, names: list[str]) -> pandas.DataFrame:
    """Of a comparison's table (one block of rows per system, in ``names`` order), the
    sentence positions where every system has the same, non-empty reference: a wide table
    of the reference and each system's hypothesis (``shared`` of ``significance_table``)."""
    import pandas as pd

    refs = table.loc[table["system"] == names[0], "reference"].fillna("").to_numpy()
    wide = pd.DataFrame({"reference": refs})
    keep = refs != ""
    for name in names:
        part = table.loc[table["system"] == name]
        wide[name] = part["hypothesis"].fillna("").to_numpy()
        keep &= part["reference"].fillna("").to_numpy() == refs
    return wide[keep]


def significance_table(shared: pandas.DataFrame, names: list[str], metrics: Sequence[str], n_bootstrap: int,
                       ar_trials: int) -> tuple[pandas.DataFrame, dict[str, str], Intervals]:
    """Each system against the baseline, per metric: scores, delta, paired bootstrap and
    approximate-randomization p-values (sacreBLEU's PairedTest, seeded); and every system's
    bootstrap interval. ``shared``: a ``reference`` column and one of hypotheses per system,
    the sentences every system has."""
    import pandas as pd

    columns = ["system", "metric", "baseline", "score", "delta", "bootstrap_p", "bootstrap_mean",
               "bootstrap_ci", "ar_p", "significant"]
    if len(shared) < 2:
        return pd.DataFrame(columns=columns), {}, {}
    named = [(n, shared[n].tolist()) for n in names]
    refs = [shared["reference"].tolist()]
    runs = {}
    signatures: dict[str, str] = {}
    for kind, samples in (("bs", max(n_bootstrap, 2)), ("ar", ar_trials)):
        runs[kind] = paired_test(named, refs, metrics, kind, samples)  # type: ignore[arg-type]
        signatures.update({f"{label} ({kind})": sig for label, sig in runs[kind].signatures.items()})
    rows = []
    intervals: Intervals = {}
    for metric in metrics:
        for k, name in enumerate(names):
            found = runs["bs"].scores[metric][k]
            intervals.setdefault(name, {})[metric] = (round(float(found.mean), 4), round(float(found.ci), 4))
        base = runs["bs"].scores[metric][0].score
        for k, name in enumerate(names[1:], 1):
            bs, ar = runs["bs"].scores[metric][k], runs["ar"].scores[metric][k]
            # sacrebleu counts resampled differences strictly above the observed one, so an
            # observed difference of exactly 0 (say a system against itself) would get the
            # smallest p-value; no difference is never significant.
            same = bs.score == base
            bs_p, ar_p = (1.0, 1.0) if same else (bs.p_value, ar.p_value)
            rows.append([name, metric, round(base, 4), round(bs.score, 4), round(bs.score - base, 4),
                         bs_p, round(float(bs.mean), 4), round(float(bs.ci), 4), ar_p,
                         bool(bs_p < P_VALUE and ar_p < P_VALUE)])
    return pd.DataFrame(rows, columns=columns), signatures, intervals
