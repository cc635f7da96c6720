"""``summary.json``: the batch summary for machines (format version inside); and
``sentences.json``: every sentence with its word diff against the reference."""
from __future__ import annotations

import json
import math
import numbers
from typing import Any

from ..model import AuditResult
from .table import sentence_table


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
    return json.dumps(_finite(summary), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class JsonReporter:
    """``summary.json``."""

    name = "json"
    filename = "summary.json"

    def render(self, result: AuditResult) -> str:
        return render_json(result.summary)


def sentence_records(result: AuditResult) -> list[dict[str, Any]]:
    """Each row of the sentence table as a dict, with its word diff against the reference
    (``{"missing": [[start, end, word], ...], "extra": [...]}``, null without a reference)."""
    rows = sentence_table(result).to_dict(orient="records")
    return [{**row, "diff": r.diff.as_dict() if r.diff is not None else None}
            for row, r in zip(rows, result.results)]


class SentencesJsonReporter:
    """``sentences.json``: every sentence with its metrics, issues and word diff."""

    name = "sentences"
    filename = "sentences.json"

    def render(self, result: AuditResult) -> str:
        return render_json({"format_version": result.summary.get("format_version"),
                            "sentences": sentence_records(result)})
