"""Does mtaudit's judgment hold on news? Item-grouped Kendall of the score and review lift of
the flags on WMT21 TED zh-en and WMT23 news zh-en (dev half), in every mode (issue 16).

1. As shipped: ``mtaudit audit`` per system (a JSONL table with ``src``, and for TED
   ``ref`` in the reference mode) and ``mtaudit compare`` over every system's
   reference-free audit — the CLI, cached under ``reports/mqm-cache/`` (a cold cache
   takes about 40 minutes on 2 cores); the ``score`` and ``flagged`` columns, scored as
   ``../shared/eval/score_mqm.py`` scores them (``item_kendall_nan0``; ``penalty_lift``
   and the share of words flagged).
2. The research recipe (``recipe.py``; features from ``mtaudit/measure``), held out:
   fitted on both sets less the scored document (``pooled``), and leave one domain out
   (fitted on the other set alone: ``lodo``); flagged: the estimated penalty at or above
   the training data's worst ``--flag-words`` of words.
3. Each recipe feature's coefficient fitted on each set alone: no sign may differ.

    .venv/bin/python benchmarks/judgment.py [--eval ../shared/eval] [--fitter ridge|pairwise] [--features]
"""
from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import mqm
import recipe

MODE_NAMES = {"ref": "one system, reference", "noref": "one system, no reference", "compare": "compare, no reference"}
# The recipe per mode: the shipped model's features less major_accuracy (its sign differs
# between the sets: MT201 misreads news dates and magnitudes), plus what measured on both.
KEPT = [f for f in recipe.BASE if f != "major_accuracy"]
RECIPES = {
    "ref": KEPT + recipe.REFERENCE,
    "noref": KEPT + ["len_short"],
    "compare": KEPT + ["consensus_gap"],
}


def frames(mode: str, names: list[str], eval_dir: Path) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """(audit table, feature frame) of each set that has the mode."""
    out = {}
    for name in names:
        mqm_set = mqm.MQMSet.load(name, eval_dir)
        if mode in mqm_set.modes():
            table = mqm.mode_table(mqm_set, mode)
            out[name] = (table, recipe.feature_frame(name, mode, table))
    return out


def line(name: str, mode: str, r: dict) -> str:
    return (f"{name:<6}{MODE_NAMES[mode]:<27}{r['item_kendall_nan0']:>8.3f}{r.get('penalty_lift', float('nan')):>7.2f}"
            f"{r.get('flag_word_share', float('nan')):>8.1%}{r.get('flag_rate', float('nan')):>9.1%}")


HEADER = f"{'set':<6}{'mode':<27}{'item K':>8}{'lift':>7}{'words':>8}{'flagged':>9}"


def print_features(by_mode: dict[str, dict[str, tuple[pd.DataFrame, pd.DataFrame]]]) -> None:
    """Item-grouped Kendall of each feature alone (negated: features are higher = worse)."""
    print("each feature alone (item K; a sign that differs between the sets rules a feature out)")
    for mode, sets in by_mode.items():
        columns = list(dict.fromkeys(c for _, x in sets.values() for c in x.columns))
        print(f"  {MODE_NAMES[mode]}:")
        for column in columns:
            cells = "  ".join(f"{name} {mqm.figures(t.assign(_x=-x[column]), '_x', None)['item_kendall_nan0']:+.3f}"
                              for name, (t, x) in sets.items() if column in x)
            print(f"    {column:<24}{cells}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=mqm.EVAL)
    ap.add_argument("--sets", default="ted,news")
    ap.add_argument("--fitter", choices=("ridge", "pairwise"), default="ridge")
    ap.add_argument("--flag-words", type=float, default=recipe.FLAG_WORDS)
    ap.add_argument("--features", action="store_true", help="also each candidate feature alone (item K)")
    args = ap.parse_args()
    names = args.sets.split(",")
    by_mode = {mode: frames(mode, names, args.eval) for mode in mqm.MODES}
    if args.features:
        print_features(by_mode)

    print("as shipped (the CLI; `score`, `flagged`)\n" + HEADER)
    for name in names:
        for mode, sets in by_mode.items():
            if name in sets:
                print(line(name, mode, mqm.figures(sets[name][0], eval_dir=args.eval)))

    for protocol, title in (("pooled", "recipe held out: fitted on both sets less the scored document"),
                            ("lodo", "recipe, leave one domain out: fitted on the other set alone")):
        print(f"\n{title} ({args.fitter}; flags at the training data's worst {args.flag_words:.0%} of words)\n"
              + HEADER)
        for mode, sets in by_mode.items():
            if protocol == "lodo" and len(sets) < 2:
                continue
            held = recipe.heldout(sets, RECIPES[mode], protocol if len(sets) > 1 else "domain",
                                  fitter=args.fitter, flag_words=args.flag_words)
            for name, (table, x) in sets.items():
                scored = table.assign(pred_score=-held[name]["pred"], pred_flag=held[name]["flag"].astype(str))
                majors = (x["major_accuracy"] + x["major_fluency"] > 0) | held[name]["flag"]
                also = mqm.figures(scored.assign(pred_flag=majors.astype(str)), "pred_score", "pred_flag", args.eval)
                print(line(name, mode, mqm.figures(scored, "pred_score", "pred_flag", args.eval))
                      + f"   with major findings: {also['penalty_lift']:.2f} at {also['flag_word_share']:.1%}")

    print("\neach feature's coefficient, fitted on one set alone (standardised; higher = worse)")
    for mode, sets in by_mode.items():
        fits = {name: recipe.fit_pooled({name: part}, RECIPES[mode], fitter=args.fitter) for name, part in sets.items()}
        print(f"  {MODE_NAMES[mode]}:")
        for k, feature in enumerate(RECIPES[mode]):
            coefs = "  ".join(f"{name} {fit.coef[k]:+.3f}" for name, fit in fits.items())
            signs = {np.sign(round(fit.coef[k], 3)) for fit in fits.values()} - {0.0}
            print(f"    {feature:<18}{coefs}{'   SIGN DIFFERS' if len(signs) > 1 else ''}")


if __name__ == "__main__":
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    main()
