"""Core types shared by every stage: Segment in, Issue from checks, SegmentResult out."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from .catalog import Verdict

Severity = Literal["minor", "major", "critical"]
SEVERITY_WEIGHTS: dict[str, int] = {"minor": 1, "major": 5, "critical": 25}
SEVERITIES: tuple[str, ...] = ("minor", "major", "critical")


@dataclass(frozen=True)
class Segment:
    """One report row: a hypothesis sentence with its aligned reference and source.

    ``hyp`` is empty for a reference sentence the hypothesis omits (alignment 0-1).
    ``meta`` holds carried-through table columns and alignment details.
    """

    doc: str
    seg: int
    hyp: str
    ref: str | None = None
    src: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text_key(self) -> bytes:
        """A digest of the row's texts (hypothesis, reference, source): what a grammar
        engine's result depends on, the key its results are cached and shared by."""
        digest = hashlib.blake2b(digest_size=16)
        for text in (self.hyp, self.ref, self.src):
            digest.update(b"\xff" if text is None else text.encode("utf-8", "surrogatepass") + b"\x00")
        return digest.digest()


@dataclass(frozen=True)
class Issue:
    """One finding on a hypothesis sentence, from an mtaudit check or a grammar engine.

    ``code`` is ``MT1xx``-style for mtaudit checks and ``<engine>:<RuleId>`` for engines
    (``harper:RepeatedWords``, ``lt:EN_A_VS_AN``); ``kind`` keeps the engine's own
    category of the rule. ``start``/``end`` are character offsets into the hypothesis.
    """

    code: str
    category: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str | None = None
    engine: str = "mtaudit"
    kind: str | None = None

    @property
    def weight(self) -> int:
        """MQM weight of the severity (minor 1, major 5, critical 25)."""
        return SEVERITY_WEIGHTS[self.severity]


def finding_id(doc: str, hyp: str, issue: Issue) -> str:
    """A stable id of a finding: check code, document, sentence text and span text.

    It survives re-numbering and re-ordering of sentences, so a baseline run can tell new
    findings from old ones and a waiver names the finding it suppresses.
    """
    key = "\x1f".join((issue.code, doc, " ".join(hyp.split()), hyp[issue.start:issue.end]))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


Span = tuple[int, int, str]


@dataclass(frozen=True)
class WordDiff:
    """``missing``: reference words absent from the hypothesis, as (start, end, word) spans
    of the reference; ``extra``: hypothesis words absent from the reference, spans of the
    hypothesis. Words are compared case-insensitively. ``ref_words`` and ``hyp_words``
    count the words compared (see ``measure.worddiff``)."""

    missing: list[Span] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)
    ref_words: int = 0
    hyp_words: int = 0

    def shares(self) -> dict[str, float]:
        """``diff_missing``: the share of reference words missing; ``diff_extra``: the share
        of hypothesis words the reference lacks (an edit rate without TER's cost)."""
        return {"diff_missing": len(self.missing) / max(1, self.ref_words),
                "diff_extra": len(self.extra) / max(1, self.hyp_words)}

    def as_dict(self) -> dict[str, list[list[int | str]]]:
        """JSON-ready: ``{"missing": [[start, end, word], ...], "extra": [...]}``."""
        return {"missing": [list(s) for s in self.missing], "extra": [list(s) for s in self.extra]}


@dataclass
class SegmentResult:
    """Everything mtaudit concluded about one segment: its findings, its reference
    ``metrics`` (sacreBLEU, with a reference), the other ``features`` measured of it
    (source coverage, length, the batch's coverage, word-diff shares, consensus), its score, flag and verdict.
    ``diff`` compares its words with the reference's (None without a reference);
    ``ref_stats`` holds sacreBLEU's statistics of its alignment bead, on the bead's first
    sentence; ``waived`` the findings a waiver suppressed."""

    segment: Segment
    issues: list[Issue]
    metrics: dict[str, float]
    score: float
    flagged: bool
    verdict: Verdict
    features: dict[str, float] = field(default_factory=dict)
    diff: WordDiff | None = None
    ref_stats: dict[str, Any] | None = None
    waived: list[Issue] = field(default_factory=list)
