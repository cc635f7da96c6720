"""Where two line-aligned files drift apart: the diagnosis behind the ``--segments``
line-count error.

Each line is reduced to anchors that survive translation — numbers, capitalised names,
punctuation marks, its length (and, for two texts in one language, its words) — and the two
files are aligned by a banded edit distance over those anchors. The first line either file
has no counterpart for is where the drift most likely starts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]+")
_WORD = re.compile(r"[^\W\d_]+")
_PUNCT = str.maketrans("？！：；“”（）", "?!:;\"\"()")
_MARKS = "?!:;\"()%$€£"
_SKIP = 0.5            # cost of a line without counterpart; a pairing costs 0..1
_MAX_CELLS = 4_000_000  # beyond this the band is too wide to be worth searching


@dataclass(frozen=True)
class Anchors:
    """What one line shows of its content, comparable across languages."""

    numbers: frozenset[str]
    names: frozenset[str]
    marks: tuple[int, ...]
    length: int
    words: frozenset[str]


@dataclass(frozen=True)
class Drift:
    """The first unmatched line: ``line`` (1-based) of the file ``side`` (``a`` or ``b``),
    and the next pair of lines that match again (1-based), if any."""

    side: str
    line: int
    resumes: tuple[int, int] | None


def anchors(line: str) -> Anchors:
    """The anchors of one line."""
    plain = line.translate(_PUNCT)
    return Anchors(frozenset(n.replace(",", "") for n in _NUMBER.findall(plain)),
                   frozenset(_NAME.findall(" " + plain.split(" ", 1)[-1])) if " " in plain else frozenset(),
                   tuple(plain.count(c) for c in _MARKS), len(line.strip()),
                   frozenset(w.lower() for w in _WORD.findall(plain)))


def find_drift(a: list[str], b: list[str]) -> Drift | None:
    """The most likely first line where ``a`` and ``b`` stop corresponding; None when the
    files are too far apart in length to search."""
    n, m = len(a), len(b)
    if (n + 1) * (abs(n - m) + 21) > _MAX_CELLS:
        return None
    xa, xb = [anchors(s) for s in a], [anchors(s) for s in b]
    ratio = (sum(x.length for x in xb) + 1) / (sum(x.length for x in xa) + 1)
    vocab_a = frozenset().union(*(x.words for x in xa))
    vocab_b = frozenset().union(*(x.words for x in xb))
    same_language = len(vocab_a & vocab_b) > 0.1 * min(len(vocab_a), len(vocab_b), 1000)
    moves = _align(xa, xb, ratio, same_language)
    i = j = 0
    for k, (di, dj) in enumerate(moves):
        if (di, dj) != (1, 1):
            side, line = ("a", i + 1) if di else ("b", j + 1)
            ni, nj = i, j
            for di2, dj2 in moves[k:]:
                if (di2, dj2) == (1, 1):
                    return Drift(side, line, (ni + 1, nj + 1))
                ni, nj = ni + di2, nj + dj2
            return Drift(side, line, None)
        i, j = i + di, j + dj
    return None


def drift_message(a_path: Path, a: list[str], b_path: Path, b: list[str]) -> str:
    """One line: both counts, and where the drift starts when it can be found."""
    text = f"line counts differ: {a_path} has {len(a)} lines but {b_path} has {len(b)}"
    drift = find_drift(a, b)
    if drift is None:
        return text
    name = {"a": a_path.name, "b": b_path.name}
    text += f"; they drift apart at line {drift.line}: {name[drift.side]} line {drift.line} has no counterpart"
    if drift.resumes is None:
        return text + " (the extra lines are at the end)"
    ra, rb = drift.resumes
    return f"{text}, {name['a']} line {ra} matches {name['b']} line {rb}"


def _pair_cost(x: Anchors, y: Anchors, ratio: float, same_language: bool) -> float:
    """0 for lines whose anchors agree, 1 for lines that have nothing in common."""
    costs = [min(1.0, abs(math.log((y.length + 5) / ((x.length + 5) * ratio))) / math.log(3))]
    for p, q in ((x.numbers, y.numbers), (x.names, y.names)) + (((x.words, y.words),) if same_language else ()):
        if p or q:
            costs.append(1 - len(p & q) / len(p | q))
    if any(x.marks) or any(y.marks):
        costs.append(sum(abs(u - v) for u, v in zip(x.marks, y.marks)) / max(sum(x.marks) + sum(y.marks), 1))
    return sum(costs) / len(costs)


def _align(xa: list[Anchors], xb: list[Anchors], ratio: float, same_language: bool) -> list[tuple[int, int]]:
    """Moves (1,1), (1,0), (0,1) of the cheapest path within 10 lines of the band between
    the two diagonals. Ties prefer a skip, and the path is read back from the end, so lines
    keep pairing by position as long as possible: the drift is the first line where
    anchors disagree."""
    n, m = len(xa), len(xb)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        lo, hi = max(0, i + min(0, m - n) - 10), min(m, i + max(0, m - n) + 10)
        for j in range(lo, hi + 1):
            if i == j == 0:
                continue
            best, arg = inf, (0, 0)
            for di, dj in ((1, 0), (0, 1), (1, 1)):
                prev = cost.get((i - di, j - dj))
                if prev is None:
                    continue
                c = prev + (_pair_cost(xa[i - 1], xb[j - 1], ratio, same_language) if di and dj else _SKIP)
                if c < best - 1e-9:
                    best, arg = c, (di, dj)
            cost[(i, j)] = best
            back[(i, j)] = arg
    moves = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        moves.append((di, dj))
        i, j = i - di, j - dj
    return moves[::-1]
