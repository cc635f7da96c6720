"""Sentence alignment of a hypothesis document to its reference (or source) document.

A banded dynamic programme over beads 1-1, 1-2, 2-1, 1-0 and 0-1. The cost of a bead is
Gale and Church's (1993) length cost plus, for same-language sides, a lexical cost (one
minus the Dice overlap of word sets), so a reordered or split sentence still lands on the
reference text it translates. The band follows the diagonal, or, when the path strays far
from it (a block of sentences one side lacks), a coarse alignment of blocks of sentences:
time and memory stay linear in the documents' length (benchmarks/scaling.py).
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
# Most cells searched around the diagonal: per sentence, or in all (so documents up to about
# 250 sentences a side can still be searched whole); beyond it the band follows a coarse
# alignment of blocks of _BLOCK sentences, within _GUIDE_WIDTH of it (doubling while the path
# touches its edge).
_CELLS_PER_SENTENCE = 32
_CELLS_ANYWAY = 65_536
_REFINE = 8  # searches around the path found, at most
_BLOCK = 8
_GUIDE_WIDTH = 16


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
    When the band would grow past ``_CELLS_PER_SENTENCE`` cells per sentence (the path
    strays far from the diagonal: a block of sentences one side lacks), the path is searched
    instead in a band around a coarse alignment of blocks of sentences, which bends where
    the path does: time and memory stay linear in the documents' length instead of growing
    with the block's length times theirs.
    """
    n, m = len(hyp), len(other)
    if n == m and n > 0 and _equal_lengths(hyp, other):
        return [Bead((i,), (i,)) for i in range(n)]
    if n == 0 or m == 0:
        return _by_position(n, m)
    sides = _Sides(hyp, other, lexical)
    width = 8 + min(abs(n - m), 8)
    while True:
        bounds = [_band(i, n, m, width) for i in range(n + 1)]
        if width > 16 and sum(hi - lo + 1 for lo, hi in bounds) > max(_CELLS_PER_SENTENCE * (n + m), _CELLS_ANYWAY):
            break
        found = _banded_path(sides, bounds)
        if found is not None and (width >= max(n, m) or not _touches_edge(found[0], bounds, m)):
            return found[0]
        width *= 2
    return _guided(sides, _coarse_guide(hyp, other, lexical))


def _guided(sides: _Sides, guide: list[tuple[int, int]]) -> list[Bead]:
    """The best path in a band around ``guide``, widened (doubling) while the path runs
    along its edge; then searched again around the path itself while that finds a cheaper
    one (the coarse guide can be some sentences off where the path turns)."""
    n, m = sides.n, sides.m
    width = _GUIDE_WIDTH
    while True:
        bounds = _around(guide, width, m)
        found = _banded_path(sides, bounds)
        if found is not None and (width >= max(n, m) or not _touches_edge(found[0], bounds, m)):
            break
        width *= 2
    for _ in range(_REFINE if width < max(n, m) else 0):
        again = _banded_path(sides, _around(_through(_corners(found[0], 1, n, m), n, m), _GUIDE_WIDTH, m))
        if again is None or again[1] >= found[1]:
            break
        found = again
    return found[0]


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
        # Two neighbours' words, for the 2-1 and 1-2 beads of every cell of a row.
        self.hyp_pairs = [a | b for a, b in zip(self.hyp_words, self.hyp_words[1:])]
        self.oth_pairs = [a | b for a, b in zip(self.oth_words, self.oth_words[1:])]
        # A 1-0 or 0-1 bead costs the same wherever it is (see _length_cost).
        self.skip_cost = _LEXICAL_WEIGHT * _SKIP_LEXICAL if lexical else 0.0

    def one_one(self, pi: int, pj: int) -> float:
        """The cost of hypothesis sentence ``pi`` beside other-side sentence ``pj``."""
        c = _length_cost(self.hyp_cum[pi + 1] - self.hyp_cum[pi], self.oth_cum[pj + 1] - self.oth_cum[pj], self.ratio)
        if self.lexical:
            a, b = self.hyp_words[pi], self.oth_words[pj]
            c += _LEXICAL_WEIGHT * ((1 - 2 * len(a & b) / (len(a) + len(b))) if a and b else float(a != b))
        return c

    def one_two(self, pi: int, pj: int) -> float:
        """Hypothesis sentence ``pi`` beside other-side sentences ``pj`` and ``pj + 1``."""
        c = _length_cost(self.hyp_cum[pi + 1] - self.hyp_cum[pi], self.oth_cum[pj + 2] - self.oth_cum[pj], self.ratio)
        if self.lexical:
            c += _LEXICAL_WEIGHT * _group_cost(self.hyp_words[pi], self.oth_pairs[pj],
                                               (self.oth_words[pj], self.oth_words[pj + 1]))
        return c

    def two_one(self, pi: int, pj: int) -> float:
        """Hypothesis sentences ``pi`` and ``pi + 1`` beside other-side sentence ``pj``."""
        c = _length_cost(self.hyp_cum[pi + 2] - self.hyp_cum[pi], self.oth_cum[pj + 1] - self.oth_cum[pj], self.ratio)
        if self.lexical:
            c += _LEXICAL_WEIGHT * _group_cost(self.oth_words[pj], self.hyp_pairs[pi],
                                               (self.hyp_words[pi], self.hyp_words[pi + 1]))
        return c


