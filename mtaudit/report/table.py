"""The per-sentence table: the columns of ``sentences.csv`` (and ``AuditResult.sentences``)."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..catalog import CSV_METRICS, NOTICE_CODES
from ..model import Issue, SegmentResult
from ..read.translation_files import META_TYPES

# The source's dictionary coverage (a measured feature) came after the metrics, so it follows
# them; the flag score (the number the flag is drawn from) came last. Since issue 16 the flag
# reads the score itself (the unit's length no longer weighs it), so flag_score equals score;
# the column stays so that readers of it keep working.
SENTENCE_METRICS = [*CSV_METRICS, "src_coverage"]
COLUMNS = ["doc", "seg", "hypothesis", "reference", "source", "score", "flagged", "verdict",
           "issue_codes", "issues", *SENTENCE_METRICS, "flag_score"]


def sentence_table(results: list[SegmentResult], extra_columns: list[str]) -> pd.DataFrame:
    """One row per result in input order: ``COLUMNS``, then the carried-through columns
    (see ``table_of``)."""
    return table_of(results, extra_columns)


def sentence_frame(results: list[SegmentResult], extra_columns: list[str]) -> pd.DataFrame:
    """The sentence table typed for pandas (``AuditResult.sentences``): ``flagged`` a
    boolean, ``issue_codes`` and ``issues`` lists, scores and metrics floats, and the
    translation files' columns typed (``fuzzy`` a boolean; ``line``, ``plural_form``
    integers; a row of another input has them missing). ``sentences.csv`` writes them as text."""
    table = table_of(results, extra_columns)
    table["flagged"] = pd.Series([r.flagged for r in results], index=table.index, dtype=bool)
    table["issue_codes"] = pd.Series([list(dict.fromkeys(i.code for i in r.issues)) for r in results],
                                     index=table.index, dtype=object)
    table["issues"] = pd.Series([[format_issue(i) for i in r.issues] for r in results], index=table.index, dtype=object)
    for header, column in extra_headers(extra_columns).items():
        kind = META_TYPES.get(column)
        if kind is not None:
            text = table[header].replace({"": None, "true": True, "false": False} if kind == "boolean" else {"": None})
            table[header] = text.astype(kind)
    return table


def table_of(results: list[SegmentResult], extra_columns: list[str]) -> pd.DataFrame:
    """The table of these results: ``COLUMNS``, then the carried-through columns.

    A sentence metric without a reference is NaN (an empty CSV cell); a carried-through
    column missing from a segment's ``meta`` is the empty string; one whose name is taken
    by mtaudit (say an input column ``score``) is headed ``input_score``.
    """
    extra = extra_headers(extra_columns)
    table = pd.DataFrame([table_row(r, extra) for r in results], columns=COLUMNS + list(extra))
    return table.astype({"score": float, "flag_score": float, **{m: float for m in SENTENCE_METRICS}})


def issue_cells(issues: list[Issue]) -> dict[str, str]:
    """A row's ``issue_codes`` (each code once) and ``issues`` (each one formatted) cells."""
    return {"issue_codes": " ".join(dict.fromkeys(i.code for i in issues)),
            "issues": "; ".join(format_issue(i) for i in issues)}


def format_issue(issue: Issue) -> str:
    """``CODE severity start-end: message → suggestion`` (the suggestion only when there is one)."""
    text = f"{issue.code} {issue.severity} {issue.start}-{issue.end}: {issue.message}"
    return f"{text} → {issue.suggestion}" if issue.suggestion else text


_ISSUE = re.compile(r"(?:^|; )(\S+) (minor|major|critical) (\d+)-(\d+): ")


def parse_issues(text: str) -> list[Issue]:
    """The issues of a ``sentences.csv`` cell, back as ``Issue``s (code, severity, span and
    the check's category; messages are not needed to score and are left empty)."""
    from ..checks import REGISTRY

    out = []
    for code, severity, start, end in _ISSUE.findall(text or ""):
        check = REGISTRY.get(code)
        notice = code in NOTICE_CODES
        engine = "mtaudit" if check or notice else code.split(":", 1)[0]
        category = check.category if check else ("Other" if notice else "Fluency/Grammar")
        out.append(Issue(code, category, severity, int(start), int(end), "", engine=engine))
    return out


def extra_headers(extra_columns: list[str]) -> dict[str, str]:
    """Each carried-through column's header to its name: the name itself, or ``input_<name>``
    where mtaudit has the name (an input column ``score``), prefixed again while another
    column holds that (``score`` beside an input ``input_score``: ``input_input_score``)."""
    used = set(COLUMNS) | {c for c in extra_columns if c not in COLUMNS}
    headers: dict[str, str] = {}
    for c in extra_columns:
        header = c
        if c in COLUMNS:
            header = f"input_{c}"
            while header in used:
                header = f"input_{header}"
            used.add(header)
        headers[header] = c
    return headers


def table_row(r: SegmentResult, extra: dict[str, str]) -> dict[str, Any]:
    """One result as a row of the table (``extra``: see ``extra_headers``)."""
    seg = r.segment
    row: dict[str, Any] = {
        "doc": seg.doc, "seg": seg.seg, "hypothesis": seg.hyp,
        "reference": seg.ref or "", "source": seg.src or "",
        "score": round(r.score, 2), "flagged": "true" if r.flagged else "false", "verdict": r.verdict,
        **issue_cells(r.issues),
    }
    row.update({m: round(r.metrics[m], 2) if m in r.metrics else None for m in CSV_METRICS})
    row["src_coverage"] = round(r.features["src_coverage"], 4) if "src_coverage" in r.features else None
    row["flag_score"] = r.score
    row.update({header: seg.meta.get(col, "") for header, col in extra.items()})
    return row
