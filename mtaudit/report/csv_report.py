"""``sentences.csv``: the sentence table for spreadsheets and pandas, formula-safe."""
from __future__ import annotations

import csv
import re
from typing import TextIO

import pandas as pd

from ..model import SegmentResult
from ..results import Summary
from .sink import Reporter, Sink
from .table import table_of

# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_WRITE = 500


# A cell that starts with quotes then one of those: ``neutralise`` adds one quote, so that a
# text already starting "'=" stays apart from a neutralised "=" and ``restore`` is exact.
_ESCAPED = re.compile("'*[" + re.escape("".join(FORMULA_STARTS)) + "]")


def neutralise(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would read as a formula (and to one that
    starts with quotes before such a character); other values as they are."""
    if isinstance(value, str) and _ESCAPED.match(value):
        return "'" + value
    return value


def restore(value: object) -> object:
    """Undo ``neutralise`` on a cell read back from ``sentences.csv`` (``restore(neutralise(v)) == v``)."""
    if isinstance(value, str) and value[:1] == "'" and _ESCAPED.match(value, 1):
        return value[1:]
    return value


def render_csv(table: pd.DataFrame, header: bool = True) -> str:
    """UTF-8 CSV with a header and ``\\n`` line ends; every text cell is quoted, so a
    line break or lone carriage return inside a sentence stays inside its cell.

    Every text cell (hypothesis, reference, source, issues and carried-through text) and
    every header cell (a carried-through column's name) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
    so that no spreadsheet evaluates it. Numbers are written as numbers.
    """
    safe = table.copy()
    for col in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise)
    # header cells too: a carried-through column may be named "=HYPERLINK(…)"
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


class CsvReporter(Reporter):
    """``sentences.csv``, written as the sentences come."""

    name = "csv"
    filename = "sentences.csv"

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        return _CsvSink(out, extra_columns)


class _CsvSink:
    """Rows gathered into tables of ``ROWS_PER_WRITE`` (one DataFrame per document would
    cost more than the rows), written as each fills."""

    def __init__(self, out: TextIO, extra_columns: list[str]) -> None:
        self.out, self.extra, self.header = out, extra_columns, True
        self.pending: list[SegmentResult] = []

    def add(self, results: list[SegmentResult]) -> None:
        self.pending += results
        if len(self.pending) >= ROWS_PER_WRITE:
            self._write()

    def close(self, summary: Summary) -> None:
        if self.pending or self.header:  # no rows at all: the header alone
            self._write()

    def _write(self) -> None:
        self.out.write(render_csv(table_of(self.pending, self.extra), header=self.header))
        self.header, self.pending = False, []
