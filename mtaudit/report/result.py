"""A finished audit held in memory: its per-sentence results and the summary."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import SegmentResult
from ..results import Summary

if TYPE_CHECKING:
    import pandas


@dataclass
class AuditResult:
    """Per-segment results in input order, the summary, and the carried-through columns.

    ``sentences`` is the per-sentence table (the columns of ``sentences.csv``) as a pandas
    DataFrame, typed (``df[df.flagged]``; see ``table.sentence_frame``)."""

    results: list[SegmentResult]
    summary: Summary
    extra_columns: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> pandas.DataFrame:
        from .table import sentence_frame
        return sentence_frame(self.results, self.extra_columns)