def _band(i: int, n: int, m: int, width: int) -> tuple[int, int]:
    """The other-side indices searched for hypothesis index ``i`` around the diagonal."""
    centre = round(i * m / n)
    return max(0, centre - width), min(m, centre + width)


def _coarse_guide(hyp: list[str], other: list[str], lexical: bool) -> list[tuple[int, int]]:
    """The columns a coarse alignment passes through in each row: both sides joined into
    blocks of ``_BLOCK`` sentences and aligned, its bead corners scaled back. The coarse
    grid is searched whole when it is small, else around a coarser alignment still: a
    diagonal band could keep a path that misses the block."""
    n, m = len(hyp), len(other)
    hyp_blocks = [" ".join(hyp[i:i + _BLOCK]) for i in range(0, n, _BLOCK)]
    oth_blocks = [" ".join(other[j:j + _BLOCK]) for j in range(0, m, _BLOCK)]
    sides = _Sides(hyp_blocks, oth_blocks, lexical)
    if (sides.n + 1) * (sides.m + 1) <= _CELLS_ANYWAY:
        found = _banded_path(sides, [(0, sides.m)] * (sides.n + 1))
        assert found is not None  # the whole grid always reaches its end
        blocks = found[0]
    else:
        blocks = _guided(sides, _coarse_guide(hyp_blocks, oth_blocks, lexical))
    return _through(_corners(blocks, _BLOCK, n, m), n, m)


def _corners(beads: list[Bead], scale: int, n: int, m: int) -> list[tuple[int, int]]:
    """Where a path's beads end, each side's index times ``scale`` (at most ``n``, ``m``)."""
    corners, i, j = [(0, 0)], 0, 0
    for bead in beads:
        i, j = i + len(bead.hyp), j + len(bead.other)
        corners.append((min(i * scale, n), min(j * scale, m)))
    return corners


def _through(corners: list[tuple[int, int]], n: int, m: int) -> list[tuple[int, int]]:
    """Per row, the first and last column of the line through ``corners``."""
    guide = [(m, 0)] * (n + 1)
    for (r0, c0), (r1, c1) in zip(corners, corners[1:]):
        for r in range(r0, r1 + 1):
            c = c0 + (r - r0) * (c1 - c0) // (r1 - r0) if r1 > r0 else c0
            lo, hi = guide[r]
            guide[r] = (min(lo, c), max(hi, c1 if r1 == r0 else c))
    return guide


def _around(guide: list[tuple[int, int]], width: int, m: int) -> list[tuple[int, int]]:
    """Each row's columns within ``width`` rows and columns of the guide (it only moves
    right and down, so the nearest rows' ends bound it)."""
    n = len(guide) - 1
    return [(max(0, guide[max(0, i - width)][0] - width), min(m, guide[min(n, i + width)][1] + width))
            for i in range(n + 1)]


