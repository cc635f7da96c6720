"""Does the calibrated score agree with professional translators? (WMT21 TED zh-en MQM)

Audits every system of ../shared/eval/ted-zhen/ one at a time, without and with the
reference, and computes agreement between systems (compare mode), then scores held-out
predictions (leave one talk out, as ``mtaudit calibrate`` fits) with
../shared/eval/score_mqm.py: global Kendall/Pearson, item-grouped Kendall, system-level
Pearson, flag rate and precision against has_major and fluency_major — beside the
baselines (chrF to the reference, Harper's lint count, output length) and an ablation
(each feature family left out in turn).

    .venv/bin/python benchmarks/ted_quality.py [--eval ../shared/eval] [--features CACHE.pkl]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mqm import EVAL, ROOT, score  # same folder

from mtaudit.api import calibration_features as feature_table
from mtaudit.score.calibrate import fit, load_mqm, setting_features
from mtaudit.score.quality import SETTINGS
from mtaudit.measure.exposure import table_exposures

FAMILIES = {"findings": ["major_accuracy", "major_fluency", "minor_checks"], "grammar": ["grammar_lints"],
            "coverage": ["uncovered_share"], "reference metrics": ["chrf_gap", "bleu_gap", "ter"],
            "word diff": ["diff_missing", "diff_extra"],
            "agreement": ["consensus_gap"]}


def score_table(eval_dir: Path, table: pd.DataFrame, column: str, flag: str | None = None) -> dict:
    """score_mqm.py's figures for one prediction column of the table (higher = better)."""
    pred = ROOT / "reports" / "ted-quality-pred.csv"
    pred.parent.mkdir(exist_ok=True)
    table[["system", "doc", "seg_id", column] + ([flag] if flag else [])].to_csv(pred, index=False)
    return score(eval_dir, pred, flag, column=column)


def heldout_columns(table: pd.DataFrame, setting: str, drop: tuple[str, ...] = ()) -> tuple[pd.Series, pd.Series]:
    """Held-out score (100 - 4 × penalty) and flags (a major finding, or the penalty times
    the exposure at the model's threshold)."""
    kept = table.drop(columns=[c for c in table.columns if c.split(":")[-1] in drop and ":" in c])
    if "consensus_gap" in drop:
        kept = kept.assign(consensus=100.0)
    result = fit(kept, setting)
    penalty = result.heldout_penalty
    base = "reference_free" if setting in ("reference_free", "multi_system") else "reference"
    majors = table[f"{base}:major_accuracy"] + table[f"{base}:major_fluency"] > 0
    flagged = majors | (penalty * table_exposures(table) >= result.model.flag_penalty)
    return (100 - 4 * penalty).clip(lower=0), flagged.astype(int)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--features", type=Path, help="cache the audited features here (pickle)")
    args = ap.parse_args()
    if args.features and args.features.is_file():
        table = pd.read_pickle(args.features)
    else:
        table = feature_table(load_mqm(args.eval / "ted-zhen" / "segments.tsv"))
        if args.features:
            table.to_pickle(args.features)
    table["chrf"] = 100 * (1 - table["reference:chrf_gap"])
    table["harper"] = -table["reference_free:grammar_lints"]
    table["length"] = -table["target"].str.len()
    print(f"{'score':<28}{'item K':>8}{'global K':>9}{'global r':>9}{'sys r':>7}{'flag':>7}{'P(maj)':>8}{'P(flu)':>8}")
    for name in ("chrf", "harper", "length"):
        r = score_table(args.eval, table, name)
        print(f"{'baseline: ' + name:<28}{r['item_kendall_nan0']:>8.3f}{r['global_kendall_tau_b']:>9.3f}"
              f"{r['global_pearson']:>9.3f}{r['system_pearson']:>7.3f}")
    for setting in SETTINGS:
        rows = [("", ())] + [(f"  without {fam}", tuple(cols)) for fam, cols in FAMILIES.items()
                             if set(cols) & set(setting_features(table, setting).columns)]
        for label, drop in rows:
            table["q"], table["f"] = heldout_columns(table, setting, drop)
            r = score_table(args.eval, table, "q", "f")
            print(f"{label or setting:<28}{r['item_kendall_nan0']:>8.3f}{r['global_kendall_tau_b']:>9.3f}"
                  f"{r['global_pearson']:>9.3f}{r['system_pearson']:>7.3f}{r['flag_rate']:>7.3f}"
                  f"{r['has_major_precision']:>8.3f}{r['fluency_major_precision']:>8.3f}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
