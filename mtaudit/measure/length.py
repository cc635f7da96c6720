"""Length evidence of omission: a translation much shorter than its source predicts, or
than the other systems' translations of the same source, usually leaves something out.

Lengths: a source counts its CJK characters plus its other words and numbers (one each),
so Chinese and alphabetic sources are measured alike; a translation counts its characters
(whitespace runs as one), which ranks news translations better than words do (measured,
benchmarks/judgment.py). ``LengthModel`` is the expected translation length per source
unit for a batch, fitted robustly (ratio of medians; a few omissions or runaway outputs do
not move it); ``shortfall`` is how far below that a translation falls, in log units,
asymmetric by design: a long translation is not evidence of anything on news (additions
are rare there; longer outputs are, if anything, the more complete ones), so only short
counts. ``relative_length`` is the same against the other systems' translations.
"""
from __future__ import annotations

import math
import re
import statistics
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_OTHER_WORD = re.compile(r"[^\W\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+|\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


def source_units(text: str) -> int:
    """CJK characters plus other words and numbers: ``"习近平2月10日在北京会见了Biden"`` is 14."""
    return len(_CJK.findall(text)) + len(_OTHER_WORD.findall(text))


def target_length(text: str) -> int:
    """Characters, whitespace runs counted as one, ends stripped."""
    return len(_SPACE.sub(" ", text).strip())


def log_ratio(src: str, hyp: str) -> float:
    """log((translation length + 1) / (source units + 1)): the plain length ratio."""
    return math.log((target_length(hyp) + 1) / (source_units(src) + 1))


SHORT_MARGIN = 0.2  # see LengthModel.shortfall


def pair_ratio(src: str | None, hyp: str) -> float | None:
    """A pair's translation characters per source unit; None without a source or translation."""
    units = source_units(src) if src else 0
    chars = target_length(hyp)
    return chars / units if units and chars else None


@dataclass(frozen=True)
class LengthModel:
    """Expected translation characters per source unit (``ratio``)."""

    ratio: float

    @classmethod
    def fit(cls, sources: Sequence[str], translations: Sequence[str]) -> LengthModel:
        """The median of the batch's per-pair ratios over pairs with a non-empty source and
        translation (1.0 without any): the odd omission or runaway output does not move it."""
        return cls.of_ratios(pair_ratio(s, t) for s, t in zip(sources, translations))

    @classmethod
    def of_ratios(cls, ratios: Iterable[float | None]) -> LengthModel:
        """The model of the pairs' ratios (``pair_ratio``; None skipped). An ``array('d')``
        (the up-front pass's, 8 bytes a row) is read in place, without a Python float per
        row; its median is ``statistics.median``'s."""
        if isinstance(ratios, array):
            return cls(float(np.median(np.frombuffer(ratios))) if len(ratios) else 1.0)
        found = [r for r in ratios if r is not None]
        return cls(statistics.median(found) if found else 1.0)

    def features(self, src: str | None, hyp: str) -> dict[str, float]:
        """``len_short`` (the shortfall with ``SHORT_MARGIN``) where there is a source and a
        translation: what the quality model weighs."""
        if not src or not source_units(src) or not hyp.strip():
            return {}
        return {"len_short": round(self.shortfall(src, hyp, SHORT_MARGIN), 4)}

    def shortfall(self, src: str, hyp: str, margin: float = 0.0) -> float:
        """How far the translation falls short of the expected length, as a log ratio less
        ``margin`` (0.0 when it is within the margin, as long or longer; 0.69 at half the
        expected length without a margin). Measured: a margin of 0.2 (18 % shorter than
        expected is still ordinary) helps on TED and news alike, none adds noise on TED's
        short segments."""
        expected = self.ratio * source_units(src)
        return max(0.0, math.log((expected + 1) / (target_length(hyp) + 1)) - margin)


def relative_length(hyp: str, others: Sequence[str]) -> float:
    """log((length + 1) / (median length of the other translations + 1)); 0.0 without others."""
    if not others:
        return 0.0
    return math.log((target_length(hyp) + 1) / (statistics.median(target_length(o) for o in others) + 1))
