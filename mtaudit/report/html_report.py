"""``report.html``: one self-contained page a reviewer works through.

A small view model (plain strings and numbers, already formatted) is built first; the
template only lays it out. Batch text is escaped by Jinja's autoescape, or piece by piece
in ``highlight``; the only markup is the tags written here and in the template.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..model import SEVERITY_WEIGHTS, AuditResult, Issue, SegmentResult
from .table import METRIC_COLUMNS, format_issue

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("mtaudit.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)
METRIC_LABELS = {"chrf": "chrF", "bleu": "BLEU", "ter": "TER"}


@dataclass
class Figure:
    """One overview line: a label, its value and an optional note (a signature)."""

    label: str
    value: str
    note: str = ""


@dataclass
class CodeView:
    code: str
    name: str
    category: str
    severity: str
    count: int


@dataclass
class DocumentView:
    doc: str
    sentences: int
    flagged: str
    mean_score: str
    metrics: list[str]


@dataclass
class SentenceView:
    doc: str
    seg: str
    score: str
    metrics: str
    verdict: str
    flagged: bool
    hypothesis: Markup
    reference: str
    source: str
    issues: list[str]


@dataclass
class ReportView:
    """Everything the template shows."""

    batch: str
    byline: str
    figures: list[Figure]
    breaches: list[str]
    failures: list[str]
    codes: list[CodeView]
    categories: list[tuple[str, int]]
    metric_headers: list[str]
    documents: list[DocumentView]
    has_reference: bool
    has_source: bool
    sentences: list[SentenceView]


def highlight(text: str, issues: list[Issue]) -> Markup:
    """The escaped text with every issue span wrapped in ``<mark>``.

    Offsets are clipped to the text; empty spans are skipped. Where spans overlap, the text
    is cut at every span boundary and each piece is marked once, titled with all the issues
    covering it and coloured by the most severe.
    """
    spans = [(max(0, i.start), min(len(text), i.end), i) for i in issues]
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({0, len(text), *(b for s in spans for b in s[:2])})
    out: list[Markup] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [i for start, end, i in spans if start <= a and b <= end]
        if not covering:
            out.append(escape(text[a:b]))
            continue
        worst = max(covering, key=lambda i: SEVERITY_WEIGHTS.get(i.severity, 0))
        title = "\n".join(f"{i.code} {i.severity}: {i.message}" for i in covering)
        out.append(Markup('<mark class="{}" title="{}">{}</mark>').format(
            worst.severity, title, text[a:b]))
    return Markup("").join(out)


def view_model(result: AuditResult) -> ReportView:
    """The report's content, precomputed and formatted; absent summary keys show as blanks."""
    s = result.summary
    docs = s.get("documents", [])
    metric_names = [m for m in METRIC_COLUMNS if any(m in d.get("metrics", {}) for d in docs)]
    gate = s.get("gate", {})
    return ReportView(
        batch=str(s.get("batch", "")),
        byline=f"mtaudit {s.get('mtaudit_version', '')} · inputs: {', '.join(map(str, s.get('inputs', [])))}"
               f" · gate: {gate.get('status', 'not-configured')}",
        figures=_figures(s),
        breaches=[str(b.get("message", b)) for b in gate.get("breaches", [])],
        failures=[f"{f.get('doc', '')} {f.get('seg', '')} {f.get('checker', '')}: {f.get('error', '')}"
                  for f in s.get("engine_failures", [])],
        codes=[CodeView(code, str(e.get("name", "")), str(e.get("category", "")), str(e.get("severity", "")),
                        e.get("count", 0)) for code, e in s.get("issues_by_code", {}).items()],
        categories=list(s.get("issues_by_category", {}).items()),
        metric_headers=[METRIC_LABELS[m] for m in metric_names],
        documents=[_document(d, metric_names) for d in docs],
        has_reference=any(r.segment.ref is not None for r in result.results),
        has_source=any(r.segment.src is not None for r in result.results),
        sentences=[_sentence(r) for r in result.results],
    )


def render_html(result: AuditResult) -> str:
    """The whole page as one string."""
    return _ENV.get_template("report.html.j2").render(v=view_model(result))


def _num(value: Any, fmt: str = ".1f") -> str:
    """A number formatted, or ``""`` for a missing or non-finite one."""
    if not isinstance(value, numbers.Real) or not math.isfinite(value):
        return ""
    return format(value, fmt)


def _rate(count: Any, rate: Any) -> str:
    pct = _num(100 * rate if isinstance(rate, numbers.Real) else None)
    return f"{count} ({pct}%)" if pct else str(count)


def _figures(s: dict[str, Any]) -> list[Figure]:
    counts = s.get("counts", {})
    verdicts = counts.get("by_verdict", {})
    severity = counts.get("by_severity", {})
    score = s.get("score", {})
    figures = [
        Figure("Documents", str(counts.get("documents", 0))),
        Figure("Sentences", str(counts.get("sentences", 0))),
        Figure("Flagged", _rate(counts.get("flagged", 0), s.get("flagged_rate"))),
        Figure("Verdicts", " · ".join(f"{v} {verdicts.get(v, 0)}" for v in ("ok", "review", "reject"))),
        Figure("Issues (critical / major / minor)",
               " / ".join(str(severity.get(v, 0)) for v in ("critical", "major", "minor"))),
    ]
    if score:
        figures.append(Figure("Score mean / median / min / max",
                              " / ".join(_num(score.get(k)) for k in ("mean", "median", "min", "max"))))
    for name, m in s.get("metrics", {}).items():
        value = _num(m.get("score"), ".2f")
        if _num(m.get("ci_low")):
            value += f" (95% CI {_num(m['ci_low'], '.2f')}–{_num(m.get('ci_high'), '.2f')})"
        if m.get("sentences") is not None:
            value += f" on {m['sentences']} sentences"
        figures.append(Figure(f"{METRIC_LABELS.get(name, name)} (corpus)", value, str(m.get("signature", ""))))
    return figures


def _document(d: dict[str, Any], metric_names: list[str]) -> DocumentView:
    metrics = d.get("metrics", {})
    return DocumentView(str(d.get("doc", "")), d.get("sentences", 0), _rate(d.get("flagged", 0), d.get("flagged_rate")),
                        _num(d.get("mean_score")), [_num(metrics.get(m)) for m in metric_names])


def _sentence(r: SegmentResult) -> SentenceView:
    seg = r.segment
    metrics = " · ".join(f"{METRIC_LABELS[m]} {_num(r.metrics[m])}" for m in METRIC_COLUMNS if m in r.metrics)
    return SentenceView(seg.doc, str(seg.seg), _num(r.score, ".0f"), metrics, r.verdict, r.flagged,
                        highlight(seg.hyp, r.issues), seg.ref or "", seg.src or "",
                        [format_issue(i) for i in r.issues])


class HtmlReporter:
    """``report.html``."""

    name = "html"
    filename = "report.html"

    def render(self, result: AuditResult) -> str:
        return render_html(result)
