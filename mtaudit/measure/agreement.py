"""Agreement between systems that knows whom to trust: translations of the same source by
several systems, compared with one another.

- ``pairwise_chrf``: sentence chrF of every translation against every other;
- ``trust``: each system's weight, from how much the others agree with it over the batch
  (a system that usually agrees with the rest is usually right; one that often departs —
  truncating, hallucinating — counts less when it disagrees with someone);
- ``weighted_consensus``: each translation's mean chrF against the others, weighted by trust;
- ``content_agreement``: the same on content words (stems, less stop words), numbers and
  names rather than characters — how many of a translation's content words the others
  (weighted) share, and how many of the words most others agree on it has.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def pairwise_chrf(translations: Sequence[str]) -> list[list[float]]:
    """``m[i][j]``: sentence chrF (0-100) of translation ``i`` against ``j`` as reference
    (``m[i][i]`` is 100)."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    n = len(translations)
    return [[100.0 if i == j else chrf.sentence_score(translations[i], [translations[j]]).score
             for j in range(n)] for i in range(n)]


def weighted_consensus(matrix: Sequence[Sequence[float]], weights: Sequence[float]) -> list[float]:
    """Each translation's trust-weighted mean agreement with the others (its own row of
    ``matrix``, itself left out); unweighted when all weights are equal."""
    n = len(matrix)
    out = []
    for i in range(n):
        total = sum(weights[j] for j in range(n) if j != i)
        out.append(sum(weights[j] * matrix[i][j] for j in range(n) if j != i) / total if total > 0 else 100.0)
    return out


def trust(mean_agreement: Sequence[float], sharpness: float = 1.0) -> list[float]:
    """System weights from each system's mean agreement with the others over a batch:
    ``(a - min) / (max - min)`` raised to ``sharpness``, floored at 0.1 so that nobody is
    ignored (equal weights when all agree equally)."""
    low, high = min(mean_agreement), max(mean_agreement)
    if high - low < 1e-9:
        return [1.0] * len(mean_agreement)
    return [max(0.1, ((a - low) / (high - low)) ** sharpness) for a in mean_agreement]


def content_words(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Lowercased stems of a translation's words less ``stopwords``; numbers as written."""
    from ..checks.dictionary import stem

    out = set()
    for m in _WORD.finditer(text.lower().replace("’", "'")):
        word = m.group().removesuffix("'s")
        if word and word not in stopwords:
            out.add(word if word[0].isdigit() else stem(word))
    return frozenset(out)


def content_agreement(translations: Sequence[str], weights: Sequence[float],
                      stopwords: frozenset[str]) -> list[tuple[float, float]]:
    """Per translation ``(support, recall)``: the mean trust-weighted share of the other
    translations that contain each of its content words (low: words nobody else chose —
    mistranslations, additions), and the share of the content words a weighted majority of
    the others agree on that it contains (low: omissions). (1.0, 1.0) for a lone translation."""
    bags = [content_words(t, stopwords) for t in translations]
    n = len(bags)
    out = []
    for i, bag in enumerate(bags):
        others = [j for j in range(n) if j != i]
        total = sum(weights[j] for j in others)
        if not others or total <= 0:
            out.append((1.0, 1.0))
            continue
        share = lambda w: sum(weights[j] for j in others if w in bags[j]) / total
        support = sum(share(w) for w in bag) / len(bag) if bag else 0.0
        agreed = {w for j in others for w in bags[j] if share(w) > 0.5}
        recall = len(agreed & bag) / len(agreed) if agreed else 1.0
        out.append((support, recall))
    return out
