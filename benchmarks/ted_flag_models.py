"""Can a flag reach P(has_major) >= 0.50 at a 10–20 % flag rate on TED without length?

Held-out (leave one talk out) precision against ``has_major`` of the top 10 / 15 / 20 % of
segments by: the shipped within-segment model's estimated penalty, and a logistic classifier
of ``has_major`` across segments on the same features — without and with log source length
(raw: it flags long units more whatever the unit); and the penalty times the exposure (source
length relative to the talk's median segment, ``mtaudit.measure.exposure.exposures``; mtaudit flags
with power 1) and the classifier with log exposure.

    .venv/bin/python benchmarks/ted_quality.py --features reports/ted-features.pkl   # audits once
    .venv/bin/python benchmarks/ted_flag_models.py reports/ted-features.pkl
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import LeaveOneGroupOut
from sklearn.preprocessing import StandardScaler

from mtaudit.score.calibrate import fit, setting_features
from mtaudit.measure.exposure import table_exposures

RATES = (0.10, 0.15, 0.20)


def precision_at(score: np.ndarray, labels: np.ndarray) -> str:
    """Precision of the top ``RATES`` of segments by score."""
    return " / ".join(f"{labels[score >= np.quantile(score, 1 - r)].mean():.3f}" for r in RATES)


def classifier(x: pd.DataFrame, labels: np.ndarray, docs: pd.Series) -> np.ndarray:
    """Held-out P(has_major) from a logistic regression, one talk left out at a time."""
    out = np.zeros(len(x))
    for train, test in LeaveOneGroupOut().split(x, labels, docs):
        scaler = StandardScaler().fit(x.iloc[train])
        model = LogisticRegression(max_iter=1000).fit(scaler.transform(x.iloc[train]), labels[train])
        out[test] = model.predict_proba(scaler.transform(x.iloc[test]))[:, 1]
    return out


def main() -> None:
    table = pd.read_pickle(sys.argv[1])
    labels = table["has_major"].astype(int).to_numpy()
    print(f"has_major base rate {labels.mean():.3f}; precision at top {' / '.join(f'{r:.0%}' for r in RATES)}")
    for setting in ("reference_free", "reference", "multi_system"):
        x = setting_features(table, setting)
        penalty = fit(table, setting).heldout_penalty.to_numpy()
        print(f"{setting:<15} within-segment model   {precision_at(penalty, labels)}")
        print(f"{'':<15} classifier             {precision_at(classifier(x, labels, table['doc']), labels)}")
        x_len = x.assign(source_length=np.log1p(table["source"].str.len()))
        print(f"{'':<15} classifier + src len   {precision_at(classifier(x_len, labels, table['doc']), labels)}")
        exposure = table_exposures(table).to_numpy()
        for power in (0.5, 1.0, 1.5):
            print(f"{'':<15} model x exposure^{power:<4} {precision_at(penalty * exposure ** power, labels)}")
        x_rel = x.assign(exposure=np.log(exposure))
        print(f"{'':<15} classifier + exposure  {precision_at(classifier(x_rel, labels, table['doc']), labels)}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
