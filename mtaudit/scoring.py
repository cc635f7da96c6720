"""From issues to a per-sentence score, a ``flagged`` decision and a verdict.

v0.1 rule, simple and documented until it is calibrated on MQM data:
- MQM penalty = sum of issue weights (minor 1, major 5, critical 25);
- score = max(0, 100 - 4 * penalty): one critical -> 0, one major -> 80, one minor -> 96;
- flagged = any major or critical issue;
- verdict = ``reject`` if a critical issue or score < 50, else ``review`` if flagged, else ``ok``.
"""
from __future__ import annotations

from typing import Literal

from .model import Issue

POINTS_PER_PENALTY = 4.0
REJECT_BELOW = 50.0

Verdict = Literal["ok", "review", "reject"]


def score_issues(issues: list[Issue]) -> tuple[float, bool, Verdict]:
    """Score (0-100, higher is better), flagged and verdict for one sentence's issues."""
    penalty = sum(i.weight for i in issues)
    score = max(0.0, 100.0 - POINTS_PER_PENALTY * penalty)
    critical = any(i.severity == "critical" for i in issues)
    flagged = critical or any(i.severity == "major" for i in issues)
    if critical or score < REJECT_BELOW:
        return score, True, "reject"
    return score, flagged, "review" if flagged else "ok"
