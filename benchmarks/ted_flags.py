"""How well mtaudit's flags agree with professional translators (MQM, WMT21 TED zh-en).

Audits every system of ../shared/eval/ted-zhen/ reference-free (hypothesis + source,
line-aligned), then reports, against the human labels `has_major` and `fluency_major`:
the flag rate, precision, recall and F1 of `flagged`; the same for "Harper lints anything"
and "flag everything"; and the precision of each check code (a code no more precise than
the base rate is noise). The scorer is ../shared/eval/score_mqm.py.

    .venv/bin/python benchmarks/ted_flags.py [--eval ../shared/eval] [--grammar harper|none]
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import mtaudit
from mtaudit.config import AuditConfig

ROOT = Path(__file__).resolve().parents[1]


def audit_systems(eval_dir: Path, config: AuditConfig) -> tuple[list[dict], float, int]:
    rows: list[dict] = []
    started = time.perf_counter()
    sentences = 0
    for system in sorted(p for p in (eval_dir / "ted-zhen" / "systems").iterdir() if p.is_dir()):
        result = mtaudit.audit([system / "hyp.txt"], src=system / "src.txt", config=config)
        sentences += len(result.results)
        for line, r in enumerate(result.results, 1):
            rows.append({"system": system.name, "line": line, "score": r.score,
                         "flagged": int(r.flagged),
                         "harper": int(any(i.engine == "harper" for i in r.issues)),
                         "everything": 1,
                         "codes": sorted({i.code for i in r.issues if i.severity != "minor"} |
                                         {f"{i.code}(minor)" for i in r.issues if i.severity == "minor"})})
    return rows, time.perf_counter() - started, sentences


def score(eval_dir: Path, pred: Path, flag: str) -> dict:
    out = subprocess.run([sys.executable, str(eval_dir / "score_mqm.py"), "--segments",
                          str(eval_dir / "ted-zhen" / "segments.tsv"), "--pred", str(pred),
                          "--score", "score", "--flag", flag, "--json-only"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def per_code_precision(eval_dir: Path, rows: list[dict]) -> list[tuple[str, int, float, float]]:
    labels = {}
    ids = {}
    for system_dir in (eval_dir / "ted-zhen" / "systems").iterdir():
        with open(system_dir / "ids.tsv", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                ids[(system_dir.name, int(r["line"]))] = (r["doc"], r["seg_id"])
    with open(eval_dir / "ted-zhen" / "segments.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            labels[(r["system"], r["doc"], r["seg_id"])] = (int(r["has_major"]), int(r["fluency_major"]))
    hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        label = labels.get((row["system"], *ids[(row["system"], row["line"])]))
        if label is None:
            continue
        for code in row["codes"]:
            hits[code].append(label)
    table = []
    for code, labs in sorted(hits.items(), key=lambda kv: -len(kv[1])):
        table.append((code, len(labs), sum(a for a, _ in labs) / len(labs), sum(b for _, b in labs) / len(labs)))
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--grammar", default="harper")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-flags.csv")
    args = ap.parse_args()
    config = AuditConfig(segments=True, grammar=args.grammar, bootstrap=1)
    rows, seconds, n = audit_systems(args.eval, config)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["system", "line", "score", "flagged", "harper", "everything"],
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"audited {n} segments in {seconds:.1f} s ({n / seconds:.0f} segments/s)\n")
    print(f"{'flags':<12}{'rate':>7}{'P(major)':>10}{'R(major)':>10}{'F1(major)':>10}{'P(flu)':>8}{'F1(flu)':>9}")
    for flag in ("flagged", "harper", "everything"):
        r = score(args.eval, args.out, flag)
        print(f"{flag:<12}{r['flag_rate']:>7.3f}{r['has_major_precision']:>10.3f}{r['has_major_recall']:>10.3f}"
              f"{r['has_major_f1']:>10.3f}{r['fluency_major_precision']:>8.3f}{r['fluency_major_f1']:>9.3f}")
    r = score(args.eval, args.out, "flagged")
    print(f"\nscore: item-grouped Kendall {r['item_kendall_nan0']:.3f}, global Kendall {r['global_kendall_tau_b']:.3f}")
    print(f"\n{'code':<32}{'n':>6}{'P(major)':>10}{'P(flu)':>8}")
    for code, count, p_major, p_flu in per_code_precision(args.eval, rows):
        print(f"{code:<32}{count:>6}{p_major:>10.3f}{p_flu:>8.3f}")


if __name__ == "__main__":
    main()
