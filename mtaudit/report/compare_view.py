"""The compare report's view model: what the page (``compare_html``) and the workbook
(``compare_xlsx``) show, built once from a ``compare.Comparison``.

Only ``build`` reads the comparison (its ``sentences`` table with a ``system`` column, each
row's rescored ``results``, the flag ``line``, its ``corpus`` and ``tests`` tables and its
``report`` dict); the renderers read the plain dataclasses below, so the comparison's own
shape can change behind this one function.

Per sentence it marks each translation's *score* (the multi-system score its flag is drawn
from), the *best* translation and *outliers*. With three systems
or more the best is compare's ``best``, the highest agreement with the others; two systems'
agreement is one chrF each way and says nothing about which is better, so there the best is
the higher score (none on a tie). An outlier is a translation whose score is at least
``OUTLIER_GAP`` below the sentence's median, or (three systems or more) whose agreement with the
others is at least ``OUTLIER_GAP`` chrF below the median. A sentence's *disagreement* is 100
minus its translations' mean agreement (mean pairwise chrF): the systems disagree most where
it is highest.

A sentence a system's input lacks (compare joins the systems' sentences by document and row,
keeping every sentence any system has) is a *missing* translation of that system: verdict
``missing``, no text and no figures, never best or an outlier; the best and outliers are those
of the translations present.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..catalog import PAIRED_METRICS
from ..model import Issue, SegmentResult
from ..score.explain import explain, line_text
from ..score.scorer import FlagLine

OUTLIER_GAP = 10.0


@dataclass
class SystemFigures:
    """One system's corpus figures, formatted."""

    name: str
    baseline: bool
    sentences: int
    flagged_rate: str
    mean_score: str
    consensus: str
    best: int
    metrics: dict[str, str]


@dataclass
class TestRow:
    """One system against the baseline on one metric."""

    system: str
    metric: str
    baseline: str
    score: str
    delta: str
    interval: str
    bootstrap_p: str
    ar_p: str
    significant: bool


@dataclass
class Translation:
    """One system's translation of a sentence, and what the audit found in it."""

    system: str
    hypothesis: str
    score: float | None
    shown: str
    verdict: str
    flagged: bool
    reason: str
    best: bool
    outlier: bool
    consensus: float | None
    chrf: float | None
    issues: list[Issue] = field(default_factory=list)
    missing: bool = False


@dataclass
class SentenceView:
    doc: str
    seg: str
    source: str | None
    reference: str | None
    disagreement: float | None
    translations: list[Translation]


@dataclass
class CompareView:
    """Everything the compare page and workbook show."""

    baseline: str
    systems: list[SystemFigures]
    tests: list[TestRow]
    signatures: dict[str, str]
    matched: int
    shared: int
    unmatched: dict[str, int]
    p_value: float
    line: str
    metric_names: list[str]
    sentences: list[SentenceView]


def build(comparison: Any) -> CompareView:
    """The view of a ``compare.Comparison`` (its rows' ``results`` flagged under its ``line``)."""
    report = comparison.report
    line: FlagLine = comparison.line
    table = comparison.sentences
    names = list(dict.fromkeys(table["system"].astype(str)))
    records = table.to_dict(orient="records")
    results: list[SegmentResult | None] = comparison.results
    n = len(records) // max(1, len(names))
    sentences = [_sentence([(records[s * n + k], results[s * n + k]) for s in range(len(names))], line)
                 for k in range(n)]
    metric_names = [m for m in PAIRED_METRICS if m in comparison.corpus and comparison.corpus[m].notna().any()]
    best = {name: sum(s.translations[k].best for s in sentences) for k, name in enumerate(names)}
    return CompareView(
        baseline=str(report.get("baseline", names[0] if names else "")),
        systems=[_system(rec, names, metric_names, best) for rec in comparison.corpus.to_dict(orient="records")],
        tests=[_test(t) for t in comparison.tests.to_dict(orient="records")],
        signatures={str(k): str(v) for k, v in report.get("signatures", {}).items()},
        matched=int(report.get("matched_sentences", n)), shared=int(report.get("shared_reference_sentences", 0)),
        unmatched={str(k): int(v) for k, v in report.get("unmatched", {}).items() if v},
        p_value=float(report.get("p_value", 0.05)), line=line_text("multi_system", line),
        metric_names=metric_names, sentences=sentences)


