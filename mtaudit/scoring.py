"""From a sentence's findings and figures to its score, ``flagged`` decision and verdict.

- score: the calibrated quality model's estimate of the MQM penalty (see ``quality.py``),
  as ``max(0, 100 - 4 × penalty)``; a sentence with no evidence against it sits near the
  annotated average (about 97), an empty one at 0;
- flagged: a critical or major finding — each check's severity is the decision that it
  always flags (untranslated text, a changed number, an uncovered source, a fragment…) —
  or an estimated penalty at or above the model's flag threshold (the worst 5% of the
  annotated data it was fitted on);
- verdict: ``reject`` for a critical finding or a score under 50, else ``review`` if
  flagged, else ``ok``.
"""
from __future__ import annotations

from typing import Literal, Mapping

from .model import Issue
from .quality import QualityModel, features, load_models, setting_for

POINTS_PER_PENALTY = 4.0
REJECT_BELOW = 50.0

Verdict = Literal["ok", "review", "reject"]


def score_segment(hyp: str, issues: list[Issue], metrics: Mapping[str, float] | None = None,
                  models: Mapping[str, QualityModel] | None = None) -> tuple[float, bool, Verdict]:
    """Score (0-100, higher is better), flagged and verdict for one sentence; ``models``
    default to the ones shipped with mtaudit."""
    figures = features(hyp, issues, metrics)
    model = (models or load_models())[setting_for(figures)]
    penalty = model.penalty(figures)
    score = round(max(0.0, 100.0 - POINTS_PER_PENALTY * penalty), 2)
    critical = any(i.severity == "critical" for i in issues)
    flagged = critical or any(i.severity == "major" for i in issues) or penalty >= model.flag_penalty
    if critical or score < REJECT_BELOW:
        return score, True, "reject"
    return score, flagged, "review" if flagged else "ok"
