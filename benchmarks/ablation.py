"""What each feature of the quality models is worth, held out on TED and news (issue 16).

Audits every system of ``../shared/eval/ted-zhen`` and ``wmt23-news-dev`` in memory as
``mtaudit calibrate`` does (``api.calibration_features``: one audit per system, with and
without the reference), then fits each quality-model setting as shipped
(``score.calibrate.FEATURES``) and with each of its features left out in turn: item-grouped
Kendall of the held-out estimate and review lift of its flags, per set, leaving one document
out (fitted on everything else) and leaving one set out (fitted on the other set alone).

    .venv/bin/python benchmarks/ablation.py [--eval ../shared/eval] [--features reports/calibration-features.pkl]

The feature table takes ~25 min to compute on 2 shared cores; ``--features`` caches it.
"""
from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import pandas as pd

from mqm import EVAL, SETS  # same folder

from mtaudit.api import calibration_features
from mtaudit.score import calibrate
from mtaudit.score.quality import SETTINGS


def load(eval_dir: Path, cache: Path | None) -> pd.DataFrame:
    if cache and cache.is_file():
        return pd.read_pickle(cache)
    table = calibration_features(calibrate.load_sets([eval_dir / SETS[s] / "segments.tsv" for s in ("ted", "news")]))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        table.to_pickle(cache)
    return table


def line(label: str, fit: calibrate.Fit) -> str:
    cells = [f"{name} {fig.item_kendall:.3f} {fig.lift:.2f}@{fig.word_share:.0%}" for name, fig in fit.heldout.items()]
    cells += [f"{name}* {fig.item_kendall:.3f} {fig.lift:.2f}@{fig.word_share:.0%}" for name, fig in fit.lodo.items()]
    return f"  {label:<24}" + "   ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--features", type=Path, help="cache of the audited feature table (pickle)")
    args = ap.parse_args()
    table = load(args.eval, args.features)
    shipped = dict(calibrate.FEATURES)
    print("item K, lift@share of words flagged; per set held out by document, * = fitted on the other set")
    for setting in SETTINGS:
        print(setting)
        print(line("as shipped", calibrate.fit(table, setting)))
        for feature in shipped[setting]:
            calibrate.FEATURES[setting] = tuple(f for f in shipped[setting] if f != feature)
            print(line(f"without {feature}", calibrate.fit(table, setting)))
        calibrate.FEATURES[setting] = shipped[setting]


if __name__ == "__main__":
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    main()
