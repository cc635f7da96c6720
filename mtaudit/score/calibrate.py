"""Fit the quality models on MQM annotations (``mtaudit calibrate --mqm FILE [--mqm FILE ...]``).

An annotations file is a TSV with a header and no quoting, one row per translated segment:
``system``, ``doc``, ``seg_id``, ``source``, ``target``, ``reference`` (may be empty) and
``mqm`` (the MQM penalty, higher is worse) — the layout of the WMT MQM releases. Each file is
one *set* (a domain: TED talks, news); several are fitted together, each set's segments
grouped apart. Every system's segments are audited (with and without the reference;
``api.calibration_features`` does that), the features of ``quality.features`` are collected
into a feature table, and one ridge regression per setting is fitted on it here; the
reference settings on the sets that have references.

Figures are held out (``heldout.py``): leaving one document out at a time, and with several
sets leaving one set out (fitted on the others: does the model carry to a domain it has not
seen?). Needs scikit-learn (``pip install 'mtaudit[calibrate]'``); scoring with the fitted
file does not.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConfigError, InputError
from .heldout import ITEM, Figures, figures, flag_cut
from .quality import SETTINGS, QualityModel

REQUIRED = ("system", "doc", "seg_id", "source", "target", "mqm")
# Each setting's features (quality.features), as measured on TED and news held out, pooled and
# leaving one domain out (benchmarks/judgment.py; notes in benchmarks/README.md); no weight may
# take opposite signs on the two domains (each fitted alone). Without a reference, minor
# findings and grammar lints are left out (they do: TED +0.027/-0.006, news -0.006/+0.017),
# major accuracy findings kept (since MT201 reads news dates and magnitudes, +0.031/+0.008);
# the translation's length against the others adds nothing beside agreement (and changes
# sign); the batch's coverage helps one system's audit on both domains (news 0.159 -> 0.306,
# TED 0.109 -> 0.118) but not as a feature when comparing systems (it breaks TED's many ties
# between identical translations); there it weighs each system's vote in the agreement instead
# (measure/consensus.py: news 0.299 -> 0.321 held out, TED flat), and the sentence's own
# uncovered share adds nothing beside that agreement. TER makes the word-diff shares noise. The reference models are fitted on TED alone.
FEATURES = {
    "reference": ("bleu_gap", "chrf_gap", "diff_extra", "diff_missing", "grammar_lints", "major_accuracy",
                  "major_fluency", "minor_checks", "uncovered_share", "batch_uncovered"),
    "reference_ter": ("bleu_gap", "chrf_gap", "grammar_lints", "major_accuracy", "major_fluency", "minor_checks",
                      "ter", "uncovered_share", "batch_uncovered"),
    "reference_free": ("major_accuracy", "major_fluency", "uncovered_share", "len_short", "batch_uncovered"),
    "multi_system": ("major_accuracy", "major_fluency", "consensus_gap"),
}
# Flagged: the segments the model estimates worst, holding this share of the annotated words
# (per set, the cuts averaged, so each domain weighs the same).
FLAG_WORDS = 0.15


def load_mqm(path: Path, name: str | None = None) -> pd.DataFrame:
    """One annotations file, checked (the required columns, numeric ``mqm``), its rows
    tagged with the set's ``name`` (default: the file's stem)."""
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
    return df.assign(set=name or path.stem).reset_index(drop=True)


def load_sets(paths: Sequence[Path]) -> pd.DataFrame:
    """Several annotation files as one table, each its own ``set`` (``set_names``)."""
    if not paths:
        raise InputError("calibrate needs at least one MQM file")
    frames = [load_mqm(p, n) for p, n in zip(paths, set_names(paths))]
    return pd.concat(frames, ignore_index=True)


def set_names(paths: Sequence[Path]) -> list[str]:
    """Each file's stem; its folder's name when stems repeat (``ted-zhen/segments.tsv``)."""
    stems = [p.stem for p in paths]
    names = stems if len(set(stems)) == len(stems) else [p.resolve().parent.name for p in paths]
    if len(set(names)) < len(names):
        raise InputError("two MQM files have the same name and folder; give them distinct names")
    return names


@dataclass
class Fit:
    """A fitted model with its held-out figures per set: ``heldout`` (leave one document
    out, fitted on everything else) and ``lodo`` (leave one set out, fitted on the others);
    ``estimate`` and ``flagged``: each row's held-out log(1 + penalty) and flag (leave one
    document out), for benchmarks that weigh other rules."""

    model: QualityModel
    heldout: dict[str, Figures]
    lodo: dict[str, Figures] = field(default_factory=dict)
    estimate: pd.Series | None = None
    flagged: pd.Series | None = None


def setting_features(table: pd.DataFrame, setting: str) -> pd.DataFrame:
    """The feature matrix of one setting (``FEATURES``): the reference settings read the
    audit with the reference, the others the one without; multi-system adds agreement."""
    base = "reference" if setting in ("reference", "reference_ter") else "reference_free"
    x = pd.DataFrame(index=table.index)
    for name in FEATURES[setting]:
        column = f"{base}:{name}"
        if name == "consensus_gap":
            x[name] = 1.0 - table["consensus"] / 100
        else:
            x[name] = table[column] if column in table else 0.0
    return x.fillna(0.0)


def rows_for(table: pd.DataFrame, setting: str) -> pd.DataFrame:
    """The rows a setting is fitted on: the reference settings need the audit with a reference."""
    if setting in ("reference", "reference_ter"):
        return table[table.get("reference:chrf_gap", pd.Series(np.nan, index=table.index)).notna()]
    return table


def fit(table: pd.DataFrame, setting: str, alpha: float = 10.0, x: pd.DataFrame | None = None) -> Fit:
    """Ridge regression of log(1 + MQM) within items; held-out figures by leaving one
    document out and, with several sets, one set out. ``x``: a feature matrix to fit instead
    of the setting's (research: a candidate feature beside the shipped ones)."""
    table = rows_for(table, setting)
    x = setting_features(table, setting) if x is None else x.loc[table.index]
    y = np.log1p(table["mqm"].clip(upper=25.0))
    heldout, flagged = pd.Series(0.0, index=table.index), pd.Series(False, index=table.index)
    groups = table["set"] + "\0" + table["doc"]
    for group in groups.unique():
        test = (groups == group).to_numpy()
        model = _fit_model(table[~test], x[~test], y[~test], setting, alpha)
        heldout[test], flagged[test] = _estimate(model, x[test])
    final = _fit_model(table, x, y, setting, alpha)
    fitted = Fit(final, {name: figures(part, heldout[part.index], flagged[part.index])
                         for name, part in table.groupby("set", sort=False)}, estimate=heldout, flagged=flagged)
    for name in table["set"].unique() if table["set"].nunique() > 1 else ():
        test = (table["set"] == name).to_numpy()
        model = _fit_model(table[~test], x[~test], y[~test], setting, alpha)
        estimate, flags = _estimate(model, x[test])
        fitted.lodo[name] = figures(table[test], pd.Series(estimate, index=table.index[test]),
                                    pd.Series(flags, index=table.index[test]))
    return fitted


