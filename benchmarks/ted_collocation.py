"""Does MT114 (odd-collocation) find MT errors? WMT21 TED zh-en MQM, MT114 alone.

Audits every system of ../shared/eval/ted-zhen/ with only MT114 at several ``max_pmi``
thresholds and reports the flag rate and the precision of a flag against the human labels
`has_major` and `fluency_major` (scored by ../shared/eval/score_mqm.py), beside a baseline
that flags the same number of segments, the longest ones. It also audits the human
reference translation (`ref.B`, systems/<any>/ref.txt): a flag there is a false alarm.

    .venv/bin/python benchmarks/ted_collocation.py [--eval ../shared/eval]
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from mqm import EVAL, ROOT, score, system_dirs  # same folder

import mtaudit
from mtaudit.config import AuditConfig

THRESHOLDS = (3.0, 1.0, 0.0)  # max_pmi in bits: looser to stricter


def config(max_pmi: float) -> AuditConfig:
    return AuditConfig(select=("MT114",), grammar="none", segments=True, bootstrap=1,
                       options={"max_pmi": max_pmi})


def flags(path: Path, max_pmi: float) -> list[int]:
    """1 per line of a one-segment-per-line file that MT114 flags."""
    result = mtaudit.audit([path], config=config(max_pmi))
    return [int(any(i.code == "MT114" for i in r.issues)) for r in result.results]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-collocation.csv")
    args = ap.parse_args()
    systems = system_dirs(args.eval)
    rows: list[dict] = [{"system": s.name, "line": n, "words": len(line.split())}
                        for s in systems
                        for n, line in enumerate((s / "hyp.txt").read_text(encoding="utf-8").splitlines(), 1)]
    started = time.perf_counter()
    ref_rates = {}
    for t in THRESHOLDS:
        column = [f for s in systems for f in flags(s / "hyp.txt", t)]
        for row, f in zip(rows, column):
            row[f"pmi<={t:g}"] = f
        ref = flags(systems[0] / "ref.txt", t)
        ref_rates[t] = (sum(ref) / len(ref), sum(column) / len(column))
        longest = set(sorted(range(len(rows)), key=lambda i: -rows[i]["words"])[:sum(column)])
        for i, row in enumerate(rows):
            row[f"longest@{t:g}"] = int(i in longest)
    seconds = time.perf_counter() - started
    for row in rows:
        row["score"] = -row[f"pmi<={THRESHOLDS[0]:g}"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"audited {len(rows)} segments x {len(THRESHOLDS)} thresholds (+ references) in {seconds:.1f} s\n")
    print(f"{'flags':<14}{'n':>6}{'rate':>8}{'P(major)':>10}{'R(major)':>10}{'P(flu)':>8}{'ref rate':>10}")
    for t in THRESHOLDS:
        for name in (f"pmi<={t:g}", f"longest@{t:g}"):
            r = score(args.eval, args.out, name)
            n = sum(row[name] for row in rows)
            ref = f"{ref_rates[t][0]:>10.4f}" if name.startswith("pmi") else ""
            print(f"{name:<14}{n:>6}{r['flag_rate']:>8.4f}{r['has_major_precision']:>10.3f}"
                  f"{r['has_major_recall']:>10.3f}{r['fluency_major_precision']:>8.3f}{ref}")
    print(f"\nbase rates: has_major {_base(args.eval, 'has_major'):.3f}, "
          f"fluency_major {_base(args.eval, 'fluency_major'):.3f}")


def _base(eval_dir: Path, label: str) -> float:
    with open(eval_dir / "ted-zhen" / "segments.tsv", encoding="utf-8") as f:
        values = [int(r[label]) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return sum(values) / len(values)


if __name__ == "__main__":
    main()
