"""The batch summary (``summary.json``): counts, scores, corpus metrics, issues, documents."""
from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from typing import Any, Iterable

from . import __version__
from .checks import REGISTRY
from .config import AuditConfig
from .model import SEVERITIES, Issue, SegmentResult

FORMAT_VERSION = 1
VERDICTS = ("ok", "review", "reject")


def build_summary(batch: str, inputs: list[str], results: list[SegmentResult], config: AuditConfig,
                  *, corpus: dict[str, Any], doc_metrics: dict[str, dict[str, float]],
                  failures: list[dict[str, str]], input_sentences: int) -> dict[str, Any]:
    """Everything a machine needs about the batch, in a stable, versioned shape.

    The gate entry is filled in by the caller (``gate.gate_result``) once requirements are known.
    """
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
            "by_verdict": _verdicts(results),
            "by_severity": {s: sum(i.severity == s for i in issues) for s in SEVERITIES},
        },
        "flagged_rate": round(flagged / len(results), 6) if results else 0.0,
        "score": _score_stats([r.score for r in results]),
        "metrics": corpus,
        "issues_by_code": _by_code(issues),
        "issues_by_category": dict(Counter(i.category for i in issues).most_common()),
        "tallies": _tallies(results),
        "documents": _documents(results, doc_metrics),
        "findings": findings(results),
        "engine_failures": failures,
        "config": config.as_dict(),
        "gate": {"status": "not-configured", "requirements": [], "breaches": []},
        "invariant": {"input_sentences": input_sentences, "rows": len(results),
                      "ok": input_sentences == len(results)},
    }


def finding_id(doc: str, hyp: str, issue: Issue) -> str:
    """A stable id of a finding: check code, document, sentence text and span text.

    It survives re-numbering and re-ordering of sentences, so a baseline run can tell
    new findings from old ones.
    """
    key = "\x1f".join((issue.code, doc, " ".join(hyp.split()), hyp[issue.start:issue.end]))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def findings(results: Iterable[SegmentResult]) -> list[dict[str, Any]]:
    """Every finding's stable id with its document, row and code (for the baseline ratchet)."""
    return [{"id": finding_id(r.segment.doc, r.segment.hyp, i), "doc": r.segment.doc,
             "seg": r.segment.seg, "code": i.code} for r in results for i in r.issues]


def _verdicts(results: list[SegmentResult]) -> dict[str, int]:
    return {v: sum(r.verdict == v for r in results) for v in VERDICTS}


def _score_stats(scores: list[float]) -> dict[str, float]:
    if not scores:
        return {}
    return {"mean": round(statistics.fmean(scores), 4), "median": round(statistics.median(scores), 4),
            "min": min(scores), "max": max(scores)}


def _by_code(issues: list[Issue]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for issue in issues:
        entry = out.setdefault(issue.code, {
            "count": 0, "name": REGISTRY[issue.code].name if issue.code in REGISTRY else (issue.kind or issue.code),
            "category": issue.category, "severity": issue.severity, "engine": issue.engine})
        entry["count"] += 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["count"], kv[0])))


def _tallies(results: list[SegmentResult]) -> dict[str, dict[str, list[int]]]:
    """For codes, categories and severities: [issue count, sentences with at least one]."""
    out: dict[str, dict[str, list[int]]] = {"code": {}, "category": {}, "severity": {}}
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


def _documents(results: list[SegmentResult], doc_metrics: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    docs: dict[str, list[SegmentResult]] = {}
    for r in results:
        docs.setdefault(r.segment.doc, []).append(r)
    table = []
    for name, rows in docs.items():
        flagged = sum(r.flagged for r in rows)
        worst = sorted(rows, key=lambda r: (r.score, r.segment.seg))[:3]
        table.append({
            "doc": name, "sentences": len(rows), "flagged": flagged,
            "flagged_rate": round(flagged / len(rows), 6),
            "mean_score": round(statistics.fmean(r.score for r in rows), 4),
            "by_verdict": _verdicts(rows),
            "metrics": doc_metrics.get(name, {}),
            "tallies": _tallies(rows),
            "worst": [{"seg": r.segment.seg, "score": r.score, "hypothesis": r.segment.hyp,
                       "issue_codes": sorted({i.code for i in r.issues})}
                      for r in worst if r.issues],
        })
    return table
