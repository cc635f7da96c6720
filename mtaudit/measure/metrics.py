"""Reference metrics from sacrebleu: sentence chrF, chrF++, BLEU and TER, and corpus scores
with sacrebleu signatures and 95% bootstrap confidence intervals, against one or several
references per sentence. Wraps sacrebleu; never reimplements it."""
from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np
from sacrebleu.utils import sum_of_lists

from ..catalog import METRIC, METRIC_NAMES
from ..model import Issue
from ..results import CorpusScore
from ..checks.limits import metric_skip


Stats = dict[str, list[Any]]  # metric name -> sacrebleu's sufficient statistics of one sentence


class ReferenceMetrics:
    """Builds each sacrebleu metric once. A sentence's statistics are extracted once (in
    whichever worker audits it); sentence scores come from them here, document and batch
    corpus scores and their bootstrap intervals in ``CorpusStatistics``, as sacrebleu's
    ``corpus_score`` computes a corpus from its sentences' statistics."""

    def __init__(self, names: Sequence[str] = METRIC_NAMES) -> None:
        self.names = tuple(names)
        self._extract = {n: METRIC[n].corpus() for n in self.names}
        self._sentence = {n: METRIC[n].sentence() for n in self.names}

    def statistics(self, hyp: str, refs: str | Sequence[str]) -> Stats:
        """Each metric's statistics of one hypothesis against its reference(s), but for the
        metrics it is too long for (``skipped``)."""
        refs = [refs] if isinstance(refs, str) else list(refs)
        return {n: self._extract[n]._extract_corpus_statistics([hyp], [[r] for r in refs])[0]
                for n in self.names if metric_skip(n, hyp, refs) is None}

    def skipped(self, hyp: str, refs: str | Sequence[str]) -> list[Issue]:
        """An ``engine-skip`` finding for each metric ``statistics`` leaves out (limits)."""
        refs = [refs] if isinstance(refs, str) else list(refs)
        return [issue for n in self.names if (issue := metric_skip(n, hyp, refs)) is not None]

    def sentence(self, stats: Stats) -> dict[str, float]:
        """Sentence-level scores (BLEU with effective order) from a sentence's statistics."""
        return {n: float(self._sentence[n]._aggregate_and_compute([stats[n]]).score) for n in self.names if n in stats}


class CorpusStatistics:
    """Corpus scores accumulated sentence by sentence in constant memory, as sacrebleu's
    own CLI computes them from summed statistics, with a bootstrap 95% CI.

    The bootstrap is sacrebleu's percentile interval (the 2.5th and 97.5th percentile of the
    resample scores, see ``_percentile_interval``; seeded by ``SACREBLEU_SEED``, 12345 by
    default) over Poisson resamples:
    each sentence enters each of the ``n_bootstrap`` resamples Poisson(1) times, the
    streaming form of drawing N sentences with replacement. It needs no index matrix
    (sacrebleu's holds resamples × sentences × statistics numbers: 7 GB at 100,000
    sentences), so a batch of any size gets its interval. The signature carries ``bs`` and
    ``seed`` as sacrebleu's ``--confidence`` output does.
    """

    def __init__(self, names: Sequence[str], n_bootstrap: int = 1000) -> None:
        self.names = tuple(names)
        self.n_bootstrap = n_bootstrap
        self.sentences = 0
        self.counted: dict[str, int] = {}  # sentences per metric: a metric may skip some (limits)
        self.n_refs = 1
        self._sums: dict[str, list[Any]] = {}
        self._resampled: dict[str, np.ndarray] = {}
        seed = os.environ.get("SACREBLEU_SEED", "12345")
        self.seed = seed.lower()
        self._rng = np.random.default_rng(None if self.seed == "none" else int(seed))

    def add(self, stats: Sequence[Stats], n_refs: int = 1) -> None:
        """Add sentences' statistics (each a ``ReferenceMetrics.statistics`` result)."""
        if not stats:
            return
        self.sentences += len(stats)
        self.n_refs = max(self.n_refs, n_refs)
        weights = (self._rng.poisson(1.0, (self.n_bootstrap, len(stats))).astype(np.float64)
                   if self.n_bootstrap > 1 else None)
        for name in self.names:
            have = [k for k, s in enumerate(stats) if name in s]
            if not have:
                continue
            column = [stats[k][name] for k in have]
            self.counted[name] = self.counted.get(name, 0) + len(have)
            total = sum_of_lists(column)
            self._sums[name] = total if name not in self._sums else [a + b for a, b in zip(self._sums[name], total)]
            if weights is not None:
                resampled = (weights if len(have) == len(stats) else weights[:, have]) @ np.asarray(column, dtype=np.float64)
                self._resampled[name] = self._resampled.get(name, 0) + resampled

    def result(self) -> dict[str, CorpusScore]:
        """Each metric's corpus score, signature and (with a bootstrap) 95% CI."""
        if not self.sentences:
            return {}
        out: dict[str, CorpusScore] = {}
        for name in self.names:
            if name not in self._sums:  # every sentence too long for it
                continue
            metric = METRIC[name].corpus()
            metric.num_refs = self.n_refs
            score = metric._compute_score_from_stats(self._sums[name])
            counted = self.counted[name]
            bootstrap = self.n_bootstrap > 1 and counted > 1
            if bootstrap:
                metric.n_bootstrap, metric.seed = self.n_bootstrap, self.seed
            signature = metric.get_signature().format()
            ci: tuple[float | None, ...] = (None, None, None)
            if bootstrap:
                ci = _percentile_interval(
                    [float(metric._compute_score_from_stats(row).score) for row in self._resampled[name]])
            out[name] = CorpusScore(round(float(score.score), 4), signature, counted, *ci,
                                    skipped=self.sentences - counted)
        return out


def _percentile_interval(scores: list[float]) -> tuple[float, float, float]:
    """The 95% interval of bootstrap resample scores: sacrebleu's bounds (the scores 1/40
    from either end, ``Score.estimate_ci``) as they are. sacrebleu reports the resample mean
    plus or minus half their distance instead, which leaves the metric's scale when the
    resamples are skewed against it: chrF 87.5 of a 12-sentence document near 100 got an
    interval to 102.85, TER one from -2.4. The bounds are resample scores themselves, so they
    stay within each metric's scale (chrF and BLEU 0-100, TER from 0); the width is sacrebleu's."""
    ordered = sorted(scores)
    cut = len(ordered) // 40
    return (round(ordered[cut], 4), round(ordered[len(ordered) - cut - 1], 4),
            round(sum(ordered) / len(ordered), 4))
