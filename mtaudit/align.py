"""Sentence alignment of a hypothesis document to its reference (or source) document.

A banded dynamic programme over beads 1-1, 1-2, 2-1, 1-0 and 0-1. The cost of a bead is
Gale and Church's (1993) length cost plus, for same-language sides, a lexical cost (one
minus the Dice overlap of word sets), so a reordered or split sentence still lands on the
reference text it translates.
"""
from __future__ import annotations

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
    """Align two sentence lists in order; every index of both sides is in exactly one bead."""
    n, m = len(hyp), len(other)
    if n == m and n > 0 and _equal_lengths(hyp, other):
        return [Bead((i,), (i,)) for i in range(n)]
    if n == 0 or m == 0:
        return _by_position(n, m)
    sides = _Sides(hyp, other, lexical)
    width = 15 + min(abs(n - m), 60)
    while True:
        beads = _banded_path(sides, width)
        if beads is not None:
            return beads
        width *= 2


class _Sides:
    """Per-sentence lengths and word sets of both sides, computed once."""

    def __init__(self, hyp: list[str], other: list[str], lexical: bool) -> None:
        self.n, self.m = len(hyp), len(other)
        self.hyp_len = [len(s) for s in hyp]
        self.oth_len = [len(s) for s in other]
        self.ratio = (sum(self.oth_len) / sum(self.hyp_len)) if sum(self.hyp_len) else 1.0
        self.lexical = lexical
        self.hyp_words = [frozenset(_WORD.findall(s.lower())) for s in hyp]
        self.oth_words = [frozenset(_WORD.findall(s.lower())) for s in other]

    def bead_cost(self, pi: int, i: int, pj: int, j: int) -> float:
        c = _length_cost(sum(self.hyp_len[pi:i]), sum(self.oth_len[pj:j]), self.ratio)
        if self.lexical:
            c += _LEXICAL_WEIGHT * _lexical_cost(self.hyp_words[pi:i], self.oth_words[pj:j])
        return c


def _banded_path(sides: _Sides, width: int) -> list[Bead] | None:
    """Best path through cells within ``width`` of the diagonal; None if it cannot reach the end."""
    n, m = sides.n, sides.m
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = round(i * m / n)
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            if i == 0 and j == 0:
                continue
            best, arg = float("inf"), None
            for (di, dj), prior in _PRIOR_COST.items():
                prev = cost.get((i - di, j - dj))
                if prev is None:
                    continue
                c = prev + prior + sides.bead_cost(i - di, i, j - dj, j)
                if c < best:
                    best, arg = c, (di, dj)
            if arg is not None:
                cost[(i, j)] = best
                back[(i, j)] = arg
    if (n, m) not in back and (n, m) != (0, 0):
        return None
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


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
    p = 2 * (1 - _phi(abs(delta)))
    return -math.log(max(p, 1e-12))


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


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
