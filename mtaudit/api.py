"""What the commands do, as functions: audit and write reports, gate an existing summary."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gate.baseline import load_baseline, regressions
from .checks import REGISTRY
from .config import AuditConfig
from .errors import InputError
from .execution import Plan
from .gate.requirements import FIGURES, gate_result
from .model import SEVERITIES
from .pipeline import AuditRun, Progress
from .report import ReportWriter
from .report.files import write_atomic
from .report.junit_report import render_junit
from .report.markdown_report import render_markdown


@dataclass
class AuditOutcome:
    """An audit's summary, with its gate applied, and the files written."""

    summary: dict[str, Any]
    written: list[Path]


def run_audit(paths: list[Path], ref: Path | list[Path] | None, src: Path | None, *, config: AuditConfig,
              out: Path | None = None, baseline: Path | None = None, junit: Path | None = None,
              markdown: Path | None = None, progress: Progress | None = None,
              plan: Plan | None = None) -> AuditOutcome:
    """Audit, apply the baseline ratchet, write the configured reports and CI files.

    The results stream from the audit into the report files, so memory does not grow with
    the batch (except with a baseline, which compares every sentence); the outcome's
    rows are in the files written."""
    run = AuditRun(paths, ref, src, config, plan)
    rows: list[dict[str, str]] = []
    with ReportWriter(out or Path("reports") / run.batch.name, config.formats, run.extra_columns) as writer:
        for results in run.documents(progress):
            writer.add(results)
            if baseline is not None:
                rows += [{"doc": r.segment.doc, "seg": str(r.segment.seg), "hypothesis": r.segment.hyp,
                          "reference": r.segment.ref or ""} for r in results]
        summary = run.summary()
        if baseline is not None:
            _apply_baseline(summary, rows, baseline)
        written = writer.close(summary)
    written += _write_ci_files(summary, junit, markdown)
    return AuditOutcome(summary, written)


def run_gate(summary_path: Path, config: AuditConfig, *, baseline: Path | None = None,
             junit: Path | None = None, markdown: Path | None = None) -> dict[str, Any]:
    """Gate an existing ``summary.json`` (or its folder); returns the gate result."""
    summary, rows = load_baseline(summary_path)
    summary["gate"] = gate_result(summary, config.requirements)
    if baseline is not None:
        if rows is None:
            raise InputError(f"{summary_path}: the baseline comparison needs sentences.csv beside summary.json")
        _apply_baseline(summary, rows, baseline)
    _write_ci_files(summary, junit, markdown)
    return summary["gate"]


def _apply_baseline(summary: dict[str, Any], rows: list[dict[str, str]], baseline: Path) -> None:
    base_summary, base_rows = load_baseline(baseline)
    found = regressions(summary, rows, base_summary, base_rows)
    gate = summary["gate"]
    gate["baseline"] = str(baseline)
    gate["breaches"] = gate["breaches"] + found
    gate["status"] = "failed" if gate["breaches"] else "passed"


def _write_ci_files(summary: dict[str, Any], junit: Path | None, markdown: Path | None) -> list[Path]:
    written = []
    for path, render in ((junit, render_junit), (markdown, render_markdown)):
        if path is not None:
            write_atomic(path, render(summary))
            written.append(path)
    return written


def figure_names() -> list[tuple[str, str]]:
    """Every name a gate requirement can use, with what it measures."""
    names = list(FIGURES.items())
    names += [(f"{s}_rate", f"share of sentences with a {s} issue") for s in SEVERITIES]
    for code, check in sorted(REGISTRY.items()):
        names.append((code, f"number of {check.name} issues ({code}_rate: share of sentences)"))
    categories = sorted({c.category for c in REGISTRY.values()})
    names += [(c, f"number of {c} issues ({c}_rate: share of sentences)") for c in categories]
    names.append(("<engine>:<Rule>", "number of a grammar engine rule's issues, e.g. harper:SpellCheck"))
    names.append(("doc:<name>", "any figure above, required of every document"))
    return names


__all__ = ["run_audit", "run_gate", "figure_names", "AuditOutcome"]
