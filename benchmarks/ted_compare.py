"""System comparison on WMT21 TED zh-en (../shared/eval/ted-zhen/, MQM by professional translators).

Audits every system line by line against its reference (``ref.B``) and checks that the
corpus chrF, BLEU and TER equal sacrebleu's; compares the best and the worst system by MQM
(README: DIDI-NLP and ref.A; also the worst MT system, metricsystem3) with paired
significance tests; and scores ``consensus_chrf`` over all systems (each translation's mean
chrF against the other systems' translations) as a reference-free segment score with
../shared/eval/score_mqm.py: item-grouped Kendall against -MQM, beside chrF against the reference.

    .venv/bin/python benchmarks/ted_compare.py [--eval ../shared/eval] [--grammar none|harper]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import sacrebleu
from mqm import EVAL, ROOT, score, system_dirs, write_predictions  # same folder

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.report import write_reports

BEST, WORST, WORST_MT = "DIDI-NLP", "ref.A", "metricsystem3"


def audit_all(systems: list[Path], out: Path, config: AuditConfig) -> dict[str, dict[str, float]]:
    """Audit each system into ``out/<system>/``; its corpus figures beside sacrebleu's."""
    figures = {}
    for system in systems:
        hyp = (system / "hyp.txt").read_text(encoding="utf-8").splitlines()
        ref = (system / "ref.txt").read_text(encoding="utf-8").splitlines()
        result = mtaudit.audit([system / "hyp.txt"], ref=system / "ref.txt", config=config)
        write_reports(result, out / system.name, ["csv", "json"])
        mine = result.summary["metrics"]
        theirs = {"chrf": sacrebleu.corpus_chrf(hyp, [ref]).score, "bleu": sacrebleu.corpus_bleu(hyp, [ref]).score,
                  "ter": sacrebleu.corpus_ter(hyp, [ref]).score}
        figures[system.name] = {k: (mine[k]["score"], round(v, 4)) for k, v in theirs.items()}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--grammar", default="none")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-compare")
    args = ap.parse_args()
    systems = system_dirs(args.eval)
    config = AuditConfig(segments=True, grammar=args.grammar, bootstrap=1000)

    started = time.perf_counter()
    figures = audit_all(systems, args.out, config)
    exact = all(abs(a - b) < 1e-4 for f in figures.values() for a, b in f.values())
    print(f"audited {len(systems)} systems in {time.perf_counter() - started:.0f} s; corpus figures equal "
          f"sacrebleu's: {exact}")
    for name, f in figures.items():
        print(f"  {name:<14}" + "  ".join(f"{k} {a:.4f}/{b:.4f}" for k, (a, b) in f.items()))

    for worst in (WORST, WORST_MT):
        result = mtaudit.compare([args.out / BEST, args.out / worst], config=config)
        print(f"\n{worst} vs {BEST} (baseline), {result.report['shared_reference_sentences']} sentences:")
        for t in result.tests.itertuples():
            print(f"  {t.metric:<5} {t.baseline:.2f} -> {t.score:.2f} ({t.delta:+.2f})  bootstrap p {t.bootstrap_p:.4f}"
                  f"  AR p {t.ar_p:.4f}  {'significant' if t.significant else 'not significant'}")
    same = mtaudit.compare([args.out / BEST, args.out / BEST], names=[BEST, "again"], config=config)
    print(f"\n{BEST} vs itself: significant on {int(same.tests['significant'].sum())} of {len(same.tests)} metrics")

    started = time.perf_counter()
    everything = mtaudit.compare([args.out / s.name for s in systems], config=config)
    table = everything.sentences
    print(f"\ncompared all {len(systems)} systems in {time.perf_counter() - started:.0f} s")
    pred = args.out / "consensus.csv"
    write_predictions(pred, [{"system": r.system, "line": r.seg, "consensus_chrf": r.consensus_chrf, "chrf": r.chrf}
                             for r in table.itertuples()])
    for column in ("consensus_chrf", "chrf"):
        r = score(args.eval, pred, column=column)
        print(f"  {column:<15} item-grouped Kendall {r['item_kendall']:.3f} (NaN as 0: {r['item_kendall_nan0']:.3f}), "
              f"global {r['global_kendall_tau_b']:.3f}")
    best = {s["system"]: s["best"] for s in everything.report["systems"]}
    print("  best translation of a sentence, by system: " +
          ", ".join(f"{k} {v}" for k, v in sorted(best.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
