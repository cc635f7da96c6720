"""Dense minor findings as a flag (``scorer.dense_minors``, issue 16): what the rule adds to the
flags of every mode on TED and news MQM, and to a target-only audit's.

The CLI audits of ``judgment.py`` (cached; ``MQM_CACHE_KEY`` pins a key) are read back; each
row's flag is rebuilt without the rule, as the scorer draws it (the score at or below its
setting's line, a critical finding, a major one outside compare, a score under 50), and with
it at several thresholds: at least K minor findings, one for every W words or more. For each:
how many segments the rule adds, their review lift alone, and the mode's lift and share of
words flagged with them.

Target-only (no source, no reference) is simulated from the reference-free audits: the
findings of checks that need a source or a reference (MT2xx, MT3xx, MT4xx) dropped and the
score recomputed by the shipped reference-free model from what is left (no ``src_coverage``,
``len_short``, ``batch_coverage``): what ``mtaudit audit hyp.txt`` alone would give, but for
document-level checks that read nothing of the source.

    .venv/bin/python benchmarks/dense_flags.py [--eval ../shared/eval]
"""
from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import mqm

from mtaudit.config import AuditConfig
from mtaudit.model import Issue
from mtaudit.report.table import parse_issues
from mtaudit.score.scorer import DENSE_MINORS, DENSE_WORDS, MAJOR_FLAGS, REJECT_BELOW, Scorer

SETTING_OF = {"ref": "reference", "noref": "reference_free", "compare": "multi_system", "target": "reference_free"}
GRID = [(k, w) for k in (2, 3, 4) for w in (4, 6, 8, 10, 20)]
SCORER = Scorer.from_config(AuditConfig())


def undense_flags(scores: np.ndarray, found: list[list[Issue]], setting: str) -> np.ndarray:
    """Each row's flag as the scorer draws it, less the dense-minors rule."""
    line = SCORER.line(setting)
    severe = ("critical", "major") if setting in MAJOR_FLAGS else ("critical",)
    return np.array([line.flags(s) or s < REJECT_BELOW or any(i.severity in severe for i in f)
                     for s, f in zip(scores, found)])


def target_only(table: pd.DataFrame) -> tuple[np.ndarray, list[list[Issue]]]:
    """The reference-free rows as a target-only audit would score them: scores and findings."""
    found = [[i for i in parse_issues(s or "") if not i.code.startswith(("MT2", "MT3", "MT4"))]
             for s in table["issues"]]
    scores = np.array([SCORER.score(hyp, f)[0] for hyp, f in zip(table["target"], found)])
    return scores, found


def lift(table: pd.DataFrame, flag: np.ndarray) -> tuple[float, float]:
    f = mqm.figures(table.assign(_f=np.where(flag, "true", "false")), "score", "_f")
    return f["penalty_lift"], f["flag_word_share"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", default=mqm.EVAL)
    args = ap.parse_args()
    for name in ("ted", "news"):
        mqm_set = mqm.MQMSet.load(name, args.eval)
        for mode in ("target",) + mqm_set.modes():
            table = mqm.mode_table(mqm_set, "noref" if mode == "target" else mode)
            if mode == "target":
                scores, found = target_only(table)
            else:
                scores, found = table["score"].to_numpy(dtype=float), [parse_issues(s or "") for s in table["issues"]]
            base = undense_flags(scores, found, SETTING_OF[mode])
            minors = np.array([sum(i.severity == "minor" and i.code not in ("engine-error", "engine-skip") for i in f)
                               for f in found])
            words = np.maximum(mqm.words(table["target"]), 1)
            penalty, all_words = table["mqm"].to_numpy(dtype=float), mqm.words(table["target"])
            base_lift, base_words = lift(table, base)
            print(f"{name:<5}{mode:<8} without the rule: lift {base_lift:.3f} at {base_words:.1%} of words; "
                  f"segments with >= 1/2/3 minor findings: {[int((minors >= n).sum()) for n in (1, 2, 3)]} of {len(table)}")
            for k, w in GRID:
                dense = (minors >= k) & (minors * w >= words)
                added = dense & ~base
                alone = ((penalty[added].sum() / penalty.sum()) / (all_words[added].sum() / all_words.sum())
                         if added.any() else float("nan"))
                new_lift, new_words = lift(table, base | dense)
                mark = "  <- shipped" if (k, w) == (DENSE_MINORS, DENSE_WORDS) else ""
                print(f"    >= {k} findings, 1 per {w:>2} words: dense {dense.sum():3d}, added {added.sum():3d} "
                      f"(lift alone {alone:5.2f}, mean MQM {penalty[added].mean() if added.any() else float('nan'):5.2f})"
                      f" -> lift {new_lift:.3f} at {new_words:.1%}{mark}")
        print(f"{name:<5}mean MQM of a segment {table['mqm'].astype(float).mean():.2f}\n")


if __name__ == "__main__":
    main()
