"""What the commands print on the terminal (the command line's layer, beside ``cli.py``).

- ``Bar``: a progress bar on an interactive stderr counting *sentences*, with their rate and
  the time left, from the first block of sentences on (the audit knows how many sentences it
  has once it has read its inputs, before it audits any); "reading inputs" until then. One
  line per system for ``compare``. Nothing when stderr is not a terminal, or with ``-q``.
- ``audit_table``: the end of an audit — sentences, flagged, corpus metrics with their 95%
  intervals, the three worst documents (by the share of their sentences flagged, then by mean
  quality score), and the report's path (a ``file://`` link where the terminal shows links).
- ``compare_table``: the end of a comparison — per system its sentences, flagged share and its
  change against the baseline, mean quality score, corpus metrics with intervals and the
  change with its significance, and its best translations (as the compare page counts them);
  ``compare_lines``: the comparison's result lines on stdout (tests and flagged-rate changes).
"""
from __future__ import annotations

import heapq
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .catalog import METRIC

if TYPE_CHECKING:
    from rich.console import Console

    from .compare import Comparison
    from .results import DocumentSummary, Summary

Progress = Callable[[int, int], None]
WORST_DOCUMENTS = 3


class Bar:
    """A rich progress bar over sentences on an interactive stderr (else nothing): ``task``
    gives the callback of one line of it (``(done, total)``, sentences)."""

    def __init__(self, quiet: bool) -> None:
        self._bar: Any = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
            from rich.progress import TimeRemainingColumn

            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("sentences"), _Rate(),
                                 TimeRemainingColumn(compact=True), transient=True)

    def __enter__(self) -> Bar:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def task(self, label: str = "") -> Progress | None:
        """A line of the bar: "reading" until its first count, then "auditing" with the total."""
        if self._bar is None:
            return None
        bar, what = self._bar, f" {label}" if label else ""
        task = bar.add_task(f"reading{what or ' inputs'}", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, description=f"auditing{what}", completed=done, total=total)
        return update


def _Rate() -> Any:  # noqa: N802 - a rich column, built where rich is imported
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Sentences a second, once there is a rate."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")

    return Rate()


def console() -> Console:
    """stderr, for people: colours and links on a terminal, plain text elsewhere; long lines
    are not wrapped (a log keeps a path whole)."""
    from rich.console import Console
    return Console(stderr=True, highlight=False, soft_wrap=True)


def audit_table(summary: Summary, written: Sequence[Path], out: Console | None = None) -> None:
    """The end of an audit (see the module docstring)."""
    counts = summary.counts
    rows = [("sentences", f"{counts.sentences:,} in {counts.documents:,} document{_s(counts.documents)}"),
            ("flagged", f"{counts.flagged:,} ({summary.flagged_rate:.1%}): "
                        + " · ".join(f"{v} {counts.by_verdict.get(v, 0):,}" for v in ("review", "reject")))]
    for name, m in summary.metrics.items():
        interval = f"  95% CI {m.ci_low:.2f}–{m.ci_high:.2f}" if m.ci_low is not None and m.ci_high is not None else ""
        rows.append((_label(name), f"{m.score:.2f}{interval}  on {m.sentences:,} sentences"))
    worst = worst_documents(summary.documents) if counts.documents > 1 else []
    if worst:
        rows.append(("worst documents", "[dim]by share of sentences flagged, then mean quality score[/dim]"))
        rows += [("", f"{_escape(d.doc)}: {d.flagged:,} of {d.sentences:,} flagged ({d.flagged_rate:.0%}), "
                      f"mean quality {d.mean_score:.1f}") for d in worst]
    _print(out, [f"[bold]{_escape(summary.batch)}[/bold]"], rows + _paths(written, "report.html"))


def worst_documents(documents: Iterable[DocumentSummary], n: int = WORST_DOCUMENTS) -> list[DocumentSummary]:
    """The ``n`` documents with the largest share of sentences flagged (ties: the lower mean
    quality score, then input order); documents with nothing flagged are not "worst"."""
    ranked = ((-d.flagged_rate, d.mean_score, k, d) for k, d in enumerate(documents) if d.flagged)
    return [d for *_, d in heapq.nsmallest(n, ranked, key=lambda item: item[:3])]


