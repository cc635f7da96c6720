"""Sentences per second and peak memory of the audit, stage by stage, at 1 and 2 workers.

Builds a large batch from the project's own corpora (corpora/segments and corpora/table),
varied line by line (numbers, places, days, attributions with a time) so that no two
sentences are the same and caches cannot cheat, then runs ``mtaudit audit`` on it in fresh processes:

    heuristics        mtaudit checks only (no grammar engine, no reference)
    + harper          and the Harper grammar engine
    + ref metrics     and a reference: sentence chrF/BLEU and corpus scores
    full default      the same with every default output written (CSV, JSON, HTML)
    harper alone      the floor: mtaudit's Harper engine linting each hypothesis, nothing
                      else (one process; the full default on one worker is compared to it)

    .venv/bin/python benchmarks/throughput.py [--sentences 100000] [--jobs 1 2] [--stages ...]

Peak memory is the largest resident set of one process (the main process or a worker).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Hamburg", "Bremen", "Kiel", "Lübeck", "Rostock", "Leipzig", "Dresden", "Bonn", "Mainz", "Kassel"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPEAKERS = ["officials said", "a spokeswoman said", "the agency reported", "the mayor told reporters"]
STAGES = {
    "heuristics": ["--grammar", "none", "--format", "csv"],
    "+ harper": ["--grammar", "harper", "--format", "csv"],
    "+ ref metrics": ["--grammar", "harper", "--format", "csv"],
    "full default": ["--grammar", "harper"],
    "harper alone": [],
}


def seed_triples() -> list[tuple[str, str, str]]:
    """(hyp, ref, src) triples from the sample corpora."""
    seg = ROOT / "corpora" / "segments"
    sides = [(seg / f"{s}.txt").read_text(encoding="utf-8").splitlines() for s in ("hyp", "ref", "src")]
    triples = list(zip(*sides))
    with open(ROOT / "corpora" / "table" / "sample.tsv", encoding="utf-8", newline="") as f:
        triples += [(r["hyp"], r["ref"], r["src"]) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [t for t in triples if all(x.strip() for x in t)]


def vary(rng: random.Random, hyp: str, ref: str, src: str, tail: bool = False) -> tuple[str, str, str]:
    """The same sentence with other numbers, another place and day, maybe (or with
    ``tail`` surely) an attribution with a time of day."""
    numbers = {n: str(rng.randint(2, 9999)) for n in set(re.findall(r"\d+", hyp + ref + src))}
    place, day = rng.choice(PLACES), rng.choice(DAYS)

    def sub(text: str) -> str:
        text = re.sub(r"\d+", lambda m: numbers.get(m.group(), m.group()), text)
        return re.sub(r"\b(?:Hamburg|Berlin|Munich|Cologne)\b", place, text)

    hyp, ref, src = sub(hyp), sub(ref), sub(src)
    if (tail or rng.random() < 0.5) and hyp.endswith("."):
        at = f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}"
        end = f", {rng.choice(SPEAKERS)} in {place} on {day} at {at}."
        hyp, ref = hyp[:-1] + end, ref[:-1] + end if ref.endswith(".") else ref
    return hyp, ref, src


def build_batch(path: Path, sentences: int, with_ref: bool, doc_size: int = 40) -> None:
    """``sentences`` rows, no two hypotheses the same (a repeat is varied again with an
    attribution), in documents of ``doc_size``."""
    rng = random.Random(7)
    triples = seed_triples()
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        w.writerow(["doc", "seg", "hyp", "src"] + (["ref"] if with_ref else []))
        for i in range(sentences):
            triple = rng.choice(triples)
            hyp, ref, src = vary(rng, *triple)
            while hyp in seen:
                hyp, ref, src = vary(rng, *rng.choice(triples), tail=True)
            seen.add(hyp)
            w.writerow([f"d{i // doc_size:05d}", i % doc_size + 1, hyp, src] + ([ref] if with_ref else []))


def run(table: Path, stage: str, jobs: int, out: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one audit (or of Harper alone) in a fresh process."""
    if stage == "harper alone":
        cmd = [sys.executable, __file__, "--lint-only", str(table)]
    else:
        cmd = [sys.executable, "-m", "mtaudit", "audit", str(table), "--out", str(out), "-q",
               "--bootstrap", "1", "--jobs", str(jobs), *STAGES[stage]]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def lint_only(table: Path) -> None:
    """Harper alone: each hypothesis of the table through mtaudit's Harper engine."""
    from mtaudit.config import AuditConfig
    from mtaudit.checks.grammar import build_engine

    engine = build_engine(AuditConfig())
    with open(table, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"):
            engine.check(row["hyp"], names=frozenset(), ref=row.get("ref"), src=row.get("src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=list(STAGES))
    ap.add_argument("--lint-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.lint_only:
        return lint_only(args.lint_only)
    with tempfile.TemporaryDirectory() as tmp:
        plain, with_ref = Path(tmp) / "batch.tsv", Path(tmp) / "batch-ref.tsv"
        build_batch(plain, args.sentences, with_ref=False)
        build_batch(with_ref, args.sentences, with_ref=True)
        print(f"{args.sentences} sentences, {os.cpu_count()} cores\n")
        print(f"{'stage':<16}{'jobs':>5}{'seconds':>10}{'sent/s':>10}{'peak MiB':>10}")
        seconds_at: dict[tuple[str, int], float] = {}
        for stage in args.stages:
            table = with_ref if stage in ("+ ref metrics", "full default", "harper alone") else plain
            for jobs in ([1] if stage == "harper alone" else args.jobs):
                seconds, peak = run(table, stage, jobs, Path(tmp) / "out")
                seconds_at[stage, jobs] = seconds
                print(f"{stage:<16}{jobs:>5}{seconds:>10.1f}{args.sentences / seconds:>10.0f}{peak:>10.0f}",
                      flush=True)
        if ("full default", 1) in seconds_at and ("harper alone", 1) in seconds_at:
            print(f"\nfull default / harper alone (one process): "
                  f"{seconds_at['full default', 1] / seconds_at['harper alone', 1]:.2f}x")


if __name__ == "__main__":
    main()
