"""Why a sentence got its verdict, in the number a reviewer sees.

The flag is drawn from the score, so that is the number the report shows beside a sentence,
with the line it is compared with and, for a flagged sentence, the reason: the critical (and,
outside compare, major) findings that flag it whatever its score, dense minor findings
(``scorer.dense_minors``: "dense: 12 minor findings in 30 words"), a score under 50
(reject), or the score on the flagged side of the line. One decimal is shown, two where one would
round across the line (88.55 shown as 88.6 beside a ``review`` badge would mislead).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from ..config import AuditConfig
from ..model import Issue
from ..results import Summary
from .quality import features, setting_for
from .scorer import MAJOR_FLAGS, REJECT_BELOW, FlagLine, Scorer, dense_minors


SETTING_LABELS = {"reference": "with a reference", "reference_ter": "with a reference and TER",
                  "reference_free": "without a reference", "multi_system": "comparing systems"}


@dataclass(frozen=True)
class Explanation:
    """A sentence's score (and as shown), its line, and the reason for its verdict (empty
    for ``ok``); ``decisive``: the codes of the findings that flag it whatever its score
    (critical; major outside compare)."""

    score: float
    shown: str
    line: FlagLine
    setting: str
    reason: str
    decisive: tuple[str, ...]


def lines_of(summary: Summary) -> dict[str, FlagLine]:
    """The flag line of each quality-model setting the audit ran under (the summary's
    ``flag_below``; calibrated lines flag at or below, a configured ``flag_below`` below);
    a summary without them gets the shipped model's lines."""
    lines = _default_lines()
    inclusive = summary.config.get("flag_below") is None
    lines.update({s: FlagLine(float(v), inclusive) for s, v in summary.flag_below.items()})
    return lines


def explain(hyp: str, issues: Iterable[Issue], measured: Mapping[str, float], score: float, verdict: str,
            lines: Mapping[str, FlagLine], setting: str | None = None) -> Explanation:
    """The explanation of one scored sentence from its ``measured`` figures (its metrics and
    features; ``setting``: the quality-model setting, by default the one its figures
    select, as the scorer does)."""
    found = list(issues)
    setting = setting or setting_for(features(hyp, found, measured))
    line = lines[setting]
    critical = _codes(found, "critical")
    major = _codes(found, "major") if setting in MAJOR_FLAGS else []
    reasons = []
    if critical:
        reasons.append(f"critical: {', '.join(critical)}")
    if major:
        reasons.append(f"major: {', '.join(major)}")
    if dense := dense_minors(hyp, found):
        words = len(hyp.split())
        reasons.append(f"dense: {dense} minor findings in {words} word{'s' if words != 1 else ''}")
    if verdict == "reject" and score < REJECT_BELOW:
        reasons.append(f"quality {score:.1f} < {REJECT_BELOW:.0f}")
    shown = shown_score(score, line)
    if verdict != "ok" and line.flags(score):
        reasons.append(f"{shown} {line}")
    return Explanation(score, shown, line, setting, "; ".join(reasons) if verdict != "ok" else "",
                       tuple(dict.fromkeys(critical + major)))


def line_text(setting: str, line: FlagLine) -> str:
    """The line in words: ``with a reference: flagged at 88.55 or below``."""
    rule = f"flagged at {line.value:.2f} or below" if line.inclusive else f"flagged below {line.value:.2f}"
    return f"{SETTING_LABELS.get(setting, setting)}: {rule}"


def shown_score(score: float, line: FlagLine) -> str:
    """One decimal, or two where one decimal would put the score on the other side of the line."""
    one = f"{score:.1f}"
    return one if line.flags(float(one)) == line.flags(score) else f"{score:.2f}"


def _codes(issues: list[Issue], severity: str) -> list[str]:
    return list(dict.fromkeys(i.code for i in issues if i.severity == severity))


def _default_lines() -> dict[str, FlagLine]:
    scorer = Scorer.from_config(AuditConfig())
    return {s: scorer.line(s) for s in scorer.models}
