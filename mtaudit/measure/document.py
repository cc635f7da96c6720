"""The measure stage of one document: each row's reference metrics (per alignment bead),
word diff against the reference, source coverage and exposure. Coverage and exposure read
the text with its inline codes masked (``checks.inline_codes``): a tag is no source word and
no length a reader reads; the metrics and the diff read the text as written."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..checks.inline_codes import masked_text
from ..model import Issue, Segment, WordDiff
from ..segment.rows import bead_groups, joined_hypothesis
from .coverage import coverage_features
from .exposure import Basis, Lengths, exposures, unit_lengths
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
    """Builds each sacreBLEU metric once (per worker) and measures documents."""

    def __init__(self, metrics: Sequence[str], dictionary: str | None = None) -> None:
        self.metrics = ReferenceMetrics(metrics)
        self.dictionary = dictionary

    def document(self, segs: list[Segment], basis: Basis | None = None) -> list[Measured]:
        """Every row's figures, in order: of a whole document, or of a run of a long one's
        rows (whole beads) with the document's exposure ``basis``."""
        beads = self._bead_metrics(segs)
        if basis is None:
            exposure = exposures([masked_text(s.src) for s in segs], [masked_text(s.ref) for s in segs])
        else:
            exposure = [basis.exposure(lengths) for lengths in self.lengths(segs)]
        counted: set[Any] = set()
        out = []
        for i, seg in enumerate(segs):
            bead = seg.meta.get("bead", seg.seg)
            sentence, stats, skipped = beads.get(bead, ({}, None, []))
            if bead in counted:
                stats = None
            counted.add(bead)
            diff = word_diff(seg.hyp, seg.ref) if seg.ref is not None else None
            features = {**coverage_features(masked_text(seg.src), masked_text(seg.hyp) or "", self.dictionary),
                        **(diff.shares() if diff and sentence else {}), "exposure": exposure[i]}
            out.append(Measured(sentence, features, diff, stats, list(skipped)))
        return out

    @staticmethod
    def lengths(segs: list[Segment]) -> list[Lengths]:
        """What the exposure basis needs of each row (``BasisCounter``)."""
        return [unit_lengths(masked_text(s.src), masked_text(s.ref)) for s in segs]

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
