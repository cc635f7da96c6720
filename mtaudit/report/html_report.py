"""``report.html``: one self-contained page a reviewer works through.

A small view model (plain strings and numbers, already formatted) is built first; the
template only lays it out. The overview is rendered here; the sentence table is drawn in the
browser by ``templates/report.js`` from the rows embedded as JSON (``html_data``), a page at a
time, so a batch of 10,000 sentences opens quickly. Batch text is escaped by Jinja's
autoescape, piece by piece in ``highlight``, or set as DOM text by the script; the page's
Content-Security-Policy allows no script or style but the page's own (by their sha256 hashes)
and no network access.
"""
from __future__ import annotations

import base64
import hashlib
import heapq
import math
import numbers
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Iterable, Sequence, TextIO

import jinja2
from markupsafe import Markup, escape

from ..catalog import METRICS, VERDICT_ICONS
from ..model import SEVERITY_WEIGHTS, Issue, SegmentResult
from ..results import DocumentSummary, Summary
from ..score.explain import explain, lines_of
from ..score.scorer import REJECT_BELOW
from .html_data import page_data, script_json
from .result import AuditResult
from .sink import Reporter, Sink

ENV = jinja2.Environment(loader=jinja2.PackageLoader("mtaudit.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)
_TEMPLATES = files("mtaudit.report") / "templates"
# Score bands [lo, hi): the calibrated score sits near the annotated average (~97) for a
# sentence with no evidence against it, so the bands are finest at the top; 88 is near the
# calibrated flag lines (88.16-88.80).
HISTOGRAM_BINS = [(0, 50), (50, 80), (80, 88), (88, 90), (90, 93), (93, 95), (95, 96), (96, 97), (97, 98), (98, 99),
                  (99, 100)]
HTML_ROWS = 10_000  # sentences a page holds (about 3 MB): a larger batch shows its flagged, then lowest-scoring
HTML_DOCUMENTS = 1_000  # rows of the document table, likewise


@dataclass
class Figure:
    """One overview line: a label, its value, an optional note (a signature) and a key the
    browser test reads it by."""

    label: str
    value: str
    note: str = ""
    key: str = ""


@dataclass
class CodeView:
    code: str
    name: str
    category: str
    severity: str
    count: int


@dataclass
class Bar:
    """One histogram bar, in SVG user units."""

    label: str
    count: int
    x: int
    y: float
    height: float
    low: bool


@dataclass
class WorstView:
    seg: str
    score: str
    verdict: str
    hypothesis: Markup


@dataclass
class DocumentView:
    doc: str
    sentences: int
    flagged: str
    mean_score: str
    metrics: list[str]
    worst: list[WorstView]


@dataclass
class ReportView:
    """Everything the template shows."""

    batch: str
    byline: str
    gate: str
    figures: list[Figure]
    breaches: list[str]
    failures: list[str]
    waived: str
    histogram: list[Bar]
    codes: list[CodeView]
    categories: list[tuple[str, int]]
    metric_headers: list[str]
    documents: list[DocumentView]
    shown: str  # which sentences and documents the page holds, when not all


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


def view_model(summary: Summary, rows: list[SegmentResult], counts: list[int] | None = None) -> ReportView:
    """The report's content, precomputed and formatted. ``rows`` are the sentences the page
    holds; ``counts`` the histogram counts of every sentence (default: of ``rows``)."""
    s = summary
    docs = _shown_documents(s.documents)
    metric_names = [m.name for m in METRICS if any(m.name in d.metrics for d in docs)]
    lines = lines_of(s)
    by_row = {(r.segment.doc, r.segment.seg): r for r in rows}
    sentences = s.counts.sentences
    shown = []
    if len(rows) < sentences:
        shown.append(f"The sentence table holds {len(rows):,} of {sentences:,} sentences, flagged first, "
                     "then the lowest scores")
    if len(docs) < len(s.documents):
        shown.append(f"the document table the {len(docs):,} lowest-scoring of {len(s.documents):,} documents")
    return ReportView(
        batch=s.batch,
        byline=f"mtaudit {s.mtaudit_version} · inputs: {', '.join(map(str, s.inputs))}",
        gate=s.gate.status,
        figures=_figures(s),
        breaches=[b.message for b in s.gate.breaches],
        failures=[f"{f.doc} {f.seg} {f.checker}: {f.error}" for f in s.engine_failures],
        waived=_waived(s.waivers),
        histogram=bars(counts if counts is not None else bin_counts(r.score for r in rows),
                       below=min((line.value for line in lines.values()), default=REJECT_BELOW)),
        codes=[CodeView(code, str(e.get("name", "")), str(e.get("category", "")), str(e.get("severity", "")),
                        e.get("count", 0)) for code, e in s.issues_by_code.items()],
        categories=list(s.issues_by_category.items()),
        metric_headers=[_label(m) for m in metric_names],
        documents=[_document(d, metric_names, by_row, lines) for d in docs],
        shown="; ".join(shown) + ("; sentences.csv and summary.json hold them all." if shown else ""),
    )


def _label(metric: str) -> str:
    return next((m.label for m in METRICS if m.name == metric), metric)


def render_html(result: AuditResult) -> str:
    """The whole page as one string."""
    return HtmlReporter().render(result)


def _page(summary: Summary, rows: list[SegmentResult], counts: list[int]) -> str:
    script = asset("common.js", "triage.js", "report.js")
    style = asset("report.css")
    data = page_data(summary, rows)
    return ENV.get_template("report.html.j2").render(
        v=view_model(summary, rows, counts), script=script, style=style, csp_script=csp_hash(script),
        csp_style=csp_hash(style), icons=VERDICT_ICONS, lines=list(dict.fromkeys(text for _, _, text in data["lines"].values())),
        data=script_json(data))


def asset(*names: str) -> Markup:
    """Template files joined into one inline script or style (its CSP hash covers them all)."""
    return Markup("\n".join((_TEMPLATES / n).read_text(encoding="utf-8") for n in names))


def csp_hash(text: str) -> Markup:
    """The CSP source that allows exactly this inline script or style element's content
    (base64 and quotes only, so it goes into the attribute as it is)."""
    return Markup("'sha256-{}'").format(base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii"))


def histogram(scores: Iterable[float], below: float = REJECT_BELOW) -> list[Bar]:
    """Bars for the score distribution in ``HISTOGRAM_BINS`` (the last one includes 100)."""
    return bars(bin_counts(scores), below=below)


def bin_counts(scores: Iterable[float], counts: list[int] | None = None) -> list[int]:
    """Sentences per ``HISTOGRAM_BINS`` band, added to ``counts`` if given."""
    counts = counts if counts is not None else [0] * len(HISTOGRAM_BINS)
    for s in scores:
        for k, (lo, hi) in enumerate(HISTOGRAM_BINS):
            if lo <= s < hi or (hi == 100 and s == 100):
                counts[k] += 1
                break
    return counts


def bars(counts: list[int], width: int = 33, height: int = 100, below: float = REJECT_BELOW) -> list[Bar]:
    """The histogram's bars, in SVG user units; ``low``: a band wholly below ``below`` (the
    lowest flag line)."""
    top = max(counts, default=0) or 1
    return [Bar(f"{lo}–{hi}", n, k * (width + 4), height - height * n / top,
                height * n / top, hi <= below) for k, ((lo, hi), n) in enumerate(zip(HISTOGRAM_BINS, counts))]


def _num(value: Any, fmt: str = ".1f") -> str:
    """A number formatted, or ``""`` for a missing or non-finite one."""
    if not isinstance(value, numbers.Real) or not math.isfinite(value):
        return ""
    return format(value, fmt)


def _rate(count: Any, rate: Any) -> str:
    pct = _num(100 * rate if isinstance(rate, numbers.Real) else None)
    return f"{count} ({pct}%)" if pct else str(count)


def _waived(entry: dict[str, Any] | None) -> str:
    if not entry:
        return ""
    decisions = ", ".join(f"{n} {d.replace('-', ' ')}" for d, n in entry.get("by_decision", {}).items())
    return (f"{entry.get('waived', 0)} finding(s) suppressed by {entry.get('waivers', 0)} waiver(s)"
            f"{f' ({decisions})' if decisions else ''} from {entry.get('file', '')}")


def _figures(s: Summary) -> list[Figure]:
    counts = s.counts
    figures = [
        Figure("Documents", str(counts.documents), key="documents"),
        Figure("Sentences", str(counts.sentences), key="sentences"),
        Figure("Flagged", _rate(counts.flagged, s.flagged_rate), key="flagged"),
        Figure("Verdicts", " · ".join(f"{VERDICT_ICONS[v]} {v} {counts.by_verdict.get(v, 0)}" for v in VERDICT_ICONS),
               key="verdicts"),
        Figure("Issues (critical / major / minor)",
               " / ".join(str(counts.by_severity.get(v, 0)) for v in ("critical", "major", "minor")), key="severities"),
    ]
    if s.score:
        figures.append(Figure("Quality score mean / median / min / max",
                              " / ".join(_num(s.score.get(k)) for k in ("mean", "median", "min", "max")), key="score"))
    for name, m in s.metrics.items():
        value = _num(m.score, ".2f")
        if _num(m.ci_low):
            value += f" (95% CI {_num(m.ci_low, '.2f')}–{_num(m.ci_high, '.2f')})"
        value += f" on {m.sentences} sentences"
        figures.append(Figure(f"{_label(name)} (corpus)", value, m.signature, key=f"metric-{name}"))
    return figures


def _document(d: DocumentSummary, metric_names: list[str],
              by_row: dict[tuple[str, Any], SegmentResult], lines: Any) -> DocumentView:
    """A document's figures and its worst sentences (the summary's), lowest score first."""
    worst = [by_row[(d.doc, w.seg)] for w in d.worst if (d.doc, w.seg) in by_row]
    explained = sorted(((explain(r.segment.hyp, r.issues, {**r.metrics, **r.features}, r.score, r.verdict, lines), r)
                        for r in worst), key=lambda pair: pair[0].score)
    return DocumentView(d.doc, d.sentences, _rate(d.flagged, d.flagged_rate), _num(d.mean_score),
                        [_num(d.metrics.get(m)) for m in metric_names],
                        [WorstView(str(r.segment.seg), why.shown, r.verdict,
                                   highlight(r.segment.hyp, r.issues) if r.segment.hyp
                                   else Markup('<em class="side">(omitted from the translation)</em>'))
                         for why, r in explained])


def _shown_documents(docs: Sequence[DocumentSummary]) -> list[DocumentSummary]:
    """All documents, or the ``HTML_DOCUMENTS`` lowest-scoring of a larger batch, in input order."""
    if len(docs) <= HTML_DOCUMENTS:
        return list(docs)
    lowest = heapq.nsmallest(HTML_DOCUMENTS, ((d.mean_score, k) for k, d in enumerate(docs)))
    keep = {k for _, k in lowest}
    return [d for k, d in enumerate(docs) if k in keep]


class HtmlReporter(Reporter):
    """``report.html``: every sentence, or for a batch larger than ``HTML_ROWS`` the
    lowest-scoring ``HTML_ROWS`` (the page must open in a browser; the CSV holds them all)."""

    name = "html"
    filename = "report.html"

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        return _HtmlSink(out)


class _HtmlSink:
    """Keeps ``HTML_ROWS`` rows, flagged first, then the lowest scores (ties: the
    earlier), and the histogram of scores."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.kept: list[tuple[bool, float, int, SegmentResult]] = []  # heap: (flagged, -score, -row number, row)
        self.rows = 0
        self.counts = [0] * len(HISTOGRAM_BINS)

    def add(self, results: list[SegmentResult]) -> None:
        bin_counts((r.score for r in results), self.counts)
        for r in results:
            item = (r.flagged, -r.score, -self.rows, r)
            self.rows += 1
            if len(self.kept) < HTML_ROWS:
                heapq.heappush(self.kept, item)
            elif item[:3] > self.kept[0][:3]:
                heapq.heapreplace(self.kept, item)

    def close(self, summary: Summary) -> None:
        rows = [item[3] for item in sorted(self.kept, key=lambda item: -item[2])]
        self.out.write(_page(summary, rows, self.counts))
