"""The batch summary (``summary.json``) accumulated as documents stream: counts, scores,
corpus metrics, issues, documents, findings (see ``results.Summary`` for its shape)."""
from __future__ import annotations

import statistics
from array import array
from collections import Counter
from typing import Any, Sequence

import numpy as np

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
        self._open: DocumentTally | None = None

    def add_document(self, rows: list[SegmentResult], metrics: dict[str, float]) -> None:
        """One document's results (in order) and its corpus metric scores."""
        self.add_rows(rows)
        self.end_document(metrics)

    def add_rows(self, rows: list[SegmentResult]) -> None:
        """A document's next results, in order (a long document comes in pieces)."""
        if not rows:
            return
        if self._open is None:
            self._open = DocumentTally(rows[0].segment.doc)
        self._open.add(rows)
        for r in rows:
            self.scores.append(r.score)
            for i in r.issues:
                self.categories[i.category] += 1
                entry = self.codes.setdefault(i.code, _code_entry(i))
                entry["count"] += 1
                self.findings.append(Finding(finding_id(r.segment.doc, r.segment.hyp, i), r.segment.doc,
                                             r.segment.seg, i.code))
            self.tallies.add((i.code, i.category, i.severity) for i in r.issues)

    def end_document(self, metrics: dict[str, float]) -> None:
        """The document whose rows were added is complete: its corpus metric scores."""
        if self._open is None:
            return
        document, self._open = self._open.summary(metrics), None
        self.counts += Counts(1, document.sentences, document.flagged, document.tallies.issues(), document.by_verdict,
                              {s: document.tallies.severity.get(s, [0, 0])[0] for s in SEVERITIES})
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
    # numpy's median sorts a copy of 8 bytes a score; statistics.median a list of Python floats
    # (32 bytes a score: 32 MB at a million rows). Both take the middle one or the mean of two.
    median = float(np.median(np.frombuffer(scores) if isinstance(scores, array) else np.asarray(scores, float)))
    return {"mean": round(statistics.fmean(scores), 4), "median": round(median, 4),
            "min": min(scores), "max": max(scores)}


def _code_entry(issue: Issue) -> dict[str, Any]:
    name = REGISTRY[issue.code].name if issue.code in REGISTRY else (issue.kind or issue.code)
    return {"count": 0, "name": name, "category": issue.category, "severity": issue.severity,
            "engine": issue.engine}


class DocumentTally:
    """One document's figures as its rows stream in: counts, its scores (for their exact
    mean) and the three worst rows so far, so a long document is never held whole."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.scores = array("d")
        self.flagged = 0
        self.verdicts: Counter[str] = Counter()
        self.tallies = Tallies()
        self.worst: list[SegmentResult] = []

    def add(self, rows: list[SegmentResult]) -> None:
        for r in rows:
            self.scores.append(r.score)
            self.flagged += r.flagged
            self.verdicts[r.verdict] += 1
            self.tallies.add((i.code, i.category, i.severity) for i in r.issues)
        # a stable sort of the kept rows (earlier) and the new ones: the first 3 of the whole document's
        self.worst = sorted(self.worst + rows, key=lambda r: (r.score, r.segment.seg))[:3]

    def summary(self, metrics: dict[str, float]) -> DocumentSummary:
        return DocumentSummary(
            self.doc, len(self.scores), self.flagged, round(statistics.fmean(self.scores), 4),
            {v: self.verdicts[v] for v in VERDICTS}, metrics, self.tallies,
            [Worst(r.segment.seg, r.score, r.segment.hyp, sorted({i.code for i in r.issues}))
             for r in self.worst if r.issues])

