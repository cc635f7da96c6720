"""Fit the quality models on MQM annotations (``mtaudit calibrate --mqm FILE``).

The annotations file is a TSV with a header and no quoting, one row per translated segment:
``system``, ``doc``, ``seg_id``, ``source``, ``target``, ``reference`` (may be empty) and
``mqm`` (the MQM penalty, higher is worse) — the layout of the WMT MQM releases. Every
system's segments are audited twice (with and without the reference; ``api.calibrate`` does
that), the features of ``quality.features`` are collected into a feature table, and one ridge
regression per setting is fitted on it here.

Figures are held-out: cross-validation leaves one document out at a time, so a model is
always scored on talks or articles it has not seen. Needs scikit-learn
(``pip install 'mtaudit[calibrate]'``); scoring with the fitted file does not.
"""
from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConfigError, InputError
from .quality import SETTINGS, QualityModel
from ..measure.exposure import table_exposures

REQUIRED = ("system", "doc", "seg_id", "source", "target", "mqm")
FLAG_QUANTILE = 0.90  # the model flags the worst 10% (penalty × exposure), beside the findings that always flag


def load_mqm(path: Path) -> pd.DataFrame:
    """The annotations, checked: the required columns, numeric ``mqm``."""
    try:
        df = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, dtype=str)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: cannot read MQM annotations: {exc}") from None
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (need {', '.join(REQUIRED)})")
    try:
        df["mqm"] = df["mqm"].astype(float)
    except ValueError:
        raise InputError(f"{path}: column mqm must be numeric") from None
    if "reference" not in df.columns:
        df["reference"] = ""
    return df.reset_index(drop=True)


@dataclass
class Fit:
    """A fitted model with its held-out figures."""

    model: QualityModel
    heldout: dict[str, float]
    heldout_penalty: pd.Series


def setting_features(table: pd.DataFrame, setting: str) -> pd.DataFrame:
    """The feature matrix of one setting (multi-system = reference-free + agreement)."""
    base = "reference" if setting in ("reference", "reference_ter") else "reference_free"
    # TER is the better edit rate: beside it the word-diff shares only add noise (measured).
    dropped = (":empty", ":diff_missing", ":diff_extra") if setting == "reference_ter" else (":empty", ":ter")
    cols = [c for c in table.columns if c.startswith(f"{base}:") and not c.endswith(dropped)]
    x = table[cols].rename(columns=lambda c: c.split(":", 1)[1]).fillna(0.0)
    if setting == "multi_system":
        x["consensus_gap"] = 1.0 - table["consensus"] / 100
    return x


def fit(table: pd.DataFrame, setting: str, alpha: float = 10.0) -> Fit:
    """Ridge regression of the MQM penalty; held-out figures by leaving one document out."""
    try:
        from sklearn.model_selection import LeaveOneGroupOut
    except ImportError:
        raise ConfigError("calibrate needs scikit-learn: pip install 'mtaudit[calibrate]'") from None
    x = setting_features(table, setting)
    y = np.log1p(table["mqm"].clip(upper=25.0))
    heldout = pd.Series(0.0, index=table.index)
    for train, test in LeaveOneGroupOut().split(x, y, table["doc"]):
        scaler, reg = _fit_within_items(table.iloc[train], x.iloc[train], y.iloc[train], alpha)
        heldout.iloc[test] = y.iloc[train].mean() + reg.predict(scaler.transform(x.iloc[test]))
    scaler, reg = _fit_within_items(table, x, y, alpha)
    penalty = np.expm1(heldout).clip(lower=0)
    model = QualityModel(setting, tuple(x.columns), tuple(float(v) for v in scaler.mean_),
                         tuple(float(v) if v > 0 else 1.0 for v in scaler.scale_),
                         tuple(float(v) for v in reg.coef_), float(y.mean()),
                         float((penalty * table_exposures(table)).quantile(FLAG_QUANTILE)))
    return Fit(model, {"item_kendall": item_grouped_kendall(table, -penalty),
                       "global_kendall": _kendall(-penalty, -table["mqm"])}, penalty)


def _fit_within_items(table: pd.DataFrame, x: pd.DataFrame, y: pd.Series, alpha: float) -> tuple[Any, Any]:
    """Ridge on differences between translations of the same source segment (features and
    penalty minus their per-segment means): the model learns what makes one translation
    worse than another, not which sources are hard — nor that long segments carry more
    errors, the length habit that does not carry over from one genre to another."""
    from sklearn.linear_model import Ridge
    from sklearn.preprocessing import StandardScaler

    items = [table["doc"], table["seg_id"]]
    scaler = StandardScaler().fit(x)
    z = pd.DataFrame(scaler.transform(x), index=x.index)
    z_within = z - z.groupby(items).transform("mean")
    y_within = y - y.groupby(items).transform("mean")
    return scaler, Ridge(alpha=alpha, fit_intercept=False).fit(z_within.to_numpy(), y_within.to_numpy())


def item_grouped_kendall(table: pd.DataFrame, score: pd.Series) -> float:
    """Mean over source segments of Kendall tau-b between score and -MQM across systems;
    segments where the humans tie are left out, a score that ties every system counts 0."""
    taus = []
    for _, group in table.assign(_score=score).groupby(["doc", "seg_id"]):
        if group["mqm"].nunique() < 2:
            continue
        tau = _kendall(group["_score"], -group["mqm"])
        taus.append(0.0 if math.isnan(tau) else tau)
    return sum(taus) / len(taus) if taus else math.nan


def _kendall(a: pd.Series, b: pd.Series) -> float:
    from scipy.stats import kendalltau
    return float(kendalltau(a, b, variant="b").statistic)


def fit_all(table: pd.DataFrame) -> dict[str, Fit]:
    """One fit per setting; without references, the reference models are the reference-free one."""
    with_ref = bool(table.filter(like="reference:").size)
    fits = {s: fit(table, s) for s in SETTINGS if with_ref or s not in ("reference", "reference_ter")}
    for s in ("reference", "reference_ter"):
        fits.setdefault(s, fits["reference_free"])
    return fits


def write_models(fits: dict[str, Fit], out: Path, fitted_on: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"format_version": 1, "fitted_on": fitted_on,
            "models": {s: f.model.as_dict() for s, f in fits.items()},
            "heldout": {s: {k: round(v, 4) for k, v in f.heldout.items()} for s, f in fits.items()}}
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
