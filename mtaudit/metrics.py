"""Reference metrics from sacrebleu: sentence chrF, chrF++, BLEU and TER, and corpus scores
with sacrebleu signatures and 95% bootstrap confidence intervals, against one or several
references per sentence. Wraps sacrebleu; never reimplements it."""
from __future__ import annotations

import json
from typing import Any, Callable, Sequence

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

METRIC_NAMES = ("chrf", "chrfpp", "bleu", "ter")
# How each metric is built: sentence BLEU uses effective order, corpus BLEU does not (as
# sacrebleu's CLI); chrF++ is chrF with word bigrams (word_order=2).
_CORPUS: dict[str, Callable[[], Metric]] = {
    "chrf": CHRF, "chrfpp": lambda: CHRF(word_order=2), "bleu": BLEU, "ter": TER}
_SENTENCE: dict[str, Callable[[], Metric]] = {**_CORPUS, "bleu": lambda: BLEU(effective_order=True)}


Stats = dict[str, list[Any]]  # metric name -> sacrebleu's sufficient statistics of one sentence


class ReferenceMetrics:
    """Builds each sacrebleu metric once. A sentence's statistics are extracted once (in
    whichever worker audits it); sentence scores, document and batch corpus scores and
    their bootstrap intervals are all computed from them, as sacrebleu's ``corpus_score``
    computes a corpus from its sentences' statistics."""

    def __init__(self, names: Sequence[str] = METRIC_NAMES) -> None:
        self.names = tuple(names)
        self._extract = {n: _CORPUS[n]() for n in self.names}
        self._sentence = {n: _SENTENCE[n]() for n in self.names}

    def statistics(self, hyp: str, refs: str | Sequence[str]) -> Stats:
        """Each metric's statistics of one hypothesis against its reference(s)."""
        refs = [refs] if isinstance(refs, str) else list(refs)
        return {n: self._extract[n]._extract_corpus_statistics([hyp], [[r] for r in refs])[0]
                for n in self.names}

    def sentence(self, stats: Stats) -> dict[str, float]:
        """Sentence-level scores (BLEU with effective order) from a sentence's statistics."""
        return {n: float(self._sentence[n]._aggregate_and_compute([stats[n]]).score) for n in self.names}

    def corpus(self, stats: list[Stats], n_refs: int, n_bootstrap: int = 1000) -> dict[str, dict[str, Any]]:
        """Corpus scores of these sentences, as sacrebleu's own CLI computes them, with a
        bootstrap 95% CI.

        The confidence interval is sacrebleu's (seeded by ``SACREBLEU_SEED``, 12345 by
        default): the bootstrap mean plus or minus half the 95% range; the signature then
        carries ``bs`` and ``seed`` as sacrebleu's ``--confidence`` output does.
        """
        if not stats:
            return {}
        from sacrebleu.significance import _bootstrap_resample

        result: dict[str, dict[str, Any]] = {}
        for name in self.names:
            metric = _CORPUS[name]()
            metric.num_refs = n_refs
            column = [s[name] for s in stats]
            score = metric._aggregate_and_compute(column)
            bootstrap = n_bootstrap if len(stats) > 1 else 1
            if bootstrap > 1:
                metric.n_bootstrap = bootstrap
                metric.seed, resampled = _bootstrap_resample(column, metric, bootstrap)
                score.estimate_ci(resampled)
            signature = metric.get_signature().format()
            entry: dict[str, Any] = {"score": round(float(score.score), 4),
                                     "signature": signature, "sentences": len(stats)}
            if bootstrap > 1:
                boot = json.loads(score.format(width=4, signature=signature, is_json=True))
                # sacrebleu omits the interval when the bootstrap mean is 0 (every resample 0).
                mean, half = boot.get("confidence_mean", score.score), boot.get("confidence_var", 0.0)
                entry.update(ci_low=round(mean - half, 4), ci_high=round(mean + half, 4),
                             bootstrap_mean=mean)
            result[name] = entry
        return result
