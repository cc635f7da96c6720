"""The sentence rows of ``report.html`` as JSON, and embedding that JSON safely in the page.

Rows are compact arrays (the script reads them by position, see ``ROW_FIELDS``) so that a
batch of 10,000 sentences stays a few megabytes. Each row carries its score as shown (the
number its flag is drawn from) and the reason for its verdict
(``score.explain``); each document the language of its source (``lang`` of its cells). Offsets (issue spans, word-diff spans) count
code points, as Python does; the script slices ``Array.from(text)`` accordingly. Every finding carries the stable id of
``model.finding_id``, which is what an exported waiver names.
"""
from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from markupsafe import Markup

from ..catalog import METRICS
from ..checks.language import language_of
from ..model import SegmentResult, finding_id
from ..results import Summary
from ..score.explain import explain, line_text, lines_of

ROW_FIELDS = ("doc", "seg", "score", "verdict", "flagged", "hypothesis", "reference", "source", "metrics",
              "issues", "diff", "shown", "reason", "line", "diffOff")
ISSUE_FIELDS = ("code", "category", "severity", "start", "end", "message", "suggestion", "id")
DIFF_MOST = 0.5  # a word diff marking more than this share of a side's words is off until asked for
# Characters that could end the <script> element or open an HTML comment inside it
# (``</script>``, ``<!--``), plus the two line separators older parsers choke on.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                         "\u2028": "\\u2028", "\u2029": "\\u2029"})


def page_data(summary: Summary, rows: list[SegmentResult]) -> dict[str, Any]:
    """What the script needs: the batch name, the key its triage is kept under, documents
    with their source language, the flag lines in use (setting: [score, inclusive, in
    words]), and one array per sentence."""
    docs = list(dict.fromkeys(r.segment.doc for r in rows))
    index = {d: n for n, d in enumerate(docs)}
    sources: dict[str, list[str | None]] = {}
    for r in rows:
        sources.setdefault(r.segment.doc, []).append(r.segment.src)
    lines = lines_of(summary)
    out = [_row(r, index[r.segment.doc], lines) for r in rows]
    used = dict.fromkeys(row[ROW_FIELDS.index("line")] for row in out)
    inputs = "\n".join(map(str, summary.inputs))
    return {"batch": summary.batch,
            "store": f"mtaudit-triage:{summary.batch}:{hashlib.sha1(inputs.encode()).hexdigest()[:10]}",
            "docs": docs, "langs": [language_of(sources[d]) for d in docs],
            "lines": {setting: [lines[setting].value, lines[setting].inclusive, line_text(setting, lines[setting])]
                      for setting in used},
            "fields": ROW_FIELDS, "issueFields": ISSUE_FIELDS, "rows": out}


def script_json(data: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` are
    written as ``\\u`` escapes, so no batch text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_UNSAFE))


def _finite(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def _row(r: SegmentResult, doc: int, lines: dict[str, Any]) -> list[Any]:
    seg = r.segment
    metrics = "\n".join(f"{m.label} {r.metrics[m.name]:.1f}" for m in METRICS
                         if isinstance(r.metrics.get(m.name), float) and math.isfinite(r.metrics[m.name]))
    issues = [[i.code, i.category, i.severity, i.start, i.end, i.message, i.suggestion,
               finding_id(seg.doc, seg.hyp, i)] for i in r.issues]
    why = explain(seg.hyp, r.issues, {**r.metrics, **r.features}, r.score, r.verdict, lines)
    return [doc, seg.seg, _finite(r.score), r.verdict, int(r.flagged), seg.hyp, seg.ref, seg.src, metrics,
            issues, _diff(r), why.shown, why.reason, why.setting, int(_diff_marks_most(r))]


def _diff_marks_most(r: SegmentResult) -> bool:
    """Whether the word diff marks most of the sentence's or the reference's words: then it
    buries the issue highlights and says little more than the metrics do."""
    diff = r.diff
    if diff is None:
        return False
    return max(len(diff.extra) / max(1, diff.hyp_words), len(diff.missing) / max(1, diff.ref_words)) > DIFF_MOST


def _diff(r: SegmentResult) -> list[list[list[int]]] | None:
    """[reference words the sentence lacks, sentence words the reference lacks] as [start, end]
    spans, from the row's word diff (rows built without one, as in older results, have none)."""
    diff = r.diff
    if diff is None:
        return None
    return [[[a, b] for a, b, _ in diff.missing], [[a, b] for a, b, _ in diff.extra]]
