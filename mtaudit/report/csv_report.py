"""``sentences.csv``: the sentence table for spreadsheets and pandas, formula-safe."""
from __future__ import annotations

import csv

import pandas as pd

from ..model import AuditResult
from .table import sentence_table

# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would read as a formula; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: object) -> object:
    """Undo ``neutralise`` on a cell read back from ``sentences.csv``."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] != "" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def render_csv(table: pd.DataFrame) -> str:
    """UTF-8 CSV with a header and ``\\n`` line ends; every text cell is quoted, so a
    line break or lone carriage return inside a sentence stays inside its cell.

    Every text cell (hypothesis, reference, source, issues and carried-through text) that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
    so that no spreadsheet evaluates it. Numbers are written as numbers.
    """
    safe = table.copy()
    for col in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise)
    return safe.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


class CsvReporter:
    """``sentences.csv``."""

    name = "csv"
    filename = "sentences.csv"

    def render(self, result: AuditResult) -> str:
        return render_csv(sentence_table(result))
