"""``summary.json``: the batch summary for machines (format version inside); and
``sentences.json``: every sentence with its findings, metrics, features and word diff — what
an audit folder loads back from (``report/load.py``)."""
from __future__ import annotations

import json
import math
import numbers
from typing import Any, Iterator, Sequence, TextIO

from ..model import Issue, SegmentResult
from ..results import Summary
from .sink import Reporter, Sink, SummaryReporter

SENTENCES_FORMAT_VERSION = 2
ISSUE_FIELDS = ("code", "category", "severity", "start", "end", "message", "suggestion", "engine", "kind")


def _finite(value: Any) -> Any:
    """The structure with NaN and infinities turned into null (JSON has neither) and
    non-builtin numbers (numpy scalars) turned into ``int``/``float``."""
    if isinstance(value, numbers.Integral) and not isinstance(value, int):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, (int, float)):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class Lazy:
    """A summary list (documents, findings) encoded item by item as it is written, so a list
    a streamed audit keeps on disk is never held whole."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return (item.as_dict() for item in self.items)


def render_json(data: dict[str, Any]) -> str:
    """Indented UTF-8 JSON with a trailing newline; NaN and infinities become null."""
    return "".join(json_pieces(data)) + "\n"


def json_pieces(value: Any, pad: str = "") -> Iterator[str]:
    """``json.dumps(value, indent=2)`` in pieces: a ``Lazy`` list (a summary's documents and
    findings, kept on disk by a streamed audit) is read and written item by item, never held whole."""
    if isinstance(value, dict) and any(isinstance(v, Lazy) for v in value.values()):
        yield "{"
        for k, (key, item) in enumerate(value.items()):
            yield f'{"," if k else ""}\n{pad}  {json.dumps(key, ensure_ascii=False)}: '
            yield from json_pieces(item, pad + "  ")
        yield f"\n{pad}}}"
    elif isinstance(value, Lazy):
        if not value:
            yield "[]"
            return
        for k, item in enumerate(value):
            yield f'{"," if k else "["}\n{pad}  ' + _dumps(item).replace("\n", f"\n{pad}  ")
        yield f"\n{pad}]"
    else:
        yield _dumps(value).replace("\n", f"\n{pad}")


def _dumps(value: Any) -> str:
    return json.dumps(_finite(value), indent=2, ensure_ascii=False, allow_nan=False)


class JsonReporter(SummaryReporter):
    """``summary.json``."""

    name = "json"
    filename = "summary.json"

    def pieces(self, summary: Summary) -> Iterator[str]:
        yield from json_pieces(summary.as_dict(wrap=Lazy))
        yield "\n"


class SentencesJsonReporter(Reporter):
    """``sentences.json``: every sentence as ``sentence_record`` writes it, as the sentences come."""

    name = "sentences"
    filename = "sentences.json"

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        return _SentencesSink(out, extra_columns)


def sentence_record(r: SegmentResult, extra_columns: list[str]) -> dict[str, Any]:
    """One sentence of ``sentences.json``: its text, score, flag and verdict, its findings
    (each with every field of ``Issue``), its ``metrics`` and measured ``features``, its
    carried-through ``columns`` and its word diff against the reference
    (``{"missing": [[start, end, word], ...], "extra": [...]}``, null without a reference)."""
    seg = r.segment
    return {"doc": seg.doc, "seg": seg.seg, "hypothesis": seg.hyp, "reference": seg.ref, "source": seg.src,
            "score": r.score, "flagged": r.flagged, "verdict": r.verdict,
            "issues": [issue_record(i) for i in r.issues], "metrics": r.metrics, "features": r.features,
            "columns": {c: seg.meta.get(c, "") for c in extra_columns},
            "diff": r.diff.as_dict() if r.diff is not None else None}


def issue_record(issue: Issue) -> dict[str, Any]:
    return {f: getattr(issue, f) for f in ISSUE_FIELDS}


class _SentencesSink:
    """The same bytes as ``render_json`` of ``{"format_version": …, "sentences": [records]}``."""

    def __init__(self, out: TextIO, extra_columns: list[str]) -> None:
        self.out, self.extra, self.rows = out, extra_columns, 0
        out.write(f'{{\n  "format_version": {SENTENCES_FORMAT_VERSION},\n  "sentences": [')

    def add(self, results: list[SegmentResult]) -> None:
        for r in results:
            record = sentence_record(r, self.extra)
            self.out.write(("\n    " if not self.rows else ",\n    ") + _dumps(record).replace("\n", "\n    "))
            self.rows += 1

    def close(self, summary: Summary) -> None:
        self.out.write("\n  ]\n}\n" if self.rows else "]\n}\n")