def compare_lines(comparison: Comparison) -> list[str]:
    """The comparison's result, a line per system and metric test, then a line per system
    with its flagged share against the baseline's (stdout: for people and scripts)."""
    base = comparison.report["baseline"]
    lines = []
    for t in comparison.tests.itertuples():
        verdict = "significant" if t.significant else "not significant"
        lines.append(f"{t.system} vs {base}: {t.metric} {t.score:.2f} ({t.delta:+.2f}; "
                     f"bootstrap p = {t.bootstrap_p:.4f}, AR p = {t.ar_p:.4f}: {verdict})")
    rates = {r["system"]: r["flagged_rate"] for r in comparison.report["systems"]}
    for name, delta in comparison.report["deltas"].items():
        lines.append(f"{name} vs {base}: flagged {rates[name]:.1%} ({100 * delta['flagged_rate']:+.1f} points; "
                     f"{base} {rates[base]:.1%})")
    return lines


def compare_table(comparison: Comparison, written: Sequence[Path], out: Console | None = None) -> None:
    """The end of a comparison (see the module docstring)."""
    view = comparison.view
    base, metrics = view.baseline, view.metric_names
    tests = {(t.system, t.metric): t for t in comparison.tests.itertuples()}
    rates = {r["system"]: r["flagged_rate"] for r in comparison.report["systems"]}
    header = ["system", "sentences", "flagged", "mean quality", *(_label(m) for m in metrics), "best"]
    cells = [header]
    for f in view.systems:
        change = "" if f.name == base else f" ({100 * (rates[f.name] - rates[base]):+.1f})"
        row = [f.name + (" (baseline)" if f.name == base else ""), f"{f.sentences:,}",
               f"{100 * rates[f.name]:.1f}%{change}", f.mean_score]
        row += [_metric_cell(f.metrics[m], comparison.intervals.get(f.name, {}).get(m), tests.get((f.name, m)))
                for m in metrics]
        cells.append([*row, f"{f.best:,}"])
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    lines = ["  ".join(c.ljust(w) if k == 0 else c.rjust(w) for k, (c, w) in enumerate(zip(r, widths))).rstrip()
             for r in cells]
    notes = [f"flagged: the change in points against {base}"]
    if view.unmatched:
        lacks = ", ".join(f"{name} lacks {n:,}" for name, n in view.unmatched.items())
        notes.append(f"sentences: each system's own; not in every input: {lacks} (missing rows in the files); "
                     f"metrics and tests on the {view.matched:,} every system has")
    if metrics:
        notes.append(f"metrics on the {view.shared:,} sentences with a reference, ± half the paired bootstrap's 95% "
                     f"interval; the change against {base}, * significant (p < {view.p_value:g} in both tests)")
    notes.append("best: the translations the compare page marks best")
    _print(out, [f"[bold]{_escape(lines[0])}[/bold]", *map(_escape, lines[1:]),
                 *(f"[dim]{_escape(n)}[/dim]" for n in notes)], _paths(written, "compare.html"))


def _metric_cell(score: str, interval: tuple[float, float] | None, test: Any) -> str:
    cell = score
    if interval is not None:
        cell += f" ± {interval[1]:.2f}"
    if test is not None:
        cell += f" ({test.delta:+.2f}{'*' if test.significant else ''})"
    return cell


def _paths(written: Sequence[Path], page: str) -> list[tuple[str, str]]:
    """The report page as a link, and the other files written beside it."""
    pages = [p for p in written if p.name == page]
    rows = [("report", f"[link={p.resolve().as_uri()}]{_escape(str(p))}[/link]") for p in pages]
    others = [p for p in written if p not in pages]
    if others:
        rows.append(("wrote", _escape(", ".join(str(p) for p in others))))
    return rows


def _print(out: Console | None, lines: list[str], rows: list[tuple[str, str]]) -> None:
    """``lines`` as they are, then ``rows`` as label and value, the values aligned (markup)."""
    width = max((len(label) for label, _ in rows), default=0)
    out = out or console()
    for line in lines:
        out.print(line)
    for label, value in rows:
        out.print(f"{label.ljust(width)}  {value}".rstrip() if label else f"{'':{width}}  {value}")


def _label(metric: str) -> str:
    return METRIC[metric].label if metric in METRIC else metric


def _escape(text: str) -> str:
    from rich.markup import escape
    return escape(text)


def _s(n: int) -> str:
    return "" if n == 1 else "s"
