"""The batch summary (``summary.json``): counts, scores, corpus metrics, issues, documents."""
from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from . import __version__
from .checks import REGISTRY
from .config import AuditConfig
from .model import SEVERITIES, SegmentResult

FORMAT_VERSION = 1


def build_summary(batch: str, inputs: list[str], results: list[SegmentResult], config: AuditConfig,
                  *, corpus: dict[str, Any], failures: list[dict[str, str]],
                  input_sentences: int) -> dict[str, Any]:
    """Everything a machine needs about the batch, in a stable, versioned shape."""
    issues = [i for r in results for i in r.issues]
    flagged = sum(r.flagged for r in results)
    return {
        "format_version": FORMAT_VERSION,
        "mtaudit_version": __version__,
        "batch": batch,
        "inputs": inputs,
        "counts": {
            "documents": len({r.segment.doc for r in results}),
            "sentences": len(results),
            "rows": len(results),
            "flagged": flagged,
            "issues": len(issues),
            "by_verdict": {v: sum(r.verdict == v for r in results) for v in ("ok", "review", "reject")},
            "by_severity": {s: sum(i.severity == s for i in issues) for s in SEVERITIES},
        },
        "flagged_rate": round(flagged / len(results), 6) if results else 0.0,
        "score": _score_stats([r.score for r in results]),
        "metrics": corpus,
        "issues_by_code": _by_code(results),
        "issues_by_category": dict(Counter(i.category for i in issues).most_common()),
        "documents": _documents(results),
        "engine_failures": failures,
        "config": config.as_dict(),
        "gate": {"status": "not-configured", "breaches": []},
        "invariant": {"input_sentences": input_sentences, "rows": len(results),
                      "ok": input_sentences == len(results)},
    }


def _score_stats(scores: list[float]) -> dict[str, float]:
    if not scores:
        return {}
    return {"mean": round(statistics.fmean(scores), 4), "median": round(statistics.median(scores), 4),
            "min": min(scores), "max": max(scores)}


def _by_code(results: list[SegmentResult]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for issue in (i for r in results for i in r.issues):
        entry = out.setdefault(issue.code, {
            "count": 0, "name": REGISTRY[issue.code].name if issue.code in REGISTRY else (issue.kind or issue.code),
            "category": issue.category, "severity": issue.severity, "engine": issue.engine})
        entry["count"] += 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["count"], kv[0])))


def _documents(results: list[SegmentResult]) -> list[dict[str, Any]]:
    docs: dict[str, list[SegmentResult]] = {}
    for r in results:
        docs.setdefault(r.segment.doc, []).append(r)
    table = []
    for name, rows in docs.items():
        flagged = sum(r.flagged for r in rows)
        metric_rows = [r.metrics for r in rows if r.metrics]
        table.append({
            "doc": name, "sentences": len(rows), "flagged": flagged,
            "flagged_rate": round(flagged / len(rows), 6),
            "mean_score": round(statistics.fmean(r.score for r in rows), 4),
            "metrics": {k: round(statistics.fmean(m[k] for m in metric_rows), 4)
                        for k in (metric_rows[0] if metric_rows else {})},
        })
    return table
