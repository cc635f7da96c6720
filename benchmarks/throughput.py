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

With ``--shape``, the full default audit (``mtaudit audit PATH``, no reference) of the same
``--lines`` sentences (the TED targets of ../shared/eval/ted-zhen/segments.tsv, cycled) in
each input shape, at each ``--jobs``, beside Harper alone on the same sentences:

    segments          one line file, ``--segments`` (one document)
    batch             a folder of 100 line files of equal length, ``--segments``
    jsonl             a JSONL table (doc = the TED system and talk, seg, hyp)
    harper, all rules ``harper.Linter().lint(line)``: every default rule (the issue's floor)
    harper, mtaudit rules   a Linter running only the rules mtaudit's configuration can keep
    engine, no prefilter    mtaudit's Harper engine linting every sentence with every rule
    mtaudit engine    mtaudit's Harper engine (that prefilter, then every rule on a sentence
                      it finds something in)
    engine, screened  the same after screening blocks of 50 sentences in one prefilter lint
                      each (``HarperEngine.screen``): the grammar cost inside an audit

Each shape also runs on a fresh local Dask cluster of two worker processes of one thread
(``--backend dask``; ``--no-dask`` to skip it): the cluster's CPU time and memory count with
the audit's. It prints wall and CPU seconds (the process and all its workers), sentences per
second of wall and of CPU time, the peak resident set of the largest process (main process or
one worker) and of all processes together (sampled every 20 ms), and the load average — on a
shared machine CPU seconds are the steadier figure. For example

    .venv/bin/python benchmarks/throughput.py --shape segments batch jsonl --jobs 1 2
    .venv/bin/python benchmarks/throughput.py --shape segments --lines 1000000 --jobs 2 --no-dask \
        --no-floor --audit-options "--grammar none"          # memory of a long line file
