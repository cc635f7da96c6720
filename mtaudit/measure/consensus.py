"""Agreement between systems: what several systems agree on is usually right."""
from __future__ import annotations


def consensus(translations: list[str]) -> list[float]:
    """Each translation's mean sentence chrF against the other translations of the same
    source (minimum-Bayes-risk agreement)."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    if len(translations) < 2:
        return [100.0] * len(translations)
    return [sum(chrf.sentence_score(t, [o]).score for j, o in enumerate(translations) if j != i)
            / (len(translations) - 1) for i, t in enumerate(translations)]