def log_penalty(model: QualityModel, x: pd.DataFrame) -> np.ndarray:
    """The model's estimated log(1 + penalty) of each row of a feature table (before the
    clip at 0 that ``QualityModel.penalty`` applies: ranks are what the figures need)."""
    z = (x[list(model.features)].to_numpy(dtype=float) - np.array(model.mean)) / np.array(model.scale)
    return model.intercept + z @ np.array(model.coef)


def _estimate(model: QualityModel, x: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Estimated log(1 + penalty) and the flag of each row."""
    estimate = log_penalty(model, x)
    return estimate, estimate >= np.log1p(model.flag_penalty)


def _fit_model(table: pd.DataFrame, x: pd.DataFrame, y: pd.Series, setting: str, alpha: float) -> QualityModel:
    scaler, reg = _fit_within_items(table, x, y, alpha)
    model = QualityModel(setting, tuple(x.columns), tuple(float(v) for v in scaler.mean_),
                         tuple(float(v) if v > 0 else 1.0 for v in scaler.scale_),
                         tuple(float(v) for v in reg.coef_), float(y.mean()), 0.0)
    cut = flag_cut(table, log_penalty(model, x), FLAG_WORDS)
    return replace(model, flag_penalty=float(np.expm1(cut)))


def _fit_within_items(table: pd.DataFrame, x: pd.DataFrame, y: pd.Series, alpha: float) -> tuple[Any, Any]:
    """Ridge on differences between translations of the same source segment (features and
    penalty minus their per-segment means): the model learns what makes one translation
    worse than another, not which sources are hard — nor that long segments carry more
    errors, the length habit that does not carry over from one genre to another."""
    try:
        from sklearn.linear_model import Ridge
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        raise ConfigError("calibrate needs scikit-learn: pip install 'mtaudit[calibrate]'") from None

    items = [table[c] for c in ITEM]
    scaler = StandardScaler().fit(x)
    z = pd.DataFrame(scaler.transform(x), index=x.index)
    z_within = z - z.groupby(items).transform("mean")
    y_within = y - y.groupby(items).transform("mean")
    return scaler, Ridge(alpha=alpha, fit_intercept=False).fit(z_within.to_numpy(), y_within.to_numpy())


def fit_all(table: pd.DataFrame) -> dict[str, Fit]:
    """One fit per setting; without references, the reference models are the reference-free one."""
    with_ref = "reference:chrf_gap" in table and table["reference:chrf_gap"].notna().any()
    fits = {s: fit(table, s) for s in SETTINGS if with_ref or s not in ("reference", "reference_ter")}
    for s in ("reference", "reference_ter"):
        fits.setdefault(s, fits["reference_free"])
    return fits


def write_models(fits: dict[str, Fit], out: Path, fitted_on: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"format_version": 1, "fitted_on": fitted_on,
            "models": {s: f.model.as_dict() for s, f in fits.items()},
            "heldout": {s: {name: fig.as_dict() for name, fig in f.heldout.items()} for s, f in fits.items()},
            "leave_one_set_out": {s: {name: fig.as_dict() for name, fig in f.lodo.items()}
                                  for s, f in fits.items() if f.lodo}}
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
