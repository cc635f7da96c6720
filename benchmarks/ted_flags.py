"""How well mtaudit's flags agree with professional translators (MQM, WMT21 TED zh-en).

Audits every system of ../shared/eval/ted-zhen/ reference-free (hypothesis + source,
line-aligned), then reports, against the human labels `has_major` and `fluency_major`:
the flag rate, precision, recall and F1 of `flagged`; the same for "the grammar engine lints
anything" and "flag everything"; and the precision of each check code (a code no more
precise than the base rate is noise). The scorer is ../shared/eval/score_mqm.py.
The helpers it shares with the other MQM scripts are in `mqm.py`.

    .venv/bin/python benchmarks/ted_flags.py [--eval ../shared/eval] [--grammar harper|languagetool|none]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from mqm import EVAL, ROOT, audit_systems, load_labels, precision_table, score, write_predictions  # same folder

from mtaudit.config import AuditConfig


def flag_line(name: str, r: dict) -> str:
    """One row of the flag table (rate, P/R/F1 vs has_major, P/F1 vs fluency_major)."""
    v = {k: float("nan") if x is None else x for k, x in r.items()}  # a flag that never fires has no precision
    return (f"{name:<16}{v['flag_rate']:>7.3f}{v['has_major_precision']:>10.3f}{v['has_major_recall']:>10.3f}"
            f"{v['has_major_f1']:>10.3f}{v['fluency_major_precision']:>8.3f}{v['fluency_major_f1']:>9.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--grammar", default="harper")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-flags.csv")
    args = ap.parse_args()
    config = AuditConfig(segments=True, grammar=args.grammar, bootstrap=1)
    results, seconds = audit_systems(args.eval, config)
    write_predictions(args.out, [
        {"system": system, "line": line, "score": r.score, "flagged": int(r.flagged),
         "grammar": int(any(i.engine == args.grammar for i in r.issues)), "everything": 1}
        for (system, line), r in results])
    n = len(results)
    print(f"audited {n} segments in {seconds:.1f} s ({n / seconds:.0f} segments/s)\n")
    print(f"{'flags':<16}{'rate':>7}{'P(major)':>10}{'R(major)':>10}{'F1(major)':>10}{'P(flu)':>8}{'F1(flu)':>9}")
    for flag in ("flagged", "grammar", "everything"):
        print(flag_line(flag, score(args.eval, args.out, flag)))
    r = score(args.eval, args.out, "flagged")
    print(f"\nscore: item-grouped Kendall {r['item_kendall_nan0']:.3f}, global Kendall {r['global_kendall_tau_b']:.3f}")
    print(f"\n{'code':<40}{'n':>6}{'P(major)':>10}{'P(flu)':>8}")
    codes = ((key, [i.code + ("(minor)" if i.severity == "minor" else "") for i in r.issues]) for key, r in results)
    for code, count, p_major, p_flu in precision_table(load_labels(args.eval), codes):
        print(f"{code:<40}{count:>6}{p_major:>10.3f}{p_flu:>8.3f}")


if __name__ == "__main__":
    main()