def _banded_path(sides: _Sides, bounds: list[tuple[int, int]]) -> tuple[list[Bead], float] | None:
    """Best path through the cells of ``bounds`` (per hypothesis index, the other-side
    indices searched) and its cost; None if it cannot reach the end."""
    n, m = sides.n, sides.m
    inf = float("inf")
    cost = [[inf] * (hi - lo + 1) for lo, hi in bounds]
    back = [[(0, 0)] * (hi - lo + 1) for lo, hi in bounds]
    if bounds[0][0] == 0:
        cost[0][0] = 0.0
    p11, p12, p21, p10, p01 = (_PRIOR_COST[k] for k in ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1)))
    skip = sides.skip_cost
    one_one, one_two, two_one = sides.one_one, sides.one_two, sides.two_one
    empty: list[float] = []
    # The moves in the order of _PRIOR_COST (1-1, 1-2, 2-1, 1-0, 0-1): on a tie the first wins.
    for i in range(n + 1):
        lo, hi = bounds[i]
        row, row_back = cost[i], back[i]
        lo1, hi1 = bounds[i - 1] if i >= 1 else (0, -1)
        lo2, hi2 = bounds[i - 2] if i >= 2 else (0, -1)
        up, up2 = (cost[i - 1] if i >= 1 else empty), (cost[i - 2] if i >= 2 else empty)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            if lo1 <= j - 1 <= hi1 and (prev := up[j - 1 - lo1]) != inf:
                if (c := prev + p11 + one_one(i - 1, j - 1)) < best:
                    best, arg = c, (1, 1)
            if lo1 <= j - 2 <= hi1 and (prev := up[j - 2 - lo1]) != inf:
                if (c := prev + p12 + one_two(i - 1, j - 2)) < best:
                    best, arg = c, (1, 2)
            if lo2 <= j - 1 <= hi2 and (prev := up2[j - 1 - lo2]) != inf:
                if (c := prev + p21 + two_one(i - 2, j - 1)) < best:
                    best, arg = c, (2, 1)
            if lo1 <= j <= hi1 and (prev := up[j - lo1]) != inf:
                if (c := prev + p10 + skip) < best:
                    best, arg = c, (1, 0)
            if j > lo and (prev := row[j - 1 - lo]) != inf:
                if (c := prev + p01 + skip) < best:
                    best, arg = c, (0, 1)
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
    return beads, cost[n][m - bounds[n][0]]


def _touches_edge(beads: list[Bead], bounds: list[tuple[int, int]], m: int) -> bool:
    """Whether the path comes within one cell of a band edge that is not a document edge."""
    i = j = 0
    for bead in beads:
        i, j = i + len(bead.hyp), j + len(bead.other)
        lo, hi = bounds[i]
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


def _group_cost(single: frozenset[str], joined: frozenset[str], group: tuple[frozenset[str], frozenset[str]]) -> float:
    """One minus the Dice overlap of a sentence's words and a two-sentence group's
    (``joined`` is the group's words).

    Every sentence of the group must share words with the other side: the cost is the
    larger of the group's dissimilarity and its worst member's, so an unrelated sentence
    is not swallowed into a neighbour's bead.
    """
    if not single or not joined:
        return 0.0 if single == joined else 1.0
    dissimilar = 1 - 2 * len(single & joined) / (len(single) + len(joined))
    a, b = group
    first = 1 - len(a & single) / len(a) if a else 0.0
    second = 1 - len(b & single) / len(b) if b else 0.0
    worst = second if second > first else first
    return worst if worst > dissimilar else dissimilar


def _by_position(n: int, m: int) -> list[Bead]:
    beads = [Bead((i,), (i,)) for i in range(min(n, m))]
    beads += [Bead((i,), ()) for i in range(m, n)]
    beads += [Bead((), (j,)) for j in range(n, m)]
    return beads
