"""``report.xlsx``: the sentences as a spreadsheet a reviewer filters and annotates, as
translation-QA tools hand them out (Xbench, Verifika).

Sheet ``sentences``: one row per sentence, header frozen, filters on every column, flagged rows
shaded (review amber, reject red), the verdict's reason and the flag line beside the score
(``score.explain``), every finding in one cell, a line each. Sheet ``summary``: the batch
figures, corpus metrics with intervals, flag lines, gate; sheets ``documents`` and ``issues``.
Rows wait on disk for the summary and stream into the file (XlsxWriter's constant-memory
mode), so memory does not grow with the batch.

Every cell is written as a string or a number, never a formula: text goes through
``write_string`` (with formula conversion off), and text that a spreadsheet would read as a
formula once edited (``=``, ``+``, ``-``, ``@``, tab, carriage return) carries Excel's quote
prefix, so it stays text even then.
"""
from __future__ import annotations

import io
import math
import numbers
from typing import IO, Any, Iterable

import xlsxwriter

from ..model import Issue, SegmentResult
from ..results import Summary
from ..score.explain import explain, line_text, lines_of
from ..score.quality import features, setting_for
from .result import AuditResult
from .sink import Reporter, Sink
from .spill import Spill
from .table import SENTENCE_METRICS, extra_headers, format_issue

MAX_ROWS = 1_048_575  # Excel's rows less the header
MAX_CELL = 32_767  # characters in one Excel cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHADES = {"review": "#FFE9C7", "reject": "#FFC9C9"}
SENTENCE_COLUMNS = [("doc", 16), ("seg", 6), ("verdict", 9), ("reason", 24), ("score", 8), ("flag_line", 10),
                    ("hypothesis", 60), ("reference", 45), ("source", 45),
                    ("findings", 60), ("issue_codes", 18), *((m, 9) for m in SENTENCE_METRICS)]
WRAPPED = {"reason", "hypothesis", "reference", "source", "findings"}


class Sheet:
    """One worksheet written row by row: strings as strings (quote-prefixed where they look
    like formulas), finite numbers as numbers, anything else blank; a row may be shaded."""

    def __init__(self, book: Any, name: str, columns: list[tuple[str, int]], formats: dict[Any, Any]) -> None:
        self.book, self.sheet, self.formats = book, book.add_worksheet(name), formats
        self.columns = columns
        self.row = 0
        self.wrapped = [name in WRAPPED for name, _ in columns]
        for k, (_, width) in enumerate(columns):
            self.sheet.set_column(k, k, width)
        self.write([name for name, _ in columns], header=True)
        self.sheet.freeze_panes(1, 0)

    def write(self, values: Iterable[Any], shade: str | None = None, header: bool = False) -> None:
        for k, value in enumerate(values):
            wrap = k < len(self.wrapped) and self.wrapped[k] and not header
            if isinstance(value, bool):
                value = "true" if value else "false"
            if isinstance(value, numbers.Real) and math.isfinite(value):
                self.sheet.write_number(self.row, k, float(value), self._format(shade, wrap, False, header))
            elif isinstance(value, str) and value:
                text = value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"
                self.sheet.write_string(self.row, k, text,
                                        self._format(shade, wrap, text.startswith(FORMULA_START), header))
            elif shade:
                self.sheet.write_blank(self.row, k, None, self._format(shade, wrap, False, header))
        self.row += 1

    def finish(self) -> None:
        """Filters over every row written."""
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), len(self.columns) - 1)

    def _format(self, shade: str | None, wrap: bool, quote: bool, header: bool) -> Any:
        key = (shade, wrap, quote, header)
        if key not in self.formats:
            spec: dict[str, Any] = {"valign": "top"}
            if shade:
                spec.update(bg_color=SHADES[shade], pattern=1)
            if wrap:
                spec["text_wrap"] = True
            if quote:
                spec["quote_prefix"] = True
            if header:
                spec.update(bold=True, bg_color="#E8E8EC", pattern=1, bottom=1)
            self.formats[key] = self.book.add_format(spec)
        return self.formats[key]


def open_book(out: IO[bytes]) -> Any:
    """A workbook writing into ``out``, rows streamed, no string ever turned into a formula,
    number or link."""
    return xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})


def render_xlsx(result: AuditResult) -> bytes:
    """The whole workbook of finished results."""
    out = io.BytesIO()
    sink = XlsxReporter().open(out, result.extra_columns)
    sink.add(result.results)
    sink.close(result.summary)
    return out.getvalue()


class XlsxReporter(Reporter):
    """``report.xlsx``: sentences, then the summary (see the module docstring)."""

    name = "xlsx"
    filename = "report.xlsx"
    binary = True

    def open(self, out: IO[Any], extra_columns: list[str]) -> Sink:
        return _XlsxSink(out, extra_columns)


