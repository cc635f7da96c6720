"""Single-document scaling: time and peak memory of an audit of one long document.

Two measurements (issue 21, class 7: no work inside one document may grow faster than it):

* ``segments``: one ``--segments`` file of N lines (default 10k, 100k, 1M) with a reference,
  built from the sentences of ``corpora/`` with each copy varied (its numbers, a place name),
  audited in a child process (``--grammar none -j 1``: the engines cost the same per sentence
  whatever the length; the document-wide checks are what could grow faster). Prints seconds,
  peak resident memory and both per line.
* ``align``: prose alignment of a hypothesis document of N sentences (default 2,500, 5,000,
  10,000, 20,000) to its reference with an unrelated block of N/10 sentences inserted in the
  middle, in a child process each: seconds, peak memory, the cells the search visited per
  sentence, and whether every reference sentence landed where it belongs.

    .venv/bin/python benchmarks/scaling.py segments [--lines 10000 100000 1000000] [--grammar none]
    .venv/bin/python benchmarks/scaling.py align [--sentences 2500 5000 10000 20000]

Wall time on a shared machine follows the load; CPU seconds are the steadier figure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ("Leeds", "Porto", "Gdansk", "Lyon", "Turin", "Bergen", "Malmo", "Ghent", "Graz", "Cork", "Brno")


def pool() -> list[str]:
    """The distinct English lines of the project's corpora (hypotheses and references)."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "corpora").rglob("*.txt")):
        if not (path.name.endswith(".src.txt") or path.name == "src.txt"):
            found.update((line.strip(), None) for line in path.read_text(encoding="utf-8").splitlines()
                         if len(line.split()) >= 4)
    return sorted(found)


def varied(line: str, k: int) -> str:
    """Copy ``k`` of a line: its numbers become ``k``, and a place name is added."""
    return re.sub(r"\d+", str(k), line.rstrip(".")) + f" in {PLACES[k % len(PLACES)]}."


def run_child(argv: list[str]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak resident bytes, exit code) of a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.read().decode() if proc.stderr else "")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode


def segments(lines: list[int], grammar: str) -> None:
    lines_pool = pool()
    for n in lines:
        with tempfile.TemporaryDirectory() as tmp:
            hyp, ref = Path(tmp, "doc.hyp.txt"), Path(tmp, "doc.ref.txt")
            with open(hyp, "w", encoding="utf-8") as h, open(ref, "w", encoding="utf-8") as r:
                for k in range(n):
                    line = varied(lines_pool[k % len(lines_pool)], k)
                    r.write(line + "\n")
                    # every seventh hypothesis line drops a word, so checks and metrics have work
                    h.write((" ".join(w for i, w in enumerate(line.split()) if i != 3) if k % 7 == 0 else line) + "\n")
            seconds, cpu, peak, code = run_child([sys.executable, "-m", "mtaudit", "audit", str(hyp), "--segments",
                                             "--ref", str(ref), "--grammar", grammar, "-j", "1", "-q",
                                             "--format", "csv,json", "--bootstrap", "100", "--out", str(Path(tmp, "out"))])
            rows = json.loads(Path(tmp, "out", "summary.json").read_text())["counts"]["sentences"] if code in (0, 1) else 0
        print(f"segments {n:>9,} lines: {seconds:8.1f} s wall  {cpu:8.1f} s CPU ({cpu / n * 1e3:5.2f} ms/line)  "
              f"{peak / 2**20:7.0f} MiB peak ({peak / n / 1024:5.1f} KiB/line)  rows={rows:,} exit={code}", flush=True)


def documents(n: int) -> tuple[list[str], list[str], int]:
    """A reference of ``n`` sentences, each the start of one corpus line and the end of
    another chosen at random (so the text does not repeat with a period, as copies of the
    corpus would), with a block of n/10 unrelated sentences (words of the document, shuffled)
    in the middle; and a hypothesis of it without the block, words dropped, one in 97 omitted."""
    lines_pool, rng = pool(), random.Random(n)
    ref = []
    for k in range(n):
        a, b = rng.choice(lines_pool).split(), rng.choice(lines_pool).split()
        ref.append(varied(" ".join(a[:max(2, len(a) // 2)] + b[len(b) // 2:]), k))
    hyp = [" ".join(w for i, w in enumerate(s.split()) if i % 7 != 3) for k, s in enumerate(ref) if k % 97 != 50]
    vocab = sorted({w for s in ref for w in s.split()})
    block = [" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 25))) + "." for _ in range(n // 10)]
    return hyp, ref[:n // 2] + block + ref[n // 2:], n // 10


def align_child(n: int) -> None:
    """In the child: align, then print one JSON line of figures."""
    sys.path.insert(0, str(ROOT))
    import mtaudit.segment.align as align_module

    hyp, ref, k = documents(n)
    cells = [0]
    banded = align_module._banded_path

    def counting(sides, bounds):  # count the cells each band search visits
        cells[0] += sum(hi - lo + 1 for lo, hi in bounds)
        return banded(sides, bounds)

    align_module._banded_path = counting
    started, cpu = time.perf_counter(), time.process_time()
    beads = align_module.align(hyp, ref)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    block = set(range(n // 2, n // 2 + k))
    skipped = {b.other[0] for b in beads if not b.hyp}
    import resource

    print(json.dumps({"seconds": seconds, "cpu": cpu, "cells": cells[0], "hyp": len(hyp), "ref": len(ref),
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "block_found": len(block & skipped), "block": k, "other_skips": len(skipped - block)}))


def align(sentences: list[int]) -> None:
    for n in sentences:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "align-child", str(n)], stdout=subprocess.PIPE)
        out, _ = proc.communicate()
        figures = json.loads(out)
        print(f"align {n:>7,} sentences + block of {figures['block']:,}: {figures['seconds']:7.1f} s wall  "
              f"{figures['cpu']:7.1f} s CPU  "
              f"{figures['peak_mib']:6.0f} MiB peak  "
              f"{figures['cells'] / (figures['hyp'] + figures['ref']):5.0f} cells/sentence  "
              f"block found {figures['block_found']}/{figures['block']}, other 0-1 beads {figures['other_skips']}  "
              f"(child {time.perf_counter() - started:.1f} s)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    seg = sub.add_parser("segments")
    seg.add_argument("--lines", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    seg.add_argument("--grammar", default="none")
    al = sub.add_parser("align")
    al.add_argument("--sentences", type=int, nargs="+", default=[2_500, 5_000, 10_000, 20_000])
    child = sub.add_parser("align-child")
    child.add_argument("n", type=int)
    args = ap.parse_args()
    if args.what == "segments":
        segments(args.lines, args.grammar)
    elif args.what == "align":
        align(args.sentences)
    else:
        align_child(args.n)


if __name__ == "__main__":
    main()
