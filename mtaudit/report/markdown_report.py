"""A Markdown gate summary for CI job summaries and pull-request comments."""
from __future__ import annotations

from typing import Any

from .sink import SummaryReporter

_STATUS = {"passed": "✅ passed", "failed": "❌ failed", "not-configured": "no gate configured"}


def _cell(text: Any) -> str:
    """Markdown-table-safe text: no pipes, no line breaks, no HTML."""
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\r", " ").replace("\n", " "))


def render_markdown(summary: dict[str, Any]) -> str:
    """The batch figures, the gate's breaches and each failing document's worst sentences."""
    gate = summary.get("gate", {})
    counts = summary.get("counts", {})
    lines = [f"## mtaudit: {_cell(summary.get('batch', ''))} — {_STATUS.get(gate.get('status'), gate.get('status'))}",
             "", "| figure | value |", "|---|---|",
             f"| sentences | {counts.get('sentences', 0)} |",
             f"| flagged | {counts.get('flagged', 0)} ({summary.get('flagged_rate', 0):.1%}) |",
             f"| mean score | {summary.get('score', {}).get('mean', 0):.1f} |"]
    for name, m in summary.get("metrics", {}).items():
        ci = f" (95% CI {m['ci_low']:.1f}–{m['ci_high']:.1f})" if "ci_low" in m else ""
        lines.append(f"| {name} | {m['score']:.2f}{ci} |")
    sev = counts.get("by_severity", {})
    lines.append(f"| issues (critical / major / minor) | {sev.get('critical', 0)} / {sev.get('major', 0)} / {sev.get('minor', 0)} |")
    breaches = gate.get("breaches", [])
    if gate.get("requirements"):
        lines += ["", "**Requirements:** " + ", ".join(f"`{_cell(r)}`" for r in gate["requirements"])]
    if breaches:
        lines += ["", "### Breaches", ""] + [f"- {_cell(b['message'])}" for b in breaches]
        failing = {b["scope"] for b in breaches}
        worst = [(d["doc"], w) for d in summary.get("documents", []) if d["doc"] in failing for w in d.get("worst", [])]
        if worst:
            lines += ["", "### Worst sentences of failing documents", "",
                      "| doc | seg | score | codes | sentence |", "|---|---|---|---|---|"]
            lines += [f"| {_cell(doc)} | {w['seg']} | {w['score']:g} | {_cell(' '.join(w['issue_codes']))} | "
                      f"{_cell(w['hypothesis'])} |" for doc, w in worst]
    return "\n".join(lines) + "\n"


class MarkdownReporter(SummaryReporter):
    """``gate.md``: the Markdown summary."""

    name = "markdown"
    filename = "gate.md"

    def pieces(self, summary: dict[str, Any]) -> list[str]:
        return [render_markdown(summary)]