"""
from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

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

TED = ROOT.parent / "shared" / "eval" / "ted-zhen" / "segments.tsv"
SHAPES = ("segments", "batch", "jsonl")
FLOORS = {"harper, all rules": "all", "harper, mtaudit rules": "plan", "engine, no prefilter": "engine-full",
          "mtaudit engine": "engine", "engine, screened": "screened"}


@dataclass
class Usage:
    """One run: wall and CPU seconds, peak RSS (MiB) of the largest process and of all."""

    wall: float
    cpu: float
    peak_one: float
    peak_all: float


def ted_rows(lines: int) -> list[tuple[str, str]]:
    """``lines`` (doc, target) pairs: the TED rows in file order, cycled; a talk seen again
    in a later cycle is another document."""
    if not TED.exists():
        raise SystemExit(f"{TED} not found: --shape needs the TED eval data")
    with open(TED, encoding="utf-8", newline="") as f:
        rows = [(f"{r['system']}/{r['doc']}", r["target"]) for r in
                csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [(f"{doc}#{i // len(rows)}", hyp) for i, (doc, hyp) in
            zip(range(lines), itertools.chain.from_iterable(itertools.repeat(rows)))]


def build_shape(shape: str, rows: list[tuple[str, str]], tmp: Path) -> tuple[Path, list[str]]:
    """The input of one shape and the audit options it needs."""
    if shape == "segments":
        path = tmp / "hyp.txt"
        path.write_text("".join(hyp + "\n" for _, hyp in rows), encoding="utf-8")
        return path, ["--segments"]
    if shape == "batch":
        path, size = tmp / "batch", -(-len(rows) // 100)
        path.mkdir()
        for d in range(0, len(rows), size):
            (path / f"doc{d // size:03d}.hyp.txt").write_text(
                "".join(hyp + "\n" for _, hyp in rows[d:d + size]), encoding="utf-8")
        return path, ["--segments"]
    path, seg = tmp / "table.jsonl", collections.Counter()
    with open(path, "w", encoding="utf-8") as f:
        for doc, hyp in rows:
            seg[doc] += 1
            f.write(json.dumps({"doc": doc, "seg": seg[doc], "hyp": hyp}, ensure_ascii=False) + "\n")
    return path, []


def measure(cmd: list[str], workers: list[psutil.Process] | None = None) -> Usage:
    """Run ``cmd``; its wall and CPU time (with every worker it waited for) and peak memory:
    the largest process's high-water mark (each process's VmHWM, read every 20 ms: ``wait4``'s
    ru_maxrss would count this script's own resident set, which the child had before its
    exec — 490 MiB with a million lines in hand), and the sum over the process tree sampled
    every 20 ms (a sample can miss a short peak; it is never below the largest).
    ``workers``: processes outside the tree that work for it (a Dask cluster's, started
    afresh for the run): their CPU time counts, and their high-water marks and memory too."""
    workers = workers or []
    before = sum(sum(w.cpu_times()[:2]) for w in workers)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True)
        peak_all, tree, high = 0.0, psutil.Process(proc.pid), {}
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                processes = [tree, *tree.children(recursive=True), *workers]
                peak_all = max(peak_all, sum(p.memory_info().rss for p in processes) / 2**20)
                for p in processes:
                    high[p.pid] = max(high.get(p.pid, 0.0), _high_water(p))
            except (psutil.Error, OSError, StopIteration):
                pass
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read()}")
    cpu = usage.ru_utime + usage.ru_stime + sum(sum(w.cpu_times()[:2]) for w in workers) - before
    peak_one = max([*high.values(), *(_high_water(w) for w in workers)], default=0.0)
    return Usage(wall, cpu, peak_one, max(peak_all, peak_one))


def _high_water(process: psutil.Process) -> float:
    """A process's peak resident set (MiB), from /proc (VmHWM)."""
    with open(f"/proc/{process.pid}/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024


def dask_measure(cmd: list[str], workers: int = 2) -> Usage:
    """``cmd`` (an audit) on a fresh local Dask cluster of ``workers`` processes of one thread.
    Starting a cluster sets variables in this process's environment for its workers
    (``MALLOC_TRIM_THRESHOLD_``, ``PYTHONHASHSEED``, thread counts); they are undone after, or
    every later run would inherit them (the trim threshold cut a run's peak and raised its CPU)."""
    from distributed import LocalCluster

    environment = dict(os.environ)
    try:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            procs = [psutil.Process(p.pid) for p in (n.process.process for n in cluster.workers.values())]
            procs = [c for p in procs for c in (p, *p.children(recursive=True))]  # the nannies and their workers
            return measure([*cmd, "--backend", "dask", "--scheduler", cluster.scheduler_address], procs)
    finally:
        os.environ.clear()
        os.environ.update(environment)


def floor(mode: str, path: Path) -> None:
    """Harper alone on each line of ``path``: every default rule, the rules mtaudit's default
    configuration can keep, or mtaudit's engine."""
    import harper
    from mtaudit.config import AuditConfig
    from mtaudit.checks.grammar.harper_engine import HarperEngine, _prefilter

    lines = path.read_text(encoding="utf-8").splitlines()
    if mode in ("engine", "engine-full", "screened"):
        engine = HarperEngine(AuditConfig())
        if mode == "engine-full":
            engine._plan = None  # every sentence through every rule, as before the prefilter
        for k in range(0, len(lines), 50):
            block = lines[k:k + 50]
            held = engine.screen(block) if mode == "screened" else [True] * len(block)
            for line in (line for line, h in zip(block, held) if h):
                engine.check(line, names=frozenset(), ref=None, src=None)
        return
    if mode == "all":
        linter = harper.Linter(harper.Dialect.AMERICAN)
        for line in lines:
            linter.lint(line)
        return
    plan = HarperEngine(AuditConfig())._plan
    linter = _prefilter(plan) if plan else harper.Linter(harper.Dialect.AMERICAN)
    for line in lines:
        linter.lint(line, language="plaintext", dedup=False)


def run_shapes(shapes: list[str], jobs: list[int], lines: int, floors: list[str], dask: bool, extra: list[str]) -> None:
    """The table of ``--shape``."""
    rows = ted_rows(lines)
    print(f"{lines} sentences (TED targets, {len({h for _, h in rows})} distinct), "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f}"
          f"{', audit options ' + ' '.join(extra) if extra else ''}\n")
    print(f"{'run':<24}{'jobs':>6}{'wall s':>8}{'CPU s':>8}{'sent/s':>8}{'sent/CPU s':>11}{'peak MiB':>10}"
          f"{'all MiB':>9}{'load':>6}")

    def show(label: str, j: int | str, u: Usage) -> None:
        print(f"{label:<24}{j:>6}{u.wall:>8.1f}{u.cpu:>8.1f}{lines / u.wall:>8.0f}{lines / u.cpu:>11.0f}"
              f"{u.peak_one:>10.0f}{u.peak_all:>9.0f}{os.getloadavg()[0]:>6.1f}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            folder = Path(tmp) / shape
            folder.mkdir()
            path, options = build_shape(shape, rows, folder)
            audit = [sys.executable, "-m", "mtaudit", "audit", str(path), *options, *extra, "-q"]
            for j in jobs:
                show(shape, j, measure([*audit, "--out", str(folder / f"out{j}"), "--jobs", str(j)]))
            if dask:
                show(shape, "dask 2", dask_measure([*audit, "--out", str(folder / "out-dask")]))
        if floors:
            path, _ = build_shape("segments", rows, Path(tmp))
            for label, mode in FLOORS.items():
                if mode in floors:
                    show(label, "-", measure([sys.executable, __file__, "--floor", mode, str(path)]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=list(STAGES))
    ap.add_argument("--shape", nargs="+", choices=SHAPES, help="audit TED targets in these input shapes")
    ap.add_argument("--lines", type=int, default=10_000, help="sentences of each --shape")
    ap.add_argument("--no-floor", action="store_true", help="with --shape: skip Harper alone")
    ap.add_argument("--floors", nargs="+", default=list(FLOORS.values()), choices=list(FLOORS.values()),
                    help="with --shape: which of Harper alone to run (default: all)")
    ap.add_argument("--no-dask", action="store_true", help="with --shape: skip the local Dask cluster")
    ap.add_argument("--audit-options", default="", help="with --shape: more options of each audit (\"--grammar none\")")
    ap.add_argument("--lint-only", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--floor", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.lint_only:
        return lint_only(args.lint_only)
    if args.floor:
        return floor(args.floor[0], Path(args.floor[1]))
    if args.shape:
        return run_shapes(args.shape, args.jobs, args.lines, [] if args.no_floor else args.floors, not args.no_dask,
                          args.audit_options.split())
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
