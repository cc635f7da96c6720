"""From a sentence's findings and figures to its score, ``flagged`` decision and verdict.

- score: the calibrated quality model's estimate of the MQM penalty (see ``quality.py``),
  as ``max(0, 100 - 4 × penalty)``; a sentence with no evidence against it sits near the
  annotated average (about 97), an empty one at 0;
- flagged: a critical or major finding — each check's severity is the decision that it
  always flags (untranslated text, a changed number, an uncovered source, a fragment…) —
  or an estimated penalty, times the sentence's *exposure*, at or above the model's flag
  threshold (the worst 10% of the annotated data it was fitted on). Exposure is the
  length of the sentence's source (or, without one, its reference) relative to the median
  sentence of its document: a unit twice as long holds about twice the errors, so it is
  likelier to hold a major one. Being relative to the document, it keeps the flag rate of
  a batch of paragraphs near that of a batch of sentences; the hypothesis's own length is
  never used (a short output is often an omission, not a clean sentence). With the user's
  ``flag_below``, the threshold is a score instead: a sentence is flagged when its
  exposure-weighted score is below it — for a sentence of typical length, its score.
  Both thresholds compare the same number, ``weighted_score``: ``100 - (100 - score) ×
  exposure`` from the score as shown (two decimals), so that a page or spreadsheet showing
  that number shows what the flag was drawn from (``FlagLine``);
- verdict: ``reject`` for a critical finding or a score under 50, else ``review`` if
  flagged, else ``ok``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..catalog import Verdict
from ..config import AuditConfig
from ..model import Issue
from .quality import QualityModel, features, load_models, setting_for

POINTS_PER_PENALTY = 4.0
REJECT_BELOW = 50.0


@dataclass(frozen=True)
class FlagLine:
    """The weighted score a sentence is flagged at: the calibrated line flags at or below
    ``value`` (``inclusive``: an estimated penalty × exposure at or above the model's
    threshold), the user's ``flag_below`` below it."""

    value: float
    inclusive: bool

    def flags(self, weighted: float) -> bool:
        """Whether an exposure-weighted score (``weighted_score``) is on the flagged side."""
        return weighted <= self.value if self.inclusive else weighted < self.value

    def __str__(self) -> str:
        return f"{'≤' if self.inclusive else '<'} {self.value:.2f}"


def weighted_score(score: float, exposure: float) -> float:
    """The exposure-weighted score the flag is drawn from: the penalty the (rounded) score
    shows, ``100 - score``, times the unit's exposure, taken from 100; two decimals, at
    least 0. Exposure 1 (a unit of typical length) leaves the score as it is."""
    return round(max(0.0, 100.0 - (100.0 - score) * exposure), 2)


@dataclass(frozen=True)
class Scorer:
    """Scores sentences with the calibrated ``models`` (one per setting, see ``quality.py``)
    and flags them under ``flag_below`` (a score), or without one under each model's
    calibrated threshold."""

    models: Mapping[str, QualityModel]
    flag_below: float | None = None

    @classmethod
    def from_config(cls, config: AuditConfig) -> Scorer:
        """The models of ``config.quality_model`` (default: the shipped ones) and its ``flag_below``."""
        return cls(load_models(config.quality_model), config.flag_below)

    def score(self, hyp: str, issues: list[Issue], metrics: Mapping[str, float] | None = None,
              measured: Mapping[str, float] | None = None, waived: Sequence[Issue] = ()) -> tuple[float, bool, Verdict]:
        """Score (0-100, higher is better), flagged and verdict for one sentence, from its
        findings, reference ``metrics`` and ``measured`` features (coverage, word diff,
        consensus, exposure).

        An empty row whose finding was ``waived`` (a reviewer accepted the omitted sentence,
        the unit left untranslated) is scored as a row with no evidence against it: what was
        measured of its missing text (the reference gap, the uncovered source, its exposure)
        is the omission the reviewer accepted."""
        measured = measured or {}
        if waived and not hyp.strip():
            figures = {k: v for k, v in features(hyp, issues).items() if k != "empty"}
            measured = {}  # nor weighed by the length of the text it lacks
        else:
            figures = features(hyp, issues, {**(metrics or {}), **measured})
        setting = setting_for(figures)
        penalty = self.models[setting].penalty(figures)
        score = round(max(0.0, 100.0 - POINTS_PER_PENALTY * penalty), 2)
        critical = any(i.severity == "critical" for i in issues)
        exposure = measured.get("exposure", 1.0)
        flagged = (critical or any(i.severity == "major" for i in issues)
                   or self.line(setting).flags(weighted_score(score, exposure)))
        if critical or score < REJECT_BELOW:
            return score, True, "reject"
        return score, flagged, "review" if flagged else "ok"

    def thresholds(self) -> dict[str, float]:
        """Each setting's flag threshold in score units (two decimals): ``flag_below``, or
        the score of the model's calibrated penalty threshold."""
        return {setting: self.line(setting).value for setting in self.models}

    def line(self, setting: str) -> FlagLine:
        """The flag line of a quality-model setting: ``flag_below`` (flagged below it), or
        the calibrated threshold in score units (flagged at or below it)."""
        if self.flag_below is not None:
            return FlagLine(self.flag_below, inclusive=False)
        return FlagLine(round(100.0 - POINTS_PER_PENALTY * self.models[setting].flag_penalty, 2), inclusive=True)

