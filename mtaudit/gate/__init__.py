"""Gate: requirements over the summary → breaches, a pure function; the CLI owns exit codes.

``evaluate(summary, requirements, baseline)`` returns the ``GateResult``; a regression
against a baseline (``gate.baseline.Baseline``) is a ``Breach`` like any other.
"""
from __future__ import annotations

from typing import Protocol

from ..catalog import VERDICTS
from ..model import SEVERITIES
from ..results import Breach, DocumentSummary, GateResult, Summary
from .requirements import FIGURES, MISSING_WHEN_ABSENT, Requirement, parse_requirement, parse_requirements


class Regressions(Protocol):
    """What ``evaluate`` needs of a baseline: where it came from and the regressions it finds."""

    source: str

    def breaches(self, summary: Summary) -> list[Breach]: ...


def evaluate(summary: Summary, requirements: list[Requirement], baseline: Regressions | None = None) -> GateResult:
    """The gate: every requirement the summary does not meet, and every regression against
    the baseline. A figure the batch lacks (say chrF with no reference) is a breach with
    value None, not a silent pass; a code or category with no issues counts 0."""
    if not requirements and baseline is None:
        return GateResult()
    found = breaches(summary, requirements) + (baseline.breaches(summary) if baseline is not None else [])
    return GateResult("failed" if found else "passed", tuple(str(r) for r in requirements), tuple(found),
                      baseline.source if baseline is not None else None)


def breaches(summary: Summary, requirements: list[Requirement]) -> list[Breach]:
    """The requirements the summary does not meet."""
    found: list[Breach] = []
    for req in requirements:
        scopes = ([(d.doc, document_values(d)) for d in summary.documents]
                  if req.per_document else [("batch", batch_values(summary))])
        for scope, values in scopes:
            value = values.get(req.name, None if req.name in MISSING_WHEN_ABSENT else 0.0)
            if not req.met_by(value):
                found.append(Breach(str(req), scope, value, req.breach_message(value, scope)))
    return found


def batch_values(summary: Summary) -> dict[str, float]:
    """Every gate figure of the whole batch."""
    counts = summary.counts
    values: dict[str, float] = {
        "flagged_rate": summary.flagged_rate,
        "mean_score": summary.score.get("mean", 100.0),
        "sentences": counts.sentences, "flagged": counts.flagged, "issues": counts.issues,
        **{s: counts.by_severity.get(s, 0) for s in SEVERITIES},
        **counts.by_verdict,
    }
    values.update({name: entry.score for name, entry in summary.metrics.items()})
    values.update(summary.tallies.figures(counts.sentences))
    return values


def document_values(doc: DocumentSummary) -> dict[str, float]:
    """Every gate figure of one document."""
    values: dict[str, float] = {
        "flagged_rate": doc.flagged_rate, "mean_score": doc.mean_score,
        "sentences": doc.sentences, "flagged": doc.flagged,
        **{v: doc.by_verdict.get(v, 0) for v in VERDICTS}, **doc.metrics,
        "issues": doc.tallies.issues(),
    }
    values.update(doc.tallies.figures(doc.sentences))
    return values


__all__ = ["evaluate", "breaches", "batch_values", "document_values", "Requirement", "parse_requirement",
           "parse_requirements", "FIGURES"]
