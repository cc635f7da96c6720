"""The one place every metric and verdict is named.

Configuration (``--metrics``), gate figures (``chrf >= 50``), the CSV's metric columns and the
reports' labels all derive from ``METRICS``; the verdict names from ``VERDICTS``. A metric is
built by sacreBLEU as its own command line builds it (sentence BLEU with effective order,
chrF++ as chrF with word bigrams); sacreBLEU is imported when a metric is first built.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Literal

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric as SacreMetric


@dataclass(frozen=True)
class Metric:
    """A reference metric: its name (config, gate, CSV column), its label in reports, its
    direction, whether it is computed by default, whether ``compare`` tests systems on it
    (chrF++ ranks like chrF and is not tested twice), and how sacreBLEU builds it for corpus
    and sentence scores."""

    name: str
    label: str
    higher_is_better: bool
    default: bool
    paired: bool
    corpus: Callable[[], SacreMetric]
    sentence: Callable[[], SacreMetric]

    @property
    def description(self) -> str:
        better = "" if self.higher_is_better else ", lower is better"
        return f"corpus {self.label}{better} (needs a reference)"


def _sacrebleu(kind: str, **options: Any) -> Callable[[], SacreMetric]:
    def build() -> SacreMetric:
        from sacrebleu import metrics
        return getattr(metrics, kind)(**options)
    return build


# chrF++ and TER are opt-in: TER's shift search costs more per sentence than everything else in
# the audit together, and chrF++ doubles chrF's cost for a figure that ranks like chrF.
METRICS: tuple[Metric, ...] = (
    Metric("chrf", "chrF", True, True, True, _sacrebleu("CHRF"), _sacrebleu("CHRF")),
    Metric("chrfpp", "chrF++", True, False, False, _sacrebleu("CHRF", word_order=2), _sacrebleu("CHRF", word_order=2)),
    Metric("bleu", "BLEU", True, True, True, _sacrebleu("BLEU"), _sacrebleu("BLEU", effective_order=True)),
    Metric("ter", "TER", False, False, True, _sacrebleu("TER"), _sacrebleu("TER")),
)
METRIC: dict[str, Metric] = {m.name: m for m in METRICS}
METRIC_NAMES: tuple[str, ...] = tuple(METRIC)
DEFAULT_METRICS: tuple[str, ...] = tuple(m.name for m in METRICS if m.default)
PAIRED_METRICS: tuple[str, ...] = tuple(m.name for m in METRICS if m.paired)
# sentences.csv's metric columns: the three of the documented column order, then chrF++,
# which came later.
CSV_METRICS: tuple[str, ...] = ("chrf", "bleu", "ter", "chrfpp")

Verdict = Literal["ok", "review", "reject"]
VERDICTS: dict[str, str] = {
    "ok": "nothing flags it",
    "review": "flagged: a major finding, or an estimated penalty in the worst tenth",
    "reject": "a critical finding, or a score under 50",
}
VERDICT_ICONS: dict[str, str] = {"ok": "✓", "review": "⚑", "reject": "✗"}
# Codes of notices, not findings: a checker failed on the sentence, or was not given it.
NOTICE_CODES: tuple[str, ...] = ("engine-error", "engine-skip")
