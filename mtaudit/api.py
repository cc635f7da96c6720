"""What the commands do, as functions: audit and write reports, gate an existing summary."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .baseline import load_baseline, regressions
from .checks import REGISTRY
from .config import AuditConfig
from .errors import InputError
from .execution import Plan
from .gate import FIGURES, gate_result
from .model import AuditResult, SEVERITIES
from .pipeline import Progress, audit
from .report import write_reports
from .report.files import write_atomic
from .report.junit_report import render_junit
from .report.markdown_report import render_markdown


@dataclass
class AuditOutcome:
    """An audit with its gate applied and the files written."""

    result: AuditResult
    written: list[Path]


def run_audit(paths: list[Path], ref: Path | list[Path] | None, src: Path | None, *, config: AuditConfig,
              out: Path | None = None, baseline: Path | None = None, junit: Path | None = None,
              markdown: Path | None = None, progress: Progress | None = None,
              plan: Plan | None = None) -> AuditOutcome:
    """Audit, apply the baseline ratchet, write the configured reports and CI files."""
    result = audit(paths, ref, src, config=config, progress=progress, plan=plan)
    if baseline is not None:
        rows = [{"doc": r.segment.doc, "seg": str(r.segment.seg), "hypothesis": r.segment.hyp,
                 "reference": r.segment.ref or ""} for r in result.results]
        _apply_baseline(result.summary, rows, baseline)
    out = out or Path("reports") / result.summary["batch"]
    written = write_reports(result, out, config.formats)
    written += _write_ci_files(result.summary, junit, markdown)
    return AuditOutcome(result, written)


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
