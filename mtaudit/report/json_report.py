"""``summary.json``: the batch summary for machines (format version inside)."""
from __future__ import annotations

import json
import math
from typing import Any

from ..model import AuditResult


def _finite(value: Any) -> Any:
    """The structure with NaN and infinities turned into null (JSON has neither)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def render_json(summary: dict[str, Any]) -> str:
    return json.dumps(_finite(summary), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class JsonReporter:
    """``summary.json``."""

    name = "json"
    filename = "summary.json"

    def render(self, result: AuditResult) -> str:
        return render_json(result.summary)
