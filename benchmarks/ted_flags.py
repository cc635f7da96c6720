"""How well mtaudit's flags agree with professional translators (MQM, WMT21 TED zh-en).

Audits every system of ../shared/eval/ted-zhen/ reference-free (hypothesis + source,
line-aligned), then reports, against the human labels `has_major` and `fluency_major`:
the flag rate, precision, recall and F1 of `flagged`; the same for "the grammar engine lints
anything" and "flag everything"; and the precision of each check code (a code no more
precise than the base rate is noise). The scorer is ../shared/eval/score_mqm.py.
`ted_engines.py` reuses the helpers here to compare the grammar engines alone.

    .venv/bin/python benchmarks/ted_flags.py [--eval ../shared/eval] [--grammar harper|languagetool|none]
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.model import SegmentResult

ROOT = Path(__file__).resolve().parents[1]
Key = tuple[str, int]  # (system, 1-based line of hyp.txt)


def audit_systems(eval_dir: Path, config: AuditConfig) -> tuple[list[tuple[Key, SegmentResult]], float]:
    """Every segment of every system audited with ``config``, and the seconds it took."""
    results: list[tuple[Key, SegmentResult]] = []
    started = time.perf_counter()
    for system in sorted(p for p in (eval_dir / "ted-zhen" / "systems").iterdir() if p.is_dir()):
        audit = mtaudit.audit([system / "hyp.txt"], src=system / "src.txt", config=config)
        results.extend(((system.name, line), r) for line, r in enumerate(audit.results, 1))
    return results, time.perf_counter() - started


def write_predictions(path: Path, rows: list[dict]) -> None:
    """The per-segment CSV score_mqm.py reads (joined on system + line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def score(eval_dir: Path, pred: Path, flag: str | None = None, column: str = "score") -> dict:
    """score_mqm.py's JSON result for a score column (and a flag column) of ``pred``."""
    cmd = [sys.executable, str(eval_dir / "score_mqm.py"), "--segments", str(eval_dir / "ted-zhen" / "segments.tsv"),
           "--pred", str(pred), "--score", column, "--json-only"] + (["--flag", flag] if flag else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_labels(eval_dir: Path) -> dict[Key, tuple[int, int]]:
    """(system, line) -> (has_major, fluency_major)."""
    ids = {}
    for system_dir in (eval_dir / "ted-zhen" / "systems").iterdir():
        with open(system_dir / "ids.tsv", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                ids[(system_dir.name, r["doc"], r["seg_id"])] = (system_dir.name, int(r["line"]))
    with open(eval_dir / "ted-zhen" / "segments.tsv", encoding="utf-8") as f:
        return {ids[(r["system"], r["doc"], r["seg_id"])]: (int(r["has_major"]), int(r["fluency_major"]))
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def precision_table(labels: Mapping[Key, tuple[float, float]],
                    found: Iterable[tuple[Key, Iterable[str]]]) -> list[tuple[str, int, float, float]]:
    """(name, segments, P(has_major), P(fluency_major)) per name, most frequent first: the
    mean ``labels`` of the segments carrying the name, each counted once per name."""
    hits: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for key, names in found:
        for name in set(names):
            hits[name].append(labels[key])
    return [(name, len(labs), sum(a for a, _ in labs) / len(labs), sum(b for _, b in labs) / len(labs))
            for name, labs in sorted(hits.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def flag_line(name: str, r: dict) -> str:
    """One row of the flag table (rate, P/R/F1 vs has_major, P/F1 vs fluency_major)."""
    return (f"{name:<16}{r['flag_rate']:>7.3f}{r['has_major_precision']:>10.3f}{r['has_major_recall']:>10.3f}"
            f"{r['has_major_f1']:>10.3f}{r['fluency_major_precision']:>8.3f}{r['fluency_major_f1']:>9.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
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
