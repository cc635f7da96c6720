"""``summary.json``: the batch summary for machines (format version inside); and
``sentences.json``: every sentence with its word diff against the reference."""
from __future__ import annotations

import json
import math
import numbers
from typing import Any, Iterator, TextIO

from ..model import SegmentResult
from .spill import Spill
from .summary import FORMAT_VERSION
from .sink import Reporter, Sink, SummaryReporter
from .table import extra_headers, table_row


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


def render_json(summary: dict[str, Any]) -> str:
    """Indented UTF-8 JSON with a trailing newline; NaN and infinities become null."""
    return "".join(json_pieces(summary)) + "\n"


def json_pieces(value: Any, pad: str = "") -> Iterator[str]:
    """``json.dumps(value, indent=2)`` in pieces: a ``Spill`` (a summary's documents and
    findings of a streamed audit) is read and written item by item, never held whole."""
    if isinstance(value, dict) and any(isinstance(v, Spill) for v in value.values()):
        yield "{"
        for k, (key, item) in enumerate(value.items()):
            yield f'{"," if k else ""}\n{pad}  {json.dumps(key, ensure_ascii=False)}: '
            yield from json_pieces(item, pad + "  ")
        yield f"\n{pad}}}"
    elif isinstance(value, Spill):
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

    def pieces(self, summary: dict[str, Any]) -> Iterator[str]:
        yield from json_pieces(summary)
        yield "\n"


class SentencesJsonReporter(Reporter):
    """``sentences.json``: every sentence with its metrics, issues, exposure and word diff
    (``{"missing": [[start, end, word], ...], "extra": [...]}``, null without a reference),
    written as the sentences come."""

    name = "sentences"
    filename = "sentences.json"

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        return _SentencesSink(out, extra_columns)


class _SentencesSink:
    """The same bytes as ``render_json`` of ``{"format_version": …, "sentences": [rows]}``."""

    def __init__(self, out: TextIO, extra_columns: list[str]) -> None:
        self.out, self.extra, self.rows = out, extra_headers(extra_columns), 0
        out.write(f'{{\n  "format_version": {FORMAT_VERSION},\n  "sentences": [')

    def add(self, results: list[SegmentResult]) -> None:
        for r in results:
            record = {**table_row(r, self.extra), "exposure": r.metrics.get("exposure"),
                      "diff": r.diff.as_dict() if r.diff is not None else None}
            self.out.write(("\n    " if not self.rows else ",\n    ") + _dumps(record).replace("\n", "\n    "))
            self.rows += 1

    def close(self, summary: dict[str, Any]) -> None:
        self.out.write("\n  ]\n}\n" if self.rows else "]\n}\n")
