"""``compare.xlsx``: the comparison as a workbook, from the same view model as the compare page
(``compare_view``): sheet ``sentences`` (one row per system and sentence, header frozen,
filters, flagged rows shaded, findings a line each), ``systems`` and ``significance``. Cells are
strings or numbers, never formulas (``xlsx_report.Sheet``)."""
from __future__ import annotations

import io
from typing import Any

from .table import format_issue
from .compare_view import CompareView, build
from .xlsx_report import Sheet, open_book

SENTENCE_COLUMNS = [("system", 14), ("doc", 14), ("seg", 6), ("verdict", 9), ("reason", 24), ("score", 8),
                    ("best", 6), ("outlier", 8), ("agreement", 10), ("disagreement", 12), ("chrf", 8),
                    ("hypothesis", 60), ("reference", 45), ("source", 45), ("findings", 60)]


def render_compare_xlsx(comparison: Any) -> bytes:
    """The workbook of a ``compare.Comparison`` (or a ``CompareView`` already built)."""
    view = comparison if isinstance(comparison, CompareView) else build(comparison)
    out = io.BytesIO()
    book = open_book(out)
    formats: dict[Any, Any] = {}
    sheet = Sheet(book, "sentences", SENTENCE_COLUMNS, formats)
    for s in view.sentences:
        for t in s.translations:
            sheet.write([t.system, s.doc, int(s.seg) if s.seg.isdigit() else s.seg, t.verdict, t.reason, t.score, t.best, t.outlier,
                         t.consensus, s.disagreement, t.chrf, t.hypothesis, s.reference or "", s.source or "",
                         "\n".join(format_issue(i) for i in t.issues)],
                        shade=t.verdict if t.flagged and t.verdict in ("review", "reject") else None)
    sheet.finish()
    systems = Sheet(book, "systems", [("system", 16), ("baseline", 9), ("sentences", 10), ("flagged_pct", 11),
                                      ("mean_quality", 12), ("agreement", 10), ("best", 6),
                                      *((m, 8) for m in view.metric_names)], formats)
    for f in view.systems:
        systems.write([f.name, f.baseline, f.sentences, _num(f.flagged_rate), _num(f.mean_score), _num(f.consensus), f.best,
                       *(_num(f.metrics[m]) for m in view.metric_names)])
    systems.write([])
    systems.write(["flag line", view.line])
    systems.finish()
    tests = Sheet(book, "significance", [("system", 16), ("metric", 8), ("baseline", 10), ("score", 10), ("delta", 9),
                                         ("bootstrap mean ± 95% CI", 22), ("p_bootstrap", 11), ("p_ar", 9),
                                         ("significant", 11)], formats)
    for t in view.tests:
        tests.write([t.system, t.metric, _num(t.baseline), _num(t.score), _num(t.delta), t.interval,
                     _num(t.bootstrap_p), _num(t.ar_p), t.significant])
    for name, signature in view.signatures.items():
        tests.write([name, "signature", None, None, None, signature])
    tests.finish()
    book.close()
    return out.getvalue()


def _num(text: str) -> float | str:
    """A formatted figure back as a number (a spreadsheet sorts numbers), or as it is."""
    try:
        return float(text.rstrip("%"))
    except ValueError:
        return text
