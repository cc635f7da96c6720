"""The sentence rows of ``report.html`` as JSON, and embedding that JSON safely in the page.

Rows are compact arrays (the script reads them by position, see ``ROW_FIELDS``) so that a
batch of 10,000 sentences stays a few megabytes. Offsets (issue spans, word-diff spans) count
code points, as Python does; the script slices ``Array.from(text)`` accordingly. Every finding carries the stable id of
``model.finding_id``, which is what an exported waiver names.
"""
from __future__ import annotations

import json
import math
from typing import Any

from markupsafe import Markup

from ..catalog import METRICS
from ..model import SegmentResult, finding_id
from ..results import Summary

ROW_FIELDS = ("doc", "seg", "score", "verdict", "flagged", "hypothesis", "reference", "source", "metrics",
              "issues", "diff")
ISSUE_FIELDS = ("code", "category", "severity", "start", "end", "message", "suggestion", "id")
# Characters that could end the <script> element or open an HTML comment inside it
# (``</script>``, ``<!--``), plus the two line separators older parsers choke on.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                         "\u2028": "\\u2028", "\u2029": "\\u2029"})


def page_data(summary: Summary, rows: list[SegmentResult]) -> dict[str, Any]:
    """What the script needs: the batch name, documents, and one array per sentence."""
    docs = list(dict.fromkeys(r.segment.doc for r in rows))
    index = {d: n for n, d in enumerate(docs)}
    return {"batch": summary.batch, "docs": docs,
            "fields": ROW_FIELDS, "issueFields": ISSUE_FIELDS,
            "rows": [_row(r, index[r.segment.doc]) for r in rows]}


def script_json(data: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` are
    written as ``\\u`` escapes, so no batch text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_UNSAFE))


def _finite(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def _row(r: SegmentResult, doc: int) -> list[Any]:
    seg = r.segment
    metrics = "\n".join(f"{m.label} {r.metrics[m.name]:.1f}" for m in METRICS
                         if isinstance(r.metrics.get(m.name), float) and math.isfinite(r.metrics[m.name]))
    issues = [[i.code, i.category, i.severity, i.start, i.end, i.message, i.suggestion,
               finding_id(seg.doc, seg.hyp, i)] for i in r.issues]
    return [doc, seg.seg, _finite(r.score), r.verdict, int(r.flagged), seg.hyp, seg.ref, seg.src, metrics,
            issues, _diff(r)]


def _diff(r: SegmentResult) -> list[list[list[int]]] | None:
    """[reference words the sentence lacks, sentence words the reference lacks] as [start, end]
    spans, from the row's word diff (rows built without one, as in older results, have none)."""
    diff = getattr(r, "diff", None)
    if diff is None:
        return None
    return [[[a, b] for a, b, _ in diff.missing], [[a, b] for a, b, _ in diff.extra]]
