"""Exposure: how much text a unit puts in front of a reader, relative to its document.

A unit twice as long as its document's median unit holds about twice the errors, so it is
likelier to hold a major one; the flag decision weighs the estimated penalty by it (see
``score/scorer.py``). It is measured on the source (or, without one, the reference), never on
the translation itself: a short translation is often an omission, not a clean sentence.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import pandas


Lengths = tuple[bool, int, int]  # a unit's: has a source, its source's length, its reference's (stripped)


def unit_lengths(source: str | None, reference: str | None) -> Lengths:
    """What exposure needs of one unit (all a long document's workers send back for it)."""
    return bool(source), len(source.strip()) if source else 0, len(reference.strip()) if reference else 0


@dataclass(frozen=True)
class Basis:
    """A document's exposure basis: which side it measures and that side's median length."""

    sources: bool
    median: float | None

    def exposure(self, lengths: Lengths) -> float:
        n = lengths[1] if self.sources else lengths[2]
        return round(n / self.median, 4) if n and self.median else 1.0


class BasisCounter:
    """The basis of a document whose units are added in any pieces: the lengths are
    counted (their distinct values, not every unit), and the median is taken as
    ``statistics.median`` takes it, so a document gives the same basis however it is read."""

    def __init__(self) -> None:
        self.any_source = False
        self.counts: tuple[Counter[int], Counter[int]] = (Counter(), Counter())

    def add(self, lengths: Lengths) -> None:
        self.any_source = self.any_source or lengths[0]
        for counts, n in zip(self.counts, lengths[1:]):
            if n:
                counts[n] += 1

    def basis(self) -> Basis:
        return Basis(self.any_source, _median(self.counts[0] if self.any_source else self.counts[1]))


def _median(counts: Counter[int]) -> float | None:
    """``statistics.median`` of the values counted: the middle one, or the mean of the two."""
    total = sum(counts.values())
    if not total:
        return None
    middle = [total // 2] if total % 2 else [total // 2 - 1, total // 2]
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2


def exposures(sources: Sequence[str | None], references: Sequence[str | None] = ()) -> list[float]:
    """Each of a document's units' length (characters, stripped) relative to the document's
    median unit: of their sources, or of their references when the document has no source;
    1.0 for a unit without one."""
    references = references or [None] * len(sources)
    lengths = [unit_lengths(s, r) for s, r in zip(sources, references)]
    counter = BasisCounter()
    for unit in lengths:
        counter.add(unit)
    basis = counter.basis()
    return [basis.exposure(unit) for unit in lengths]


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
