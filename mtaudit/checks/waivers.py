"""Waivers: findings a reviewer marked as a false positive or accepted, suppressed on re-audit.

A waiver names a finding by the stable id the summary and the baseline ratchet use
(``model.finding_id``: a hash of the check code, the document, the sentence text and the
span text), so it survives renumbering and re-ordering. ``code`` must match too; ``doc``,
``seg``, ``span``, ``start``/``end`` and ``note`` are for the people reading the file. The
HTML report's "Export waivers" button writes this format::

    {"format": "mtaudit-waivers", "version": 1, "batch": "news-sample",
     "waivers": [{"id": "7b210d0e86c72e91", "code": "MT106", "decision": "false-positive",
                  "doc": "council-budget", "seg": 4, "span": "…", "start": 3, "end": 9}]}
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import jsonio
from ..errors import InputError
from ..model import Issue, SegmentResult, finding_id

FORMAT = "mtaudit-waivers"
DECISIONS = ("false-positive", "accepted")


@dataclass(frozen=True)
class Waiver:
    """One waived finding: its stable id, check code and the reviewer's decision."""

    id: str
    code: str
    decision: str


class Waivers:
    """The waivers of one file, and a tally of the findings they suppressed in this audit."""

    def __init__(self, waivers: list[Waiver], path: str = "") -> None:
        self.path = path
        self._by_id = {w.id: w for w in waivers}
        self.used: Counter[tuple[str, str]] = Counter()

    def __len__(self) -> int:
        return len(self._by_id)

    def waives(self, doc: str, hyp: str, issue: Issue) -> bool:
        """Whether a waiver suppresses this finding of this sentence (its id and code match)."""
        waiver = self._by_id.get(finding_id(doc, hyp, issue))
        return waiver is not None and waiver.code == issue.code

    def record(self, results: list[SegmentResult]) -> None:
        """Tally the findings the check stage set aside as waived (``SegmentResult.waived``)."""
        for r in results:
            for issue in r.waived:
                self.used[(issue.code, self._by_id[finding_id(r.segment.doc, r.segment.hyp, issue)].decision)] += 1

    def summary(self) -> dict[str, Any]:
        """What ``summary.json`` records under ``waivers``."""
        by_code: Counter[str] = Counter()
        by_decision: Counter[str] = Counter()
        for (code, decision), n in self.used.items():
            by_code[code] += n
            by_decision[decision] += n
        return {"file": self.path, "waivers": len(self), "waived": sum(self.used.values()),
                "by_code": dict(sorted(by_code.items())), "by_decision": dict(sorted(by_decision.items()))}


def load_waivers(path: str | Path) -> Waivers:
    """Read and check a waiver file; anything malformed is an ``InputError`` naming the file."""
    path = Path(path)
    data = jsonio.load(path, what="waiver file")
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("waivers"), list):
        raise InputError(f"{path}: not an mtaudit waiver file (needs \"format\": \"{FORMAT}\" and a \"waivers\" list)")
    return Waivers([_waiver(path, n, entry) for n, entry in enumerate(data["waivers"], 1)], str(path))


def _waiver(path: Path, n: int, entry: Any) -> Waiver:
    if not isinstance(entry, dict):
        raise InputError(f"{path}: waiver {n} is not an object")
    for key in ("id", "code"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise InputError(f"{path}: waiver {n} has no {key!r} string")
    decision = entry.get("decision", "accepted")
    if decision not in DECISIONS:
        raise InputError(f"{path}: waiver {n}: decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    return Waiver(entry["id"], entry["code"], decision)
