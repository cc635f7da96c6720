"""A Markdown gate summary for CI job summaries and pull-request comments."""
from __future__ import annotations

from typing import Any

from ..results import Summary
from .sink import SummaryReporter

_STATUS = {"passed": "✅ passed", "failed": "❌ failed", "not-configured": "no gate configured"}


def _cell(text: Any) -> str:
    """Markdown-table-safe text: no pipes, no line breaks, no HTML."""
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\r", " ").replace("\n", " "))


def render_markdown(summary: Summary) -> str:
    """The batch figures, the gate's breaches and each failing document's worst sentences."""
    gate = summary.gate
    counts = summary.counts
    lines = [f"## mtaudit: {_cell(summary.batch)} — {_STATUS.get(gate.status, gate.status)}",
             "", "| figure | value |", "|---|---|",
             f"| sentences | {counts.sentences} |",
             f"| flagged | {counts.flagged} ({summary.flagged_rate:.1%}) |",
             f"| mean score | {summary.score.get('mean', 0):.1f} |"]
    for name, m in summary.metrics.items():
        ci = f" (95% CI {m.ci_low:.1f}–{m.ci_high:.1f})" if m.ci_low is not None and m.ci_high is not None else ""
        lines.append(f"| {name} | {m.score:.2f}{ci} |")
    sev = counts.by_severity
    lines.append(f"| issues (critical / major / minor) | {sev.get('critical', 0)} / {sev.get('major', 0)} / {sev.get('minor', 0)} |")
    if gate.requirements:
        lines += ["", "**Requirements:** " + ", ".join(f"`{_cell(r)}`" for r in gate.requirements)]
    if gate.breaches:
        lines += ["", "### Breaches", ""] + [f"- {_cell(b.message)}" for b in gate.breaches]
        failing = {b.scope for b in gate.breaches}
        worst = [(d.doc, w) for d in summary.documents if d.doc in failing for w in d.worst]
        if worst:
            lines += ["", "### Worst sentences of failing documents", "",
                      "| doc | seg | score | codes | sentence |", "|---|---|---|---|---|"]
            lines += [f"| {_cell(doc)} | {w.seg} | {w.score:g} | {_cell(' '.join(w.issue_codes))} | "
                      f"{_cell(w.hypothesis)} |" for doc, w in worst]
    return "\n".join(lines) + "\n"


class MarkdownReporter(SummaryReporter):
    """``gate.md``: the Markdown summary."""

    name = "markdown"
    filename = "gate.md"

    def pieces(self, summary: Summary) -> list[str]:
        return [render_markdown(summary)]
