"""A Markdown gate summary for CI job summaries and pull-request comments."""
from __future__ import annotations

import re
from typing import Any

from ..results import Summary
from .sink import SummaryReporter

_STATUS = {"passed": "✅ passed", "failed": "❌ failed", "not-configured": "no gate configured"}


# Backslash-escaped (CommonMark lets any ASCII punctuation be escaped) where they would make
# markup: emphasis, code, links and images, strikethrough, table pipes, headings, an HTML tag
# or autolink (`<` before a letter, '/', '!' or '?'), an entity (`&` before '#' or 'name;').
# An underscore inside a word makes no emphasis and stays as it is (flagged_rate).
_MARKUP = re.compile(r"[\\`*\[\]|~#]|(?<![^\W_])_|_(?![^\W_])|<(?=[A-Za-z/!?])|&(?=#|\w+;)")
# Linked by GitHub after rendering, whatever the escapes: @mentions, #123 references, bare
# URLs. A zero-width space (as an entity: visible in the file) breaks each of them.
_AUTOLINKED = re.compile(r"(?<=@)(?=\w)|(?<=\\#)(?=\d)|(?<=[A-Za-z])(?=://)|(?<=\bwww)(?=\.)", re.IGNORECASE)
# At the start of a list item's text, what would open a block inside it: a quote (>), a list
# item or thematic break (- +; * is escaped anywhere), a numbered item (1. 1) — the . or ) is
# escaped). Leading white space (indented code) is stripped, as a paragraph strips it anyway.
_BLOCK_OPENERS, _NUMBER_ENDS = set(">+-="), set(".)")


def _cell(text: Any) -> str:
    """Text from the batch (names, sentences, messages) as Markdown that renders as that
    text, on one line, in a table cell or a list item: no markup, link, image, HTML,
    mention, reference or block (quote, list, code) made by it."""
    flat = str(text).replace("\r", " ").replace("\n", " ").strip()
    escaped = _MARKUP.sub(lambda m: "\\" + m.group(), flat)
    digits = len(escaped) - len(escaped.lstrip("0123456789"))
    marker = escaped[digits:digits + 1]
    if (digits == 0 and marker in _BLOCK_OPENERS) or (0 < digits <= 9 and marker in _NUMBER_ENDS):
        escaped = escaped[:digits] + "\\" + escaped[digits:]
    return _AUTOLINKED.sub("&#8203;", escaped)


def _code(text: Any) -> str:
    """Text as an inline code span: shown as it is (no escapes or entities inside one),
    fenced with more backticks than it holds."""
    flat = str(text).replace("\r", " ").replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or (flat.startswith(" ") and flat.endswith(" ")) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


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
        lines += ["", "**Requirements:** " + ", ".join(_code(r) for r in gate.requirements)]
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
