"""The batch summary (``summary.json``) accumulated as documents stream: counts, scores,
corpus metrics, issues, documents, findings (see ``results.Summary`` for its shape)."""
from __future__ import annotations

import statistics
from array import array
from collections import Counter
from typing import Any, Sequence

from ..version import __version__
from ..catalog import VERDICTS
from ..checks import REGISTRY
from ..config import AuditConfig
from ..model import SEVERITIES, Issue, SegmentResult, finding_id
from ..results import (Counts, CorpusScore, DocumentSummary, EngineFailure, Finding, Summary, Tallies,
                       Worst)
from ..score.scorer import Scorer
from .spill import Spill


def build_summary(batch: str, inputs: list[str], results: list[SegmentResult], config: AuditConfig,
                  *, corpus: dict[str, CorpusScore], doc_metrics: dict[str, dict[str, float]],
                  failures: list[EngineFailure], input_sentences: int) -> Summary:
    """The summary of finished results (``SummaryBuilder`` fed every document at once)."""
    builder = SummaryBuilder(batch, inputs, config)
    docs: dict[str, list[SegmentResult]] = {}
    for r in results:
        docs.setdefault(r.segment.doc, []).append(r)
    for name, rows in docs.items():
        builder.add_document(rows, doc_metrics.get(name, {}))
    builder.failures.extend(failures)
    return builder.finish(corpus, input_sentences)


class SummaryBuilder:
    """Accumulates the summary document by document: counts and tallies; the scores as
    one array of floats (for their median); one entry per document and one per finding,
    in lists, or with ``spill`` in ``Spill`` files on disk, so that memory does not grow
    with the batch. The gate is the caller's (``gate.evaluate``), once the summary is finished."""

    def __init__(self, batch: str, inputs: list[str], config: AuditConfig, spill: bool = False) -> None:
        self.batch, self.inputs, self.config = batch, inputs, config
        self.scores = array("d")
        self.counts = Counts()
        self.categories: Counter[str] = Counter()
        self.codes: dict[str, dict[str, Any]] = {}
        self.tallies = Tallies()
        self.documents: list[DocumentSummary] | Spill[DocumentSummary] = (
            Spill(DocumentSummary.from_dict) if spill else [])
        self.findings: list[Finding] | Spill[Finding] = Spill(Finding.from_dict) if spill else []
        self.failures: list[EngineFailure] = []

    def add_document(self, rows: list[SegmentResult], metrics: dict[str, float]) -> None:
        """One document's results (in order) and its corpus metric scores."""
        if not rows:
            return
        document = _document(rows, metrics)
        self.counts += Counts(1, len(rows), document.flagged, document.tallies.issues(), document.by_verdict,
                              {s: document.tallies.severity.get(s, [0, 0])[0] for s in SEVERITIES})
        for r in rows:
            self.scores.append(r.score)
            for i in r.issues:
                self.categories[i.category] += 1
                entry = self.codes.setdefault(i.code, _code_entry(i))
                entry["count"] += 1
                self.findings.append(Finding(finding_id(r.segment.doc, r.segment.hyp, i), r.segment.doc,
                                             r.segment.seg, i.code))
            self.tallies.add((i.code, i.category, i.severity) for i in r.issues)
        self.documents.append(document)

    def finish(self, corpus: dict[str, CorpusScore], input_sentences: int) -> Summary:
        """The summary, in a stable, versioned shape (``flag_below``: the effective flag
        threshold of each quality-model setting, in score units; see ``Scorer.thresholds``)."""
        return Summary(
            batch=self.batch, inputs=self.inputs, counts=self.counts,
            flag_below=Scorer.from_config(self.config).thresholds(), score=_score_stats(self.scores),
            metrics=corpus,
            issues_by_code=dict(sorted(self.codes.items(), key=lambda kv: (-kv[1]["count"], kv[0]))),
            issues_by_category=dict(self.categories.most_common()), tallies=self.tallies,
            documents=self.documents, findings=self.findings, engine_failures=self.failures,
            config=self.config.as_dict(), input_sentences=input_sentences, mtaudit_version=__version__)


def _score_stats(scores: Sequence[float]) -> dict[str, float]:
    if not scores:
        return {}
    return {"mean": round(statistics.fmean(scores), 4), "median": round(statistics.median(scores), 4),
            "min": min(scores), "max": max(scores)}


def _code_entry(issue: Issue) -> dict[str, Any]:
    name = REGISTRY[issue.code].name if issue.code in REGISTRY else (issue.kind or issue.code)
    return {"count": 0, "name": name, "category": issue.category, "severity": issue.severity,
            "engine": issue.engine}


def _document(rows: list[SegmentResult], metrics: dict[str, float]) -> DocumentSummary:
    tallies = Tallies()
    for r in rows:
        tallies.add((i.code, i.category, i.severity) for i in r.issues)
    worst = sorted(rows, key=lambda r: (r.score, r.segment.seg))[:3]
    return DocumentSummary(
        rows[0].segment.doc, len(rows), sum(r.flagged for r in rows),
        round(statistics.fmean(r.score for r in rows), 4),
        {v: sum(r.verdict == v for r in rows) for v in VERDICTS}, metrics, tallies,
        [Worst(r.segment.seg, r.score, r.segment.hyp, sorted({i.code for i in r.issues})) for r in worst if r.issues])
