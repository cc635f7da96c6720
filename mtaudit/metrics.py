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


class ReferenceMetrics:
    """Builds each sacrebleu metric once and scores sentences and corpora with it."""

    def __init__(self, names: Sequence[str] = METRIC_NAMES) -> None:
        self.names = tuple(names)
        self._sentence = {n: _SENTENCE[n]() for n in self.names}

    def sentence(self, hyp: str, refs: str | Sequence[str]) -> dict[str, float]:
        """Sentence-level scores of one hypothesis against its reference(s)."""
        refs = [refs] if isinstance(refs, str) else list(refs)
        return {n: float(self._sentence[n].sentence_score(hyp, refs).score) for n in self.names}

    def corpus(self, hyps: list[str], refs: list[str] | list[list[str]],
               n_bootstrap: int = 1000) -> dict[str, dict[str, Any]]:
        """Corpus scores, as sacrebleu's own CLI computes them, with a bootstrap 95% CI.

        ``refs`` is one reference per hypothesis, or reference streams (a list per
        reference set, each as long as ``hyps``), as sacrebleu takes them.
        The confidence interval is sacrebleu's (seeded by ``SACREBLEU_SEED``, 12345 by
        default): the bootstrap mean plus or minus half the 95% range; the signature then
        carries ``bs`` and ``seed`` as sacrebleu's ``--confidence`` output does.
        """
        if not hyps:
            return {}
        streams = [list(refs)] if refs and isinstance(refs[0], str) else [list(s) for s in refs]
        result: dict[str, dict[str, Any]] = {}
        for name in self.names:
            metric = _CORPUS[name]()
            bootstrap = n_bootstrap if len(hyps) > 1 else 1
            score = metric.corpus_score(hyps, streams, n_bootstrap=bootstrap)
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
