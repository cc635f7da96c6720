"""The public Python API: what the commands do, as functions (``mtaudit.audit`` and friends).

- ``audit`` — audit inputs, every result in memory (``AuditResult``: ``.sentences`` as a
  DataFrame, ``.summary`` the typed ``Summary``);
- ``audit_to_files`` — audit, streaming the results into the report files (what
  ``mtaudit audit`` does), with the gate, a baseline and the CI files;
- ``gate`` — gate an existing audit's summary;
- ``load_audit`` — an audit folder read back into an ``AuditResult``;
- ``compare`` — compare systems (``compare.py``);
- ``calibrate`` — refit the quality score on MQM annotations.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence, TextIO

from .checks import REGISTRY
from .compare import Comparison, compare
from .config import AuditConfig
from .errors import InputError
from .execution import Plan
from .gate import FIGURES, evaluate, parse_requirements
from .gate.baseline import Baseline
from .model import SEVERITIES
from .pipeline import AuditRun, Progress
from .read import Batch, Document
from .report import ReportWriter
from .report.files import write_atomic
from .report.folder import check_outputs
from .report.junit_report import render_junit
from .report.load import load_audit, load_summary
from .report.markdown_report import render_markdown
from .report.result import AuditResult
from .results import GateResult, Summary

if TYPE_CHECKING:
    import pandas

Paths = str | Path | Sequence[str | Path]


def audit(paths: Paths, ref: Paths | None = None, src: str | Path | None = None,
          config: AuditConfig | None = None, *, progress: Progress | None = None,
          plan: Plan | None = None) -> AuditResult:
    """Audit hypothesis files or folders; every result is held in memory.

    ``ref`` is one reference file, or a list of references of the same lines (with
    ``config.segments``). ``plan`` says where documents are audited (worker processes, a Dask
    cluster; default: this process). ``pipeline.AuditRun`` streams the results instead."""
    return AuditRun(_paths(paths), ref, src, config, plan, spill=False).held(progress)


def audit_to_files(paths: Paths, ref: Paths | None = None, src: str | Path | None = None, *,
                   config: AuditConfig, out: Path | None = None, baseline: Path | None = None,
                   junit: Path | None = None, markdown: Path | None = None, progress: Progress | None = None,
                   plan: Plan | None = None, stream: TextIO | None = None) -> AuditOutcome:
    """Audit, streaming the results into the configured reports (memory does not grow with
    the batch), gate the summary (against ``baseline`` too), write the CI files. With
    ``stream``, the one format configured is written to it instead of a folder (``--out -``)."""
    check_outputs([out] if stream is None else [], [junit, markdown])
    previous = Baseline.load(baseline) if baseline is not None else None
    run = AuditRun(_paths(paths), ref, src, config, plan)
    folder = out or Path("reports") / run.batch.name
    if stream is None and out is None:
        check_outputs([folder])
    with ReportWriter(folder, config.formats, run.extra_columns, inputs=run.inputs, stream=stream) as writer:
        for results in run.pieces(progress):
            writer.add(results)
            if previous is not None:
                previous.add(results)
        summary = run.summary(previous)
        written = writer.close(summary, _ci_files(summary, junit, markdown))
    return AuditOutcome(summary, written)


@dataclass
class AuditOutcome:
    """An audit's summary, with its gate applied, and the files written."""

    summary: Summary
    written: list[Path]


def gate(summary_path: Path, requirements: Sequence[str], *, baseline: Path | None = None,
         junit: Path | None = None, markdown: Path | None = None) -> GateResult:
    """Gate an existing ``summary.json`` (or its folder) against ``requirements`` (and the
    regressions against ``baseline``); writes the CI files asked for."""
    check_outputs(files=[junit, markdown])
    reqs = parse_requirements(list(requirements))
    previous = None
    if baseline is not None:  # the current run's sentences are compared with the baseline's
        previous = Baseline.load(baseline)
        current = load_audit(summary_path)
        previous.add(current.results)
        summary = current.summary
    else:
        summary = load_summary(summary_path)
    summary.gate = evaluate(summary, reqs, previous)
    _write_ci_files(summary, junit, markdown)
    return summary.gate


def _ci_files(summary: Summary, junit: Path | None, markdown: Path | None) -> dict[Path, str]:
    """The CI files asked for, by path: ``--junit`` and ``--markdown``."""
    return {path: render(summary) for path, render in ((junit, render_junit), (markdown, render_markdown))
            if path is not None}


