"""The per-sentence table: the columns of ``sentences.csv`` (and ``AuditResult.sentences``)."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import AuditResult, Issue, SegmentResult

COLUMNS = ["doc", "seg", "hypothesis", "reference", "source", "score", "flagged", "verdict",
           "issue_codes", "issues", "chrf", "bleu", "ter"]
METRIC_COLUMNS = ("chrf", "bleu", "ter")


def sentence_table(result: AuditResult) -> pd.DataFrame:
    """One row per result in input order; the DESIGN.md columns, then carried-through ones."""
    rows = [_row(r, result.extra_columns) for r in result.results]
    return pd.DataFrame(rows, columns=COLUMNS + [c for c in result.extra_columns if c not in COLUMNS])


def format_issue(issue: Issue) -> str:
    """``CODE severity start-end: message → suggestion`` (the suggestion only when there is one)."""
    text = f"{issue.code} {issue.severity} {issue.start}-{issue.end}: {issue.message}"
    return f"{text} → {issue.suggestion}" if issue.suggestion else text


def _row(r: SegmentResult, extra: list[str]) -> dict[str, Any]:
    seg = r.segment
    row: dict[str, Any] = {
        "doc": seg.doc, "seg": seg.seg, "hypothesis": seg.hyp,
        "reference": seg.ref or "", "source": seg.src or "",
        "score": round(r.score, 2), "flagged": "true" if r.flagged else "false", "verdict": r.verdict,
        "issue_codes": " ".join(dict.fromkeys(i.code for i in r.issues)),
        "issues": "; ".join(format_issue(i) for i in r.issues),
    }
    for name in METRIC_COLUMNS:
        row[name] = round(r.metrics[name], 2) if name in r.metrics else None
    for col in extra:
        row.setdefault(col, seg.meta.get(col, ""))
    return row
