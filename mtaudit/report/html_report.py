"""``report.html``: one self-contained page a reviewer works through.

A small view model is built first; the template only lays it out. Batch text is escaped
piece by piece; the only markup is the tags written here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..model import AuditResult, Issue, SegmentResult
from .table import format_issue

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("mtaudit.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)


@dataclass
class SentenceView:
    doc: str
    seg: int
    score: float
    verdict: str
    flagged: bool
    hypothesis: Markup
    reference: str
    source: str
    issues: list[str]
    metrics: dict[str, float]


def highlight(text: str, issues: list[Issue]) -> Markup:
    """The text with each issue span wrapped in ``<mark>``; overlapping spans are clipped
    to the part not already marked, and spans outside the text are ignored."""
    out: list[str] = []
    pos = 0
    for issue in sorted(issues, key=lambda i: (i.start, -i.end)):
        start, end = max(issue.start, pos), min(issue.end, len(text))
        if end <= start:
            continue
        out.append(escape(text[pos:start]))
        title = escape(f"{issue.code} {issue.severity}: {issue.message}")
        out.append(Markup('<mark class="{}" title="{}">{}</mark>').format(
            issue.severity, title, escape(text[start:end])))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _sentence(r: SegmentResult) -> SentenceView:
    seg = r.segment
    return SentenceView(seg.doc, seg.seg, r.score, r.verdict, r.flagged, highlight(seg.hyp, r.issues),
                        seg.ref or "", seg.src or "", [format_issue(i) for i in r.issues], r.metrics)


def view_model(result: AuditResult) -> dict[str, Any]:
    """Everything the template shows, precomputed."""
    s = result.summary
    return {"s": s, "batch": s.get("batch", ""), "sentences": [_sentence(r) for r in result.results],
            "has_reference": any(r.segment.ref is not None for r in result.results),
            "has_source": any(r.segment.src is not None for r in result.results)}


def render_html(result: AuditResult) -> str:
    return _ENV.get_template("report.html.j2").render(**view_model(result))


class HtmlReporter:
    """``report.html``."""

    name = "html"
    filename = "report.html"

    def render(self, result: AuditResult) -> str:
        return render_html(result)