def _write_ci_files(summary: Summary, junit: Path | None, markdown: Path | None) -> None:
    for path, text in _ci_files(summary, junit, markdown).items():
        write_atomic(path, text)


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


def calibrate(mqm: Path | Sequence[Path], out: Path) -> dict[str, Any]:
    """Refit the quality models on MQM annotations, one file or several (each a set, a
    domain; see ``score/calibrate.py``), and write them to ``out``; returns the fits with
    their held-out figures. Needs scikit-learn."""
    from .score.calibrate import fit_all, load_sets, write_models

    paths = [mqm] if isinstance(mqm, Path) else list(mqm)
    table = load_sets(paths)
    fits = fit_all(calibration_features(table))
    counts = table.groupby("set", sort=False).agg(segments=("mqm", "size"), systems=("system", "nunique"))
    write_models(fits, out, "; ".join(f"{name} ({r.segments} segments, {r.systems} systems)"
                                      for name, r in counts.iterrows()))
    return fits


def calibration_features(df: pandas.DataFrame, config: AuditConfig | None = None) -> pandas.DataFrame:
    """One row per annotated segment: its quality features in each setting (audited in
    memory, with and without the reference, one audit per system of each set), and its
    agreement with the other systems."""
    import pandas as pd

    from .measure.consensus import consensus, trust
    from .score.quality import features

    config = config or AuditConfig(bootstrap=1, formats=(), metrics=("chrf", "bleu", "ter"))
    rows: list[dict[str, Any]] = []
    if "set" not in df:
        df = df.assign(set="")
    for _, part in df.groupby(["set", "system"], sort=False):
        for setting, with_ref in (("reference_free", False), ("reference", True)):
            if with_ref and not (part["reference"] != "").all():
                continue
            run = AuditRun.of_batch(_annotated_batch(part, with_ref), config, spill=False)
            for r in (r for results in run.documents() for r in results):
                rows.append({"index": r.segment.meta["row"], "setting": setting,
                             **features(r.segment.hyp, r.issues, {**r.metrics, **r.features})})
    table = pd.DataFrame(rows)
    wide = table.pivot_table(index="index", columns="setting", aggfunc="first")
    wide.columns = [f"{setting}:{name}" for name, setting in wide.columns]
    out = df.join(wide)
    coverage = out.groupby(["set", "system"], sort=False)["reference_free:batch_uncovered"].mean() \
        if "reference_free:batch_uncovered" in out else None
    weights: dict[tuple[str, str], float] = {}
    for name, part in df.groupby("set", sort=False):  # as compare weighs each system's vote
        systems = list(part["system"].unique())
        goodness = [None if coverage is None or pd.isna(coverage.get((name, s))) else 1.0 - coverage[(name, s)]
                    for s in systems]
        weights.update({(name, s): w for s, w in zip(systems, trust(goodness))})
    out["consensus"] = 0.0
    for _, group in df.groupby(["set", "doc", "seg_id"], sort=False):
        out.loc[group.index, "consensus"] = consensus(
            group["target"].tolist(), [weights[(a, b)] for a, b in zip(group["set"], group["system"])])
    return out


def _annotated_batch(part: pandas.DataFrame, with_ref: bool) -> Batch:
    """One system's annotated segments as documents, each row numbered in its document and
    remembering its row of the annotations (``meta["row"]``)."""
    nfc = lambda text: unicodedata.normalize("NFC", str(text))  # noqa: E731 - as the readers read text
    documents: dict[str, Document] = {}
    for index, row in part.iterrows():
        d = documents.setdefault(str(row["doc"]), Document(str(row["doc"]), [], [] if with_ref else None, [], segs=[]))
        d.hyp.append(nfc(row["target"]))
        d.src.append(nfc(row["source"]))  # type: ignore[union-attr]
        if with_ref:
            d.ref.append(nfc(row["reference"]))  # type: ignore[union-attr]
        d.meta.append({"row": index})
        d.segs.append(len(d.segs) + 1)  # type: ignore[union-attr]
    return Batch("annotations", list(documents.values()), [], len(documents))


def _paths(paths: Paths) -> list[str | Path]:
    if isinstance(paths, (str, Path)):
        return [paths]
    if not paths:
        raise InputError("no input given")
    return list(paths)


__all__ = ["audit", "audit_to_files", "gate", "load_audit", "compare", "calibrate", "figure_names",
           "AuditResult", "AuditOutcome", "Comparison", "AuditConfig", "Summary", "GateResult"]
