"""The figures a calibration reports on held-out segments, as ``score_mqm.py`` defines them:
item-grouped Kendall of the estimate (translations of one source ranked against the experts'
MQM) and the review lift of the flags (the share of the MQM penalty in flagged segments over
the share of words flagged: what a reviewer finds per word read, 1.0 at random)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

ITEM = ["set", "doc", "seg_id"]


@dataclass(frozen=True)
class Figures:
    """One set's held-out figures."""

    item_kendall: float
    lift: float
    word_share: float
    flag_rate: float
    segments: int

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}

    def __str__(self) -> str:
        return (f"item-grouped Kendall {self.item_kendall:.3f}, flags: lift {self.lift:.2f} "
                f"at {self.word_share:.1%} of words ({self.flag_rate:.1%} of segments)")


def words(table: pd.DataFrame) -> np.ndarray:
    """Whitespace words of each translation (as score_mqm.py counts them)."""
    return table["target"].str.split().str.len().fillna(0).to_numpy(dtype=float)


def figures(table: pd.DataFrame, estimate: pd.Series, flagged: pd.Series) -> Figures:
    """The figures of an estimated penalty (higher is worse) and flags on annotated rows."""
    flag = flagged.to_numpy(dtype=bool)
    pen, w = table["mqm"].to_numpy(dtype=float), words(table)
    share = w[flag].sum() / w.sum() if w.sum() else math.nan
    lift = (pen[flag].sum() / pen.sum()) / share if flag.any() and pen.sum() and share else math.nan
    return Figures(item_grouped_kendall(table, -estimate), float(lift), float(share), float(flag.mean()), len(table))


def flag_cut(table: pd.DataFrame, estimate: np.ndarray, share: float) -> float:
    """The estimate at or above which a set's worst-estimated segments hold ``share`` of its
    words (a word-weighted quantile), per set, averaged over the sets."""
    cuts = []
    for _, index in pd.Series(range(len(table))).groupby(table["set"].to_numpy()).indices.items():
        part, w = estimate[index], words(table.iloc[index])
        order = np.argsort(-part, kind="stable")
        reach = int(np.searchsorted(np.cumsum(w[order]), share * w.sum()))
        cuts.append(float(part[order][min(reach, len(order) - 1)]))
    return float(np.mean(cuts))


def item_grouped_kendall(table: pd.DataFrame, score: pd.Series) -> float:
    """Mean over source segments of Kendall tau-b between score and -MQM across systems;
    segments where the humans tie are left out, a score that ties every system counts 0."""
    from scipy.stats import kendalltau

    taus = []
    for _, group in table.assign(_score=score.to_numpy()).groupby(ITEM):
        if group["mqm"].nunique() < 2:
            continue
        tau = float(kendalltau(group["_score"], -group["mqm"], variant="b").statistic)
        taus.append(0.0 if math.isnan(tau) else tau)
    return sum(taus) / len(taus) if taus else math.nan
