"""Agreement between systems on content (research, not wired into the audit; the chrF
consensus that ``compare`` uses is ``measure.consensus``):

- ``content_agreement``: agreement on content words (stems, less stop words), numbers and
  names rather than characters — how many of a translation's content words the others
  (weighted) share, and how many of the words most others agree on it has.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


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