class _XlsxSink:
    """Rows are kept on disk (``Spill``) until the summary comes: the flag lines they are
    explained by are the summary's (a configured ``flag_below`` or quality model moves them)."""

    def __init__(self, out: IO[bytes], extra_columns: list[str]) -> None:
        self.out = out
        self.extra = extra_headers(extra_columns)
        self.rows: Spill[list[Any]] = Spill()
        self.total = 0

    def add(self, results: list[SegmentResult]) -> None:
        for r in results:
            self.total += 1
            if self.total <= MAX_ROWS:
                self.rows.append(_pending(r, self.extra))

    def close(self, summary: Summary) -> None:
        book = open_book(self.out)
        formats: dict[Any, Any] = {}
        sheet = Sheet(book, "sentences", SENTENCE_COLUMNS + [(h, 14) for h in self.extra], formats)
        lines = lines_of(summary)
        for cells, setting, found, flagged in self.rows:
            verdict, score = cells[2], cells[4]
            issues = [Issue(code, "", severity, 0, 0, "") for code, severity in found]
            why = explain(cells[6], issues, {}, score, verdict, lines, setting)
            cells[3], cells[5] = why.reason, str(why.line)
            sheet.write(cells, shade=verdict if flagged else None)
        sheet.finish()
        self.rows.close()
        summary_sheet(book, summary, formats, self.total)
        book.close()


def _pending(r: SegmentResult, extra: dict[str, str]) -> list[Any]:
    """A row's cells in ``SENTENCE_COLUMNS`` order (then the carried-through columns), the
    two that the flag lines decide (reason, line) left empty, and what
    explains them: the quality-model setting, the findings' codes and severities, the flag."""
    seg = r.segment
    measured = {**r.metrics, **r.features}
    cells = [seg.doc, seg.seg, r.verdict, "", r.score, "", seg.hyp,
             seg.ref or "", seg.src or "", "\n".join(format_issue(i) for i in r.issues),
             " ".join(dict.fromkeys(i.code for i in r.issues)), *(measured.get(m) for m in SENTENCE_METRICS),
             *(str(seg.meta.get(c, "")) for c in extra.values())]
    setting = setting_for(features(seg.hyp, r.issues, measured))
    return [cells, setting, [(i.code, i.severity) for i in r.issues], r.flagged]


def summary_sheet(book: Any, summary: Summary, formats: dict[Any, Any], rows: int) -> None:
    """The batch figures, a figure a row; then the documents and the issues by code."""
    sheet = Sheet(book, "summary", [("figure", 34), ("value", 22), ("ci_low", 10), ("ci_high", 10), ("note", 60)], formats)
    counts = summary.counts
    write = sheet.write
    write(["batch", summary.batch])
    write(["mtaudit version", summary.mtaudit_version])
    write(["inputs", ", ".join(map(str, summary.inputs))])
    for key in ("documents", "sentences", "flagged", "issues"):
        write([key, getattr(counts, key)])
    if rows > MAX_ROWS:
        write(["sentences on the sentences sheet", MAX_ROWS, None, None, "Excel's row limit; sentences.csv holds them all"])
    write(["flagged rate", summary.flagged_rate])
    for verdict, n in counts.by_verdict.items():
        write([f"verdict {verdict}", n])
    for severity, n in counts.by_severity.items():
        write([f"{severity} findings", n])
    for key, value in summary.score.items():
        write([f"quality score {key}", value])
    lines = lines_of(summary)
    for setting in summary.flag_below:
        write([f"flag line ({setting})", lines[setting].value, None, None, line_text(setting, lines[setting])])
    for name, m in summary.metrics.items():
        write([f"{name} (corpus)", m.score, m.ci_low, m.ci_high, m.signature])
    write(["gate", summary.gate.status, None, None, "; ".join(b.message for b in summary.gate.breaches)])
    sheet.finish()
    docs = Sheet(book, "documents", [("doc", 24), ("sentences", 10), ("flagged", 9), ("flagged_rate", 12),
                                     ("mean_score", 11), ("chrf", 8), ("bleu", 8), ("ter", 8)], formats)
    for d in summary.documents:
        docs.write([d.doc, d.sentences, d.flagged, d.flagged_rate, d.mean_score,
                    d.metrics.get("chrf"), d.metrics.get("bleu"), d.metrics.get("ter")])
    docs.finish()
    codes = Sheet(book, "issues", [("code", 22), ("name", 26), ("category", 26), ("severity", 9), ("count", 8)], formats)
    for code, e in summary.issues_by_code.items():
        codes.write([code, str(e.get("name", "")), str(e.get("category", "")), str(e.get("severity", "")), e.get("count")])
    codes.finish()
