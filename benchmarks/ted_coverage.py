"""How well CC-CEDICT source coverage (MT207) agrees with professional translators (WMT21 TED zh-en MQM).

For every segment of every system in ../shared/eval/ted-zhen/: the share of known Chinese
source words whose dictionary translation appears in the hypothesis. Reports, through
../shared/eval/score_mqm.py, the item-grouped and global Kendall of that share as a quality
score, and the precision/recall of MT207's flag against `has_major` with its flag rate;
then a sweep of thresholds (share below T with at least K known words) to pick MT207's.

    .venv/bin/python benchmarks/ted_coverage.py [--eval ../shared/eval]
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from mqm import EVAL, ROOT, score, system_dirs  # same folder

from mtaudit.checks.coverage import MIN_KNOWN, MIN_SHARE
from mtaudit.checks.dictionary import cedict

SHARES = (0.3, 0.4, 0.5, 0.6, 0.7)
KNOWN = (2, 4, 6, 8)


def measure(eval_dir: Path) -> tuple[list[dict], float]:
    """One row per (system, line): known words, covered share, MT207's flag and the label."""
    labels = {}
    with open(eval_dir / "ted-zhen" / "segments.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            labels[(r["system"], r["doc"], r["seg_id"])] = int(r["has_major"])
    lexicon = cedict()
    lexicon.coverage("预热。", "Warm-up.")  # load jieba before timing
    rows, seconds = [], 0.0
    for system in system_dirs(eval_dir):
        srcs = (system / "src.txt").read_text(encoding="utf-8").splitlines()
        hyps = (system / "hyp.txt").read_text(encoding="utf-8").splitlines()
        with open(system / "ids.tsv", encoding="utf-8") as f:
            ids = {int(r["line"]): (r["doc"], r["seg_id"]) for r in csv.DictReader(f, delimiter="\t")}
        for line, (src, hyp) in enumerate(zip(srcs, hyps), 1):
            started = time.perf_counter()
            cov = lexicon.coverage(src, hyp)
            seconds += time.perf_counter() - started
            rows.append({"system": system.name, "line": line, "known": cov.known, "share": cov.share,
                         "mt207": int(cov.known >= MIN_KNOWN and cov.share < MIN_SHARE),
                         "has_major": labels.get((system.name, *ids[line]))})
    return rows, seconds


def sweep(rows: list[dict]) -> list[tuple[float, int, int, float, float]]:
    """(share threshold, min known, flags, flag rate, precision vs has_major) per setting."""
    labelled = [r for r in rows if r["has_major"] is not None]
    table = []
    for share in SHARES:
        for known in KNOWN:
            hits = [r["has_major"] for r in labelled if r["known"] >= known and r["share"] < share]
            table.append((share, known, len(hits), len(hits) / len(labelled),
                          sum(hits) / len(hits) if hits else float("nan")))
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-coverage.csv")
    args = ap.parse_args()
    rows, seconds = measure(args.eval)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["system", "line", "known", "share", "mt207"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"coverage of {len(rows)} segments in {seconds:.2f} s ({1000 * seconds / len(rows):.3f} ms/segment)")
    r = score(args.eval, args.out, "mt207", column="share")
    print(f"covered share as a score: item-grouped Kendall {r['item_kendall_nan0']:.3f}, "
          f"global Kendall {r['global_kendall_tau_b']:.3f}")
    print(f"MT207 (share < {MIN_SHARE}, known >= {MIN_KNOWN}): flag rate {r['flag_rate']:.3f}, "
          f"P(major) {r['has_major_precision']:.3f}, R(major) {r['has_major_recall']:.3f}, "
          f"base rate {r['has_major_label_rate']:.3f}")
    print(f"\n{'share<':>7}{'known>=':>8}{'flags':>7}{'rate':>7}{'P(major)':>10}")
    for share, known, n, rate, precision in sweep(rows):
        print(f"{share:>7.1f}{known:>8}{n:>7}{rate:>7.3f}{precision:>10.3f}")


if __name__ == "__main__":
    main()
