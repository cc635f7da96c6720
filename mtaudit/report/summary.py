"""The batch summary (``summary.json``): counts, scores, corpus metrics, issues, documents."""
from __future__ import annotations

import hashlib
import statistics
from array import array
from collections import Counter
from typing import Any, Sequence

from .. import __version__
from ..checks import REGISTRY
from ..config import AuditConfig
from ..model import SEVERITIES, Issue, SegmentResult
from ..score.scorer import Scorer
from .spill import Spill

FORMAT_VERSION = 1
VERDICTS = ("ok", "review", "reject")


def build_summary(batch: str, inputs: list[str], results: list[SegmentResult], config: AuditConfig,
                  *, corpus: dict[str, Any], doc_metrics: dict[str, dict[str, float]],
                  failures: list[dict[str, str]], input_sentences: int) -> dict[str, Any]:
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
    with the batch.

    The gate entry is filled in by the caller (``gate.gate_result``) once requirements are known.
    """

    def __init__(self, batch: str, inputs: list[str], config: AuditConfig, spill: bool = False) -> None:
        self.batch, self.inputs, self.config = batch, inputs, config
        self.scores = array("d")
        self.flagged = 0
        self.verdicts: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()
        self.codes: dict[str, dict[str, Any]] = {}
        self.tallies: dict[str, dict[str, list[int]]] = {"code": {}, "category": {}, "severity": {}}
        self.documents: list[dict[str, Any]] | Spill = Spill() if spill else []
        self.findings: list[dict[str, Any]] | Spill = Spill() if spill else []
        self.failures: list[dict[str, str]] = []

    def add_document(self, rows: list[SegmentResult], metrics: dict[str, float]) -> None:
        """One document's results (in order) and its corpus metric scores."""
        if not rows:
            return
        for r in rows:
            self.scores.append(r.score)
            self.flagged += r.flagged
            self.verdicts[r.verdict] += 1
            for i in r.issues:
                self.severities[i.severity] += 1
                self.categories[i.category] += 1
                entry = self.codes.setdefault(i.code, _code_entry(i))
                entry["count"] += 1
                self.findings.append({"id": finding_id(r.segment.doc, r.segment.hyp, i), "doc": r.segment.doc,
                                      "seg": r.segment.seg, "code": i.code})
        _tally(self.tallies, rows)
        self.documents.append(_document(rows, metrics))

    def finish(self, corpus: dict[str, Any], input_sentences: int) -> dict[str, Any]:
        """Everything a machine needs about the batch, in a stable, versioned shape
        (``flag_below``: the effective flag threshold of each quality-model setting, in
        score units; see ``scoring.Scorer.thresholds``)."""
        n = len(self.scores)
        issues = sum(self.severities.values())
        return {
            "format_version": FORMAT_VERSION,
            "mtaudit_version": __version__,
            "batch": self.batch,
            "inputs": self.inputs,
            "counts": {
                "documents": len(self.documents),
                "sentences": n,
                "rows": n,
                "flagged": self.flagged,
                "issues": issues,
                "by_verdict": {v: self.verdicts[v] for v in VERDICTS},
                "by_severity": {s: self.severities[s] for s in SEVERITIES},
            },
            "flagged_rate": round(self.flagged / n, 6) if n else 0.0,
            "flag_below": Scorer.from_config(self.config).thresholds(),
            "score": _score_stats(self.scores),
            "metrics": corpus,
            "issues_by_code": dict(sorted(self.codes.items(), key=lambda kv: (-kv[1]["count"], kv[0]))),
            "issues_by_category": dict(self.categories.most_common()),
            "tallies": self.tallies,
            "documents": self.documents,
            "findings": self.findings,
            "engine_failures": self.failures,
            "config": self.config.as_dict(),
            "gate": {"status": "not-configured", "requirements": [], "breaches": []},
            "invariant": {"input_sentences": input_sentences, "rows": n, "ok": input_sentences == n},
        }


def finding_id(doc: str, hyp: str, issue: Issue) -> str:
    """A stable id of a finding: check code, document, sentence text and span text.

    It survives re-numbering and re-ordering of sentences, so a baseline run can tell
    new findings from old ones.
    """
    key = "\x1f".join((issue.code, doc, " ".join(hyp.split()), hyp[issue.start:issue.end]))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _verdicts(results: list[SegmentResult]) -> dict[str, int]:
    return {v: sum(r.verdict == v for r in results) for v in VERDICTS}


def _score_stats(scores: Sequence[float]) -> dict[str, float]:
    if not scores:
        return {}
    return {"mean": round(statistics.fmean(scores), 4), "median": round(statistics.median(scores), 4),
            "min": min(scores), "max": max(scores)}


def _code_entry(issue: Issue) -> dict[str, Any]:
    name = REGISTRY[issue.code].name if issue.code in REGISTRY else (issue.kind or issue.code)
    return {"count": 0, "name": name, "category": issue.category, "severity": issue.severity,
            "engine": issue.engine}


def _tally(out: dict[str, dict[str, list[int]]], results: list[SegmentResult]) -> dict[str, dict[str, list[int]]]:
    """For codes, categories and severities: [issue count, sentences with at least one]."""
    for r in results:
        seen: set[tuple[str, str]] = set()
        for i in r.issues:
            for group, name in (("code", i.code), ("category", i.category), ("severity", i.severity)):
                entry = out[group].setdefault(name, [0, 0])
                entry[0] += 1
                if (group, name) not in seen:
                    entry[1] += 1
                    seen.add((group, name))
    return out


def _document(rows: list[SegmentResult], metrics: dict[str, float]) -> dict[str, Any]:
    flagged = sum(r.flagged for r in rows)
    worst = sorted(rows, key=lambda r: (r.score, r.segment.seg))[:3]
    return {
        "doc": rows[0].segment.doc, "sentences": len(rows), "flagged": flagged,
        "flagged_rate": round(flagged / len(rows), 6),
        "mean_score": round(statistics.fmean(r.score for r in rows), 4),
        "by_verdict": {v: sum(r.verdict == v for r in rows) for v in VERDICTS},
        "metrics": metrics,
        "tallies": _tally({"code": {}, "category": {}, "severity": {}}, rows),
        "worst": [{"seg": r.segment.seg, "score": r.score, "hypothesis": r.segment.hyp,
                   "issue_codes": sorted({i.code for i in r.issues})}
                  for r in worst if r.issues],
    }
