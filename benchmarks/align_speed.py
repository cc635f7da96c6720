"""How long sentence alignment takes on two long documents.

Builds a 5,000-sentence reference document from the sentences of ``corpora/`` (each copy
varied: its numbers and a place name change with its position), and a hypothesis of it with
words dropped, one sentence in 97 deleted and one pair in 89 merged; aligns them and prints
the seconds and how many reference sentences landed on the hypothesis sentence made from them.

    .venv/bin/python benchmarks/align_speed.py [--sentences 5000]
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from mtaudit.segment.align import Bead, align
from mtaudit.segment.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
PLACES = ("Leeds", "Porto", "Gdansk", "Lyon", "Turin", "Bergen", "Malmo", "Ghent", "Graz", "Cork", "Brno")


def corpus_sentences() -> list[str]:
    """Every distinct English sentence of the project's corpora."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "corpora").rglob("*.txt")):
        if path.name.endswith(".src.txt") or path.name == "src.txt":
            continue
        for s in split_sentences(path.read_text(encoding="utf-8")):
            if len(s.split()) >= 4:
                found[s] = None
    return list(found)


def documents(n: int) -> tuple[list[str], list[str], list[list[int]]]:
    """(hypothesis, reference, reference indices behind each hypothesis sentence)."""
    pool = corpus_sentences()
    ref = [re.sub(r"\d+", str(k), pool[k % len(pool)].rstrip(".")) + f" in {PLACES[k % len(PLACES)]}."
           for k in range(n)]
    hyp: list[str] = []
    origin: list[list[int]] = []
    k = 0
    while k < n:
        words = ref[k].split()
        varied = " ".join(w for i, w in enumerate(words) if i % 7 != 3)
        if k % 97 == 50:  # omitted
            k += 1
            continue
        if k % 89 == 40 and k + 1 < n:  # two sentences merged into one
            hyp.append(varied.rstrip(".") + " and " + ref[k + 1][0].lower() + ref[k + 1][1:])
            origin.append([k, k + 1])
            k += 2
            continue
        hyp.append(varied)
        origin.append([k])
        k += 1
    return hyp, ref, origin


def correct(beads: list[Bead], origin: list[list[int]]) -> int:
    """Reference sentences aligned to the hypothesis sentence that was made from them."""
    return sum(len(set(b.other) & set(origin[i])) for b in beads for i in b.hyp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=5000)
    args = ap.parse_args()
    hyp, ref, origin = documents(args.sentences)
    started = time.perf_counter()
    beads = align(hyp, ref)
    seconds = time.perf_counter() - started
    print(f"aligned {len(hyp)} hypothesis to {len(ref)} reference sentences in {seconds:.2f} s; "
          f"{correct(beads, origin)}/{sum(map(len, origin))} reference sentences on the right hypothesis, "
          f"{sum(1 for b in beads if not b.hyp)} omissions found")


if __name__ == "__main__":
    main()