def _sentence(rows: list[tuple[dict[str, Any], SegmentResult | None]], line: FlagLine) -> SentenceView:
    first = next(r for _, r in rows if r is not None).segment
    translations = [_translation(rec, r, line) if r is not None else _missing(rec) for rec, r in rows]
    present = [t for t in translations if not t.missing]
    scores = [t.score for t in present if t.score is not None]
    agreement = [t.consensus for t in present if t.consensus is not None]
    mid_score = statistics.median(scores) if scores else None
    mid_agreement = statistics.median(agreement) if agreement else None
    if len(present) == 2:  # as for two systems: the higher score
        a, b = present
        for t in present:
            t.best = a.score != b.score and t.score == max(a.score or 0, b.score or 0)
    elif len(present) < 2:
        for t in present:
            t.best = False
    for t in present:
        low_score = mid_score is not None and t.score is not None and t.score <= mid_score - OUTLIER_GAP
        low_agreement = (len(present) >= 3 and mid_agreement is not None and t.consensus is not None
                         and t.consensus <= mid_agreement - OUTLIER_GAP)
        t.outlier = bool(low_score or low_agreement)
    return SentenceView(str(rows[0][0].get("doc", "")), str(rows[0][0].get("seg", "")), first.src, first.ref,
                        round(100 - statistics.fmean(agreement), 2) if agreement else None, translations)


def _translation(rec: dict[str, Any], r: SegmentResult, line: FlagLine) -> Translation:
    """One system's translation of a sentence: ``rec`` its row of the comparison's table (for
    the best mark), ``r`` its result as the comparison scored it."""
    why = explain(r.segment.hyp, r.issues, r.features, r.score, r.verdict, {"multi_system": line}, "multi_system")
    return Translation(
        system=str(rec.get("system", "")), hypothesis=r.segment.hyp, score=_number(r.score),
        shown=why.shown, verdict=r.verdict, flagged=r.flagged, reason=why.reason,
        best=str(rec.get("best", "")).lower() == "true", outlier=False,
        consensus=_number(r.features.get("consensus_chrf")), chrf=_number(r.metrics.get("chrf")), issues=list(r.issues))


def _missing(rec: dict[str, Any]) -> Translation:
    """The place of a translation the system's input lacks."""
    system = str(rec.get("system", ""))
    return Translation(system=system, hypothesis="", score=None, shown="—", verdict="missing",
                       flagged=False, reason=f"not in {system}'s input", best=False, outlier=False, consensus=None,
                       chrf=None, missing=True)


def _system(rec: dict[str, Any], names: list[str], metric_names: list[str], best: dict[str, int]) -> SystemFigures:
    rate = _number(rec.get("flagged_rate"))
    return SystemFigures(str(rec.get("system", "")), str(rec.get("system", "")) == (names[0] if names else ""),
                         int(rec.get("sentences", 0)), f"{100 * rate:.1f}%" if rate is not None else "",
                         _fmt(rec.get("mean_score")), _fmt(rec.get("consensus_chrf")), best.get(str(rec.get("system")), 0),
                         {m: _fmt(rec.get(m), ".2f") for m in metric_names})


def _test(t: dict[str, Any]) -> TestRow:
    mean, ci = _number(t.get("bootstrap_mean")), _number(t.get("bootstrap_ci"))
    interval = f"{mean:.2f} ± {ci:.2f}" if mean is not None and ci is not None else ""
    return TestRow(str(t.get("system", "")), str(t.get("metric", "")), _fmt(t.get("baseline"), ".2f"),
                   _fmt(t.get("score"), ".2f"), _fmt(t.get("delta"), "+.2f"), interval,
                   _fmt(t.get("bootstrap_p"), ".4f"), _fmt(t.get("ar_p"), ".4f"), bool(t.get("significant")))


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: Any, spec: str = ".1f") -> str:
    number = _number(value)
    return "" if number is None else format(number, spec)
