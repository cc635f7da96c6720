"""The measure stage of one document: each row's reference metrics (per alignment bead),
word diff against the reference, source coverage, and what the batch says (its length
model, its mean coverage: ``batch.py``). Coverage and length read the text with its inline
codes masked (``checks.inline_codes``): a tag is no source word and no length a reader reads;
the metrics and the diff read the text as written."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..checks.inline_codes import masked_text
from ..model import Issue, Segment, WordDiff
from ..segment.rows import bead_groups, joined_hypothesis
from .batch import BatchFit
from .coverage import coverage_features
from .metrics import ReferenceMetrics, Stats
from .worddiff import word_diff


@dataclass
class Measured:
    """One row's figures: sacreBLEU ``metrics``, other ``features``, the word ``diff`` and
    the sacreBLEU statistics of its bead (on the bead's first row only, so a corpus counts
    each bead once); ``skipped``: an ``engine-skip`` finding for each metric the bead is too
    long for (``checks.limits``), which the row's findings take in."""

    metrics: dict[str, float]
    features: dict[str, float]
    diff: WordDiff | None
    stats: Stats | None
    skipped: list[Issue] = field(default_factory=list)


class Measurer:
    """Builds each sacreBLEU metric once (per worker) and measures documents; ``batch``:
    what was learnt from the whole batch before any document is measured (``batch.py``)."""

    def __init__(self, metrics: Sequence[str], dictionary: str | None = None,
                 batch: BatchFit | None = None) -> None:
        self.metrics = ReferenceMetrics(metrics)
        self.dictionary = dictionary
        self.batch = batch

    def document(self, segs: list[Segment]) -> list[Measured]:
        """Every row's figures, in order: of a whole document, or of a run of a long one's
        rows (whole beads; each row's figures are its own or the batch's, so a run needs
        nothing of the rest of its document)."""
        beads = self._bead_metrics(segs)
        counted: set[Any] = set()
        out = []
        for seg in segs:
            bead = seg.meta.get("bead", seg.seg)
            sentence, stats, skipped = beads.get(bead, ({}, None, []))
            if bead in counted:
                stats = None
            counted.add(bead)
            diff = word_diff(seg.hyp, seg.ref) if seg.ref is not None else None
            src, hyp = masked_text(seg.src), masked_text(seg.hyp) or ""
            features = {**coverage_features(src, hyp, self.dictionary),
                        **(self.batch.features(src, hyp) if self.batch else {}),
                        **(diff.shares() if diff and sentence else {})}
            out.append(Measured(sentence, features, diff, stats, list(skipped)))
        return out

    def _bead_metrics(self, segs: list[Segment]) -> dict[Any, tuple[dict[str, float], Stats, list[Issue]]]:
        """Sentence metrics and statistics per alignment bead (the joined hypothesis against
        its reference or references), and a finding for each metric it is too long for."""
        out: dict[Any, tuple[dict[str, float], Stats, list[Issue]]] = {}
        for bead, group in bead_groups(segs).items():
            refs = (group[0].ref or "", *group[0].meta.get("more_refs", ()))
            hyp = joined_hypothesis(group)
            stats = self.metrics.statistics(hyp, refs)
            out[bead] = ({k: round(v, 4) for k, v in self.metrics.sentence(stats).items()}, stats,
                         self.metrics.skipped(hyp, refs))
        return out
