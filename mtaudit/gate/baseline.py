"""The baseline ratchet: fail only on regressions against a previous audit.

A regression is a finding the baseline did not have (matched by stable finding id, see
``summary.finding_id``), or a corpus metric that dropped significantly on the sentences both
runs share (sacrebleu's paired bootstrap, p < 0.05). Noise does not flap the gate.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.significance import PairedTest

from ..errors import InputError

P_VALUE = 0.05
BOOTSTRAP_SAMPLES = 1000


def load_baseline(path: Path) -> tuple[dict[str, Any], list[dict[str, str]] | None]:
    """A previous ``summary.json`` (or its folder) and, when beside it, its ``sentences.csv``."""
    summary_path = path / "summary.json" if path.is_dir() else path
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{summary_path}: cannot read baseline summary ({exc})") from None
    if not isinstance(summary, dict) or "findings" not in summary:
        raise InputError(f"{summary_path}: not an mtaudit summary (no findings list)")
    rows_path = summary_path.with_name("sentences.csv")
    rows = None
    if rows_path.exists():
        with open(rows_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    return summary, rows


def regressions(summary: dict[str, Any], rows: list[dict[str, str]],
                baseline: dict[str, Any], baseline_rows: list[dict[str, str]] | None) -> list[dict[str, Any]]:
    """Breach entries (as in ``summary["gate"]["breaches"]``) for every regression."""
    found = []
    old = {(f["doc"], f["id"]) for f in baseline.get("findings", [])}
    new_by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in summary.get("findings", []):
        if (f["doc"], f["id"]) not in old:
            new_by_doc.setdefault(f["doc"], []).append(f)
    for doc, new in new_by_doc.items():
        codes = sorted({f["code"] for f in new})
        found.append({"requirement": "no new findings", "scope": doc, "value": len(new),
                      "message": f"document {doc}: {len(new)} new finding(s) not in the baseline ({', '.join(codes)})"})
    if baseline_rows:
        found.extend(_metric_drops(rows, baseline_rows))
    return found


def _metric_drops(rows: list[dict[str, str]], baseline_rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Paired bootstrap on sentences present in both runs with the same reference."""
    before = {(r["doc"], r["seg"]): r for r in baseline_rows if r.get("reference")}
    shared = [(before[(r["doc"], r["seg"])], r) for r in rows
              if (r["doc"], r["seg"]) in before and before[(r["doc"], r["seg"])]["reference"] == r["reference"]]
    if len(shared) < 2:
        return []
    refs = [_plain(b["reference"]) for b, _ in shared]
    systems = [("baseline", [_plain(b["hypothesis"]) for b, _ in shared]),
               ("current", [_plain(c["hypothesis"]) for _, c in shared])]
    test = PairedTest(systems, {"chrf": CHRF(), "bleu": BLEU()}, [refs], test_type="bs",
                      n_samples=BOOTSTRAP_SAMPLES)
    _, scores = test()
    drops = []
    for metric, (base, current) in ((k, v) for k, v in scores.items() if k != "System"):
        if current.score < base.score and current.p_value is not None and current.p_value < P_VALUE:
            drops.append({"requirement": f"no significant {metric} drop", "scope": "batch", "value": current.score,
                          "message": f"batch: {metric} dropped from {base.score:.2f} to {current.score:.2f} on "
                                     f"{len(shared)} shared sentences (paired bootstrap p = {current.p_value:.4f})"})
    return drops


def _plain(cell: str) -> str:
    """Undo the CSV report's formula neutralisation (a leading ``'`` before = + - @ tab CR)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
