"""From a sentence's findings and figures to its score, ``flagged`` decision and verdict.

- score: the calibrated quality model's estimate of the MQM penalty (see ``quality.py``),
  as ``max(0, 100 - 4 × penalty)``; a sentence with no evidence against it sits near the
  annotated average (about 97), an empty one at 0;
- flagged: a critical finding; in a single-system audit a major one too (each check's
  severity says whether it flags whatever the score); or a score at or below the model's
  flag line — the score of the estimated penalty above which the annotated segments the
  model estimates worst hold 15 % of the words (``calibrate.py``). With the user's
  ``flag_below`` the line is that score instead, and a sentence is flagged below it. The
  score shown is the number the flag is drawn from (``FlagLine``). Measured on TED and
  news MQM held out (benchmarks/judgment.py, issue 16): flagging by the estimate alone
  finds 1.7-2.1 times the penalty per word read; weighing it by the unit's length (its
  *exposure*, as mtaudit did until issue 16) read long units first and found 1.1-1.4.
  Major findings flagging on their own cost lift (about 0.1 in a single-system audit,
  0.2 comparing systems, at 2-5 % more words read); comparing systems they only weigh in
  the score, where the other systems' agreement ranks better; in a single-system audit
  they keep flagging, as their severity has always said (a located error a reviewer
  expects to see);
- dense minor findings flag too, in every setting (``dense_minors``): at least
  ``DENSE_MINORS`` minor findings and one for every ``DENSE_WORDS`` words of the
  translation or more. The models weigh minor findings little or not at all (without a
  reference they take opposite signs on TED and news, and are left out), so without this a
  target-only audit (no source, no reference: only major findings move its score) would
  pass a line of 4,100 "(" or a tokenised string. Measured on the cached CLI audits of TED
  and news MQM (benchmarks/README.md): MT output rarely has 3 minor findings in a segment
  (TED 1 of 7,406, news 9 of 1,890); at 1 in 4 words the rule adds no segment to the flags
  of any single-system or compare audit of either set (lift unchanged), and target-only it
  adds one news segment (MQM 8.1 against an average 4.5); at 1 in 10 words or looser it adds
  segments flagged at a lower lift than the rest (news compare 2.063 -> 2.062);
- verdict: ``reject`` for a critical finding or a score under 50, else ``review`` if
  flagged, else ``ok``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from ..catalog import NOTICE_CODES, Verdict
from ..config import AuditConfig
from ..model import Issue
from .quality import QualityModel, features, load_models, setting_for

POINTS_PER_PENALTY = 4.0
REJECT_BELOW = 50.0


# Quality-model settings in which a major finding flags whatever the score (see above).
MAJOR_FLAGS = frozenset({"reference", "reference_ter", "reference_free"})
DENSE_MINORS = 3  # minor findings that flag a sentence when dense (see above) ...
DENSE_WORDS = 4  # ... at one for every DENSE_WORDS words of the translation or more


def dense_minors(hyp: str, issues: Iterable[Issue]) -> int:
    """How many minor findings the sentence has when they are dense enough to flag it (at
    least ``DENSE_MINORS``, one for every ``DENSE_WORDS`` whitespace words or more), else 0."""
    count = sum(i.severity == "minor" and i.code not in NOTICE_CODES for i in issues)
    return count if count >= DENSE_MINORS and count * DENSE_WORDS >= len(hyp.split()) else 0


@dataclass(frozen=True)
class FlagLine:
    """The score a sentence is flagged at: the calibrated line flags at or below ``value``
    (``inclusive``: an estimated penalty at or above the model's threshold), the user's
    ``flag_below`` below it."""

    value: float
    inclusive: bool

    def flags(self, score: float) -> bool:
        """Whether a score (two decimals, as shown) is on the flagged side."""
        return score <= self.value if self.inclusive else score < self.value

    def __str__(self) -> str:
        return f"{'≤' if self.inclusive else '<'} {self.value:.2f}"


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
        findings, reference ``metrics`` and ``measured`` features (coverage, length, word
        diff, consensus).

        An empty row whose finding was ``waived`` (a reviewer accepted the omitted sentence,
        the unit left untranslated) is scored as a row with no evidence against it: what was
        measured of its missing text (the reference gap, the uncovered source, its length
        against the batch) is the omission the reviewer accepted."""
        measured = measured or {}
        if waived and not hyp.strip():
            figures = {k: v for k, v in features(hyp, issues).items() if k != "empty"}
        else:
            figures = features(hyp, issues, {**(metrics or {}), **measured})
        setting = setting_for(figures)
        penalty = self.models[setting].penalty(figures)
        score = round(max(0.0, 100.0 - POINTS_PER_PENALTY * penalty), 2)
        critical = any(i.severity == "critical" for i in issues)
        flagged = critical or self.line(setting).flags(score) or bool(dense_minors(hyp, issues)) or (
            setting in MAJOR_FLAGS and any(i.severity == "major" for i in issues))
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

