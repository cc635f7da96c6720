"""Reference metrics from sacrebleu: sentence chrF, BLEU and TER, and corpus scores with
sacrebleu signatures and 95% bootstrap confidence intervals. Wraps sacrebleu; never
reimplements it."""
from __future__ import annotations

import json
from typing import Any, Sequence

from sacrebleu.metrics import BLEU, CHRF, TER

METRIC_NAMES = ("chrf", "bleu", "ter")


class ReferenceMetrics:
    """Builds each sacrebleu metric once and scores sentences and corpora with it."""

    def __init__(self, names: Sequence[str] = METRIC_NAMES) -> None:
        self.names = tuple(names)
        self._sentence = {"chrf": CHRF(), "bleu": BLEU(effective_order=True), "ter": TER()}

    def sentence(self, hyp: str, ref: str) -> dict[str, float]:
        """Sentence-level scores of one hypothesis against one reference."""
        return {n: float(self._sentence[n].sentence_score(hyp, [ref]).score) for n in self.names}

    def corpus(self, hyps: list[str], refs: list[str], n_bootstrap: int = 1000) -> dict[str, dict[str, Any]]:
        """Corpus scores, as sacrebleu's own CLI computes them, with a bootstrap 95% CI.

        The confidence interval is sacrebleu's (seeded by ``SACREBLEU_SEED``, 12345 by
        default): the bootstrap mean plus or minus half the 95% range; the signature then
        carries ``bs`` and ``seed`` as sacrebleu's ``--confidence`` output does.
        """
        if not hyps:
            return {}
        result: dict[str, dict[str, Any]] = {}
        for name in self.names:
            metric = {"chrf": CHRF, "bleu": BLEU, "ter": TER}[name]()
            bootstrap = n_bootstrap if len(hyps) > 1 else 1
            score = metric.corpus_score(hyps, [refs], n_bootstrap=bootstrap)
            signature = metric.get_signature().format()
            entry: dict[str, Any] = {"score": round(float(score.score), 4),
                                     "signature": signature, "sentences": len(hyps)}
            if bootstrap > 1:
                boot = json.loads(score.format(width=4, signature=signature, is_json=True))
                # sacrebleu omits the interval when the bootstrap mean is 0 (every resample 0).
                mean, half = boot.get("confidence_mean", score.score), boot.get("confidence_var", 0.0)
                entry.update(ci_low=round(mean - half, 4), ci_high=round(mean + half, 4),
                             bootstrap_mean=mean)
            result[name] = entry
        return result
