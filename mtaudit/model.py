"""Core types shared by every stage: Segment in, Issue from checks, SegmentResult out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas

    from .measure.worddiff import WordDiff

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


@dataclass
class SegmentResult:
    """Everything mtaudit concluded about one segment; ``diff`` compares its words with
    the reference's (None without a reference)."""

    segment: Segment
    issues: list[Issue]
    metrics: dict[str, float]
    score: float
    flagged: bool
    verdict: Literal["ok", "review", "reject"]
    diff: WordDiff | None = None
    ref_stats: dict[str, Any] | None = None  # sacrebleu statistics of its bead, on the bead's first sentence


@dataclass
class AuditResult:
    """A finished audit: per-segment results, the summary, and carried-through columns."""

    results: list[SegmentResult]
    summary: dict[str, Any]
    extra_columns: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> pandas.DataFrame:  # pandas is imported lazily
        """The per-sentence table (the columns of ``sentences.csv``) as a DataFrame."""
        from .report.table import sentence_table
        return sentence_table(self)
