"""The baseline ratchet: fail only on regressions against a previous audit.

A regression is a finding the baseline did not have (matched by stable finding id, see
``model.finding_id``), or a corpus metric that dropped significantly on the sentences both
runs share (sacreBLEU's paired bootstrap, p < 0.05, when the baseline's ``sentences.json`` is
there). Each is an ordinary ``Breach``; noise does not flap the gate.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..measure.significance import P_VALUE, paired_test
from ..model import SegmentResult
from ..report.load import SENTENCES, load_audit, load_summary, summary_path
from ..results import Breach, Finding, Summary

BOOTSTRAP_SAMPLES = 1000
DROP_METRICS = ("chrf", "bleu")
Row = tuple[str, str, str, str]  # doc, seg, hypothesis, reference


class Baseline:
    """A previous audit and the current run's sentences (``add``), compared by ``breaches``."""

    def __init__(self, path: Path, findings: Iterable[Finding], rows: list[Row] | None) -> None:
        self.source = str(path)
        self._old = {(f.doc, f.id) for f in findings}
        self._rows = rows
        self._current: list[Row] = []

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """A previous ``summary.json`` (or its folder), with its sentences when ``sentences.json``
        is beside it (without them, only new findings are regressions)."""
        if (summary_path(path).parent / SENTENCES).is_file():
            previous = load_audit(path)
            return cls(path, previous.summary.findings, [_row(r) for r in previous.results])
        return cls(path, load_summary(path).findings, None)

    def add(self, results: Iterable[SegmentResult]) -> None:
        """Sentences of the current run, as they stream."""
        self._current.extend(_row(r) for r in results)

    def breaches(self, summary: Summary) -> list[Breach]:
        """One breach per document with new findings, and one per metric that dropped significantly."""
        new_by_doc: dict[str, list[Finding]] = {}
        for f in summary.findings:
            if (f.doc, f.id) not in self._old:
                new_by_doc.setdefault(f.doc, []).append(f)
        found = []
        for doc, new in new_by_doc.items():
            codes = sorted({f.code for f in new})
            found.append(Breach("no new findings", doc, len(new),
                                f"document {doc}: {len(new)} new finding(s) not in the baseline ({', '.join(codes)})"))
        if self._rows:
            found.extend(self._metric_drops())
        return found

    def _metric_drops(self) -> list[Breach]:
        """Paired bootstrap on sentences present in both runs with the same reference."""
        before = {(doc, seg): (hyp, ref) for doc, seg, hyp, ref in self._rows or [] if ref}
        shared = [(before[(doc, seg)], hyp) for doc, seg, hyp, ref in self._current
                  if (doc, seg) in before and before[(doc, seg)][1] == ref]
        if len(shared) < 2:
            return []
        systems = [("baseline", [b[0] for b, _ in shared]), ("current", [c for _, c in shared])]
        test = paired_test(systems, [[b[1] for b, _ in shared]], DROP_METRICS, "bs", BOOTSTRAP_SAMPLES)
        drops = []
        for metric, (base, current) in test.scores.items():
            if current.score < base.score and current.p_value is not None and current.p_value < P_VALUE:
                label = test.labels[metric]
                drops.append(Breach(f"no significant {label} drop", "batch", current.score,
                                    f"batch: {label} dropped from {base.score:.2f} to {current.score:.2f} on "
                                    f"{len(shared)} shared sentences (paired bootstrap p = {current.p_value:.4f})"))
        return drops


def _row(r: SegmentResult) -> Row:
    s = r.segment
    return s.doc, str(s.seg), s.hyp, s.ref or ""
