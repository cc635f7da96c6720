"""Sentence alignment of a hypothesis document to its reference (or source) document.

A banded dynamic programme over beads 1-1, 1-2, 2-1, 1-0 and 0-1. The cost of a bead is
Gale and Church's (1993) length cost plus, for same-language sides, a lexical cost (one
minus the Dice overlap of word sets), so a reordered or split sentence still lands on the
reference text it translates.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
# Prior probabilities of bead types (Gale & Church 1993, split evenly between mirror types).
_PRIOR = {(1, 1): 0.89, (1, 2): 0.0445, (2, 1): 0.0445, (1, 0): 0.005, (0, 1): 0.005}
_PRIOR_COST = {k: -math.log(v) for k, v in _PRIOR.items()}
_VARIANCE = 6.8
_LEXICAL_WEIGHT = 6.0
_SKIP_LEXICAL = 0.5
_SQRT2 = math.sqrt(2)


@dataclass(frozen=True)
class Bead:
    """A group of hypothesis sentence indices aligned to a group of other-side indices."""

    hyp: tuple[int, ...]
    other: tuple[int, ...]

    @property
    def kind(self) -> str:
        """``1-1``, ``2-1``, ``1-0`` (hypothesis only), ``0-1`` (other side only) …"""
        return f"{len(self.hyp)}-{len(self.other)}"


def align(hyp: list[str], other: list[str], *, lexical: bool = True) -> list[Bead]:
    """Align two sentence lists in order; every index of both sides is in exactly one bead.

    The search starts in a narrow band around the diagonal and widens it (doubling) while
    the best path runs along the band's edge, where a better path could lie outside it.
    """
    n, m = len(hyp), len(other)
    if n == m and n > 0 and _equal_lengths(hyp, other):
        return [Bead((i,), (i,)) for i in range(n)]
    if n == 0 or m == 0:
        return _by_position(n, m)
    sides = _Sides(hyp, other, lexical)
    width = 8 + min(abs(n - m), 8)
    while True:
        beads = _banded_path(sides, width)
        if beads is not None and (width >= max(n, m) or not _touches_edge(beads, n, m, width)):
            return beads
        width *= 2


class _Sides:
    """Per-sentence lengths (as prefix sums) and word sets of both sides, computed once."""

    def __init__(self, hyp: list[str], other: list[str], lexical: bool) -> None:
        self.n, self.m = len(hyp), len(other)
        self.hyp_cum = list(itertools.accumulate((len(s) for s in hyp), initial=0))
        self.oth_cum = list(itertools.accumulate((len(s) for s in other), initial=0))
        self.ratio = (self.oth_cum[-1] / self.hyp_cum[-1]) if self.hyp_cum[-1] else 1.0
        self.lexical = lexical
        self.hyp_words = [frozenset(_WORD.findall(s.lower())) for s in hyp]
        self.oth_words = [frozenset(_WORD.findall(s.lower())) for s in other]
        # A 1-0 or 0-1 bead costs the same wherever it is (see _length_cost).
        self.skip_cost = _LEXICAL_WEIGHT * _SKIP_LEXICAL if lexical else 0.0

    def bead_cost(self, pi: int, i: int, pj: int, j: int) -> float:
        if pi == i or pj == j:
            return self.skip_cost
        c = _length_cost(self.hyp_cum[i] - self.hyp_cum[pi], self.oth_cum[j] - self.oth_cum[pj], self.ratio)
        if self.lexical:
            if i - pi == 1 and j - pj == 1:
                a, b = self.hyp_words[pi], self.oth_words[pj]
                c += _LEXICAL_WEIGHT * ((1 - 2 * len(a & b) / (len(a) + len(b))) if a and b else float(a != b))
            else:
                c += _LEXICAL_WEIGHT * _lexical_cost(self.hyp_words[pi:i], self.oth_words[pj:j])
        return c


def _band(i: int, n: int, m: int, width: int) -> tuple[int, int]:
    """The other-side indices searched for hypothesis index ``i``."""
    centre = round(i * m / n)
    return max(0, centre - width), min(m, centre + width)


def _banded_path(sides: _Sides, width: int) -> list[Bead] | None:
    """Best path through cells within ``width`` of the diagonal; None if it cannot reach the end."""
    n, m = sides.n, sides.m
    inf = float("inf")
    bounds = [_band(i, n, m, width) for i in range(n + 1)]
    cost = [[inf] * (hi - lo + 1) for lo, hi in bounds]
    back = [[(0, 0)] * (hi - lo + 1) for lo, hi in bounds]
    if bounds[0][0] == 0:
        cost[0][0] = 0.0
    moves = list(_PRIOR_COST.items())
    for i in range(n + 1):
        lo, hi = bounds[i]
        row, row_back = cost[i], back[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for (di, dj), prior in moves:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                plo, phi = bounds[pi]
                if not plo <= pj <= phi:
                    continue
                prev = cost[pi][pj - plo]
                if prev == inf:
                    continue
                c = prev + prior + sides.bead_cost(pi, i, pj, j)
                if c < best:
                    best, arg = c, (di, dj)
            if arg is not None:
                row[j - lo] = best
                row_back[j - lo] = arg
    if bounds[n][1] != m or cost[n][m - bounds[n][0]] == inf:
        return None
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j - bounds[i][0]]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _touches_edge(beads: list[Bead], n: int, m: int, width: int) -> bool:
    """Whether the path comes within one cell of a band edge that is not a document edge."""
    i = j = 0
    for bead in beads:
        i, j = i + len(bead.hyp), j + len(bead.other)
        lo, hi = _band(i, n, m, width)
        if (lo > 0 and j - lo < 2) or (hi < m and hi - j < 2):
            return True
    return False


def _equal_lengths(a: list[str], b: list[str]) -> bool:
    """Same count and every pair within a plausible length ratio: pair by position."""
    return all(0.5 <= (len(y) + 10) / (len(x) + 10) <= 2.0 for x, y in zip(a, b))


def _length_cost(l1: int, l2: int, ratio: float) -> float:
    """Gale & Church: -log P(match | length difference), from a normal approximation.

    A 1-0 or 0-1 bead costs only its prior and lexical constant: the normal model would
    price a lone long sentence so high that the aligner would rather mis-pair everything.
    """
    if l1 == 0 or l2 == 0:
        return 0.0
    mean = (l1 + l2 / ratio) / 2 if ratio else 1.0
    delta = (l2 - l1 * ratio) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    p = math.erfc(abs(delta) / _SQRT2)  # two-sided tail, 2 * (1 - Phi(|delta|))
    return -math.log(max(p, 1e-12))


def _lexical_cost(a: list[frozenset[str]], b: list[frozenset[str]]) -> float:
    """One minus the Dice overlap of the two sides' word sets (a constant for 1-0 and 0-1).

    In a two-sentence group, every sentence must share words with the other side: the
    cost is the larger of the group's dissimilarity and its worst member's, so an unrelated
    sentence is not swallowed into a neighbour's bead.
    """
    if not a or not b:
        return _SKIP_LEXICAL
    wa = frozenset().union(*a)
    wb = frozenset().union(*b)
    if not wa or not wb:
        return 0.0 if wa == wb else 1.0
    dissimilar = 1 - 2 * len(wa & wb) / (len(wa) + len(wb))
    if len(a) == 1 and len(b) == 1:
        return dissimilar
    group, whole = (a, wb) if len(a) > 1 else (b, wa)
    worst = max(1 - len(w & whole) / len(w) if w else 0.0 for w in group)
    return max(dissimilar, worst)


def _by_position(n: int, m: int) -> list[Bead]:
    beads = [Bead((i,), (i,)) for i in range(min(n, m))]
    beads += [Bead((i,), ()) for i in range(m, n)]
    beads += [Bead((), (j,)) for j in range(n, m)]
    return beads
