"""What the measure stage learns from the whole batch before it measures any document.

The pipeline reads every document once up front (``pipeline.AuditRun``); ``BatchScan``
listens to that pass and ``fit`` turns it into a ``BatchFit`` the workers receive with the
batch's names:

- the batch's length model (``length.LengthModel``, from every pair's length ratio), for
  ``len_short``: a translation much shorter than its source predicts, in this batch;
- the batch's dictionary coverage of its sources (``batch_coverage``), the mean of a
  sample's ``src_coverage``: evidence about the system behind the batch that every one of
  its sentences shares. Measured on WMT23 news and TED (benchmarks/judgment.py): the batch
  mean ranks translations of one source by different systems far better than the
  sentence's own coverage does (news 0.30 against 0.14, TED 0.12 against 0.10, alone), and
  beside it, held out across domains, the reference-free model gains on both. It needs a
  batch large enough for its mean to say something about the system (``MIN_PAIRS``: with
  fewer the feature is left out and the model treats it as average); it is estimated on a
  sample of at most ``SAMPLE`` pairs (a mean within ±0.01), so the up-front pass stays cheap.
"""
from __future__ import annotations

import random
from array import array
from dataclasses import dataclass

from ..checks.inline_codes import masked_text
from .coverage import coverage_features
from .length import LengthModel, pair_ratio

SAMPLE = 1000
MIN_PAIRS = 100


@dataclass(frozen=True)
class BatchFit:
    """The batch's length model, and its mean source coverage (None for a batch too small,
    or without sources a dictionary reads)."""

    length: LengthModel
    coverage: float | None = None

    def features(self, src: str | None, hyp: str) -> dict[str, float]:
        """A row's batch-level features: ``len_short`` (where it has a source and a
        translation) and ``batch_coverage``."""
        out = self.length.features(src, hyp)
        if self.coverage is not None:
            out["batch_coverage"] = self.coverage
        return out


class BatchScan:
    """Listens to the up-front pass: every pair's length ratio, and a reservoir sample of
    the pairs with a source (seeded: the same batch gives the same sample)."""

    def __init__(self) -> None:
        self._ratios = array("d")
        self._sample: list[tuple[str, str]] = []
        self._seen = 0
        self._random = random.Random(16)

    def add(self, src: str | None, hyp: str) -> None:
        """One pair, its inline codes masked as the measure stage reads it (a pair without
        a source has no ratio: a target-only batch costs nothing here)."""
        if not src:
            return
        src, hyp = masked_text(src), masked_text(hyp) or ""
        ratio = pair_ratio(src, hyp)
        if ratio is None:
            return
        self._ratios.append(ratio)
        self._seen += 1
        if len(self._sample) < SAMPLE:
            self._sample.append((src, hyp))
        elif (k := self._random.randrange(self._seen)) < SAMPLE:
            self._sample[k] = (src, hyp)

    def fit(self, dictionary: str | None = None) -> BatchFit:
        """The batch's fit (``dictionary``: the user's, else CC-CEDICT for Chinese sources)."""
        found = [f["src_coverage"] for f in (coverage_features(s, h, dictionary) for s, h in self._sample)
                 if "src_coverage" in f]
        coverage = round(sum(found) / len(found), 4) if len(found) >= MIN_PAIRS else None
        return BatchFit(LengthModel.of_ratios(self._ratios), coverage)
