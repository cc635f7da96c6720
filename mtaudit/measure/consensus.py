"""Agreement between systems: what several systems agree on is usually right.

``consensus`` is each translation's mean sentence chrF against the other systems'
translations of the same source (minimum-Bayes-risk agreement). With ``weights`` the others
vote by how far their system is trusted (``trust``: in ``compare``, from each system's
dictionary coverage of the batch's sources, so a system that leaves much of the source
untranslated counts less); systems that wrote the identical text share their mean weight,
so identical translations keep identical figures. Figures are rounded to ``DIGITS`` decimals,
as reports show them: float noise would otherwise split identical translations' ties, and
``compare`` and ``calibrate`` must see the same figures.
"""
from __future__ import annotations

from collections.abc import Sequence

TRUST_FLOOR = 0.1  # nobody's vote is ignored
DIGITS = 2


def trust(goodness: Sequence[float | None], sharpness: float = 1.0) -> list[float]:
    """System weights from one batch-level figure per system, higher is better:
    ``(g - min) / (max - min)`` raised to ``sharpness``, floored at ``TRUST_FLOOR``; equal
    weights when the figures are all equal or any is unknown."""
    if any(g is None for g in goodness) or len(goodness) < 2:
        return [1.0] * len(goodness)
    known = [float(g) for g in goodness]  # type: ignore[arg-type]
    low, high = min(known), max(known)
    if high - low < 1e-9:
        return [1.0] * len(known)
    return [max(TRUST_FLOOR, ((g - low) / (high - low)) ** sharpness) for g in known]


def pooled(translations: Sequence[str], weights: Sequence[float]) -> list[float]:
    """``weights`` with the translations of identical text (less outer spaces) sharing
    their writers' mean weight."""
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(translations):
        groups.setdefault(t.strip(), []).append(i)
    out = list(map(float, weights))
    for members in groups.values():
        if len(members) > 1:
            mean = sum(weights[i] for i in members) / len(members)
            for i in members:
                out[i] = mean
    return out


def consensus(translations: Sequence[str], weights: Sequence[float] | None = None) -> list[float]:
    """Each translation's (weighted) mean sentence chrF against the other translations of
    the same source, to ``DIGITS`` decimals; 100 for a lone translation."""
    from sacrebleu.metrics import CHRF

    n = len(translations)
    if n < 2:
        return [100.0] * n
    w = pooled(translations, weights) if weights is not None else [1.0] * n
    chrf = CHRF()
    out = []
    for i, t in enumerate(translations):
        others = [j for j in range(n) if j != i]
        total = sum(w[j] for j in others)
        out.append(round(sum(w[j] * chrf.sentence_score(t, [translations[j]]).score for j in others) / total, DIGITS))
    return out
