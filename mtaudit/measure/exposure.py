"""Exposure: how much text a unit puts in front of a reader, relative to its document.

A unit twice as long as its document's median unit holds about twice the errors, so it is
likelier to hold a major one; the flag decision weighs the estimated penalty by it (see
``score/scorer.py``). It is measured on the source (or, without one, the reference), never on
the translation itself: a short translation is often an omission, not a clean sentence.
"""
from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import pandas


def exposures(sources: Sequence[str | None], references: Sequence[str | None] = ()) -> list[float]:
    """Each of a document's units' length (characters, stripped) relative to the document's
    median unit: of their sources, or of their references when the document has no source;
    1.0 for a unit without one."""
    sides = sources if any(sources) or not references else references
    lengths = [len(s.strip()) if s else 0 for s in sides]
    present = [n for n in lengths if n]
    if not present:
        return [1.0] * len(lengths)
    median = statistics.median(present)
    return [round(n / median, 4) if n else 1.0 for n in lengths]


def table_exposures(table: pandas.DataFrame) -> pandas.Series:
    """Each row's exposure (``exposures``) in a sentence table with ``system``, ``doc``,
    ``source`` and optionally ``reference`` columns, per system and document as the audit
    computes it (annotations in calibration, the systems' shared sentences in ``compare``)."""
    import pandas as pd

    out = pd.Series(1.0, index=table.index)
    for _, part in table.groupby(["system", "doc"], sort=False):
        sides = [part[c].fillna("").astype(str).tolist() for c in ("source", "reference") if c in part]
        out.loc[part.index] = exposures(*sides)
    return out
