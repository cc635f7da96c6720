"""Are the flags robust to the unit? The same TED translations audited as segments and as
paragraphs (each run of ``--size`` consecutive segments of a talk joined into one line).

For each unit and setting (reference-free; with the reference), prints the flag rate, the
precision of ``flagged`` against ``has_major`` (a paragraph has a major error when any of
its segments has one) beside flag-everything (the base rate), and the review lift of the
flags with the share of words they hold (a paragraph's penalty is its segments' sum). The
default audit flags a major finding, or a score at or below the model's line; since issue
16 the unit's length weighs nothing in the flag.

    .venv/bin/python benchmarks/ted_units.py [--eval ../shared/eval] [--size 4]
"""
from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from mqm import EVAL, TED, load_labels, system_dirs  # same folder

import mtaudit
from mtaudit.config import AuditConfig


def system_units(system: Path, size: int) -> list[tuple[list[int], dict[str, str]]]:
    """(member lines, texts) of each unit: single segments when ``size`` is 1, else runs of
    ``size`` consecutive segments of one talk (the last run of a talk may be shorter)."""
    sides = {side: (system / f"{side}.txt").read_text(encoding="utf-8").splitlines() for side in ("hyp", "src", "ref")}
    with open(system / "ids.tsv", encoding="utf-8") as f:
        talks = [r["doc"] for r in csv.DictReader(f, delimiter="\t")]
    units: list[tuple[list[int], dict[str, str]]] = []
    run: list[int] = []
    for line, talk in enumerate(talks, 1):
        if run and (len(run) == size or talks[run[0] - 1] != talk):
            units.append(_joined(run, sides))
            run = []
        run.append(line)
    if run:
        units.append(_joined(run, sides))
    return units


def _joined(lines: list[int], sides: dict[str, list[str]]) -> tuple[list[int], dict[str, str]]:
    sep = {"hyp": " ", "ref": " ", "src": ""}  # Chinese runs on without spaces
    return lines, {side: sep[side].join(sides[side][n - 1] for n in lines) for side in sides}


def flag_figures(eval_dir: Path, size: int, with_ref: bool) -> tuple[int, float, float, float, float, float]:
    """(units, flag rate, P(has_major) of the flags, base rate, review lift, share of words
    flagged) over every system."""
    labels, penalties = _labels(eval_dir), _penalties(eval_dir)
    config = AuditConfig(segments=True, bootstrap=1, formats=())
    flags: list[tuple[bool, int]] = []
    read: list[tuple[bool, float, int]] = []  # (flagged, penalty, words)
    for system in system_dirs(eval_dir):
        units = system_units(system, size)
        with tempfile.TemporaryDirectory() as tmp:
            paths = {}
            for side in ("hyp", "src", "ref"):
                paths[side] = Path(tmp) / f"{side}.txt"
                paths[side].write_text("".join(u[side] + "\n" for _, u in units), encoding="utf-8")
            result = mtaudit.audit([paths["hyp"]], ref=paths["ref"] if with_ref else None, src=paths["src"],
                                   config=config)
        for (lines, unit), r in zip(units, result.results, strict=True):
            flags.append((r.flagged, max(labels[system.name, n] for n in lines)))
            read.append((r.flagged, sum(penalties[system.name, n] for n in lines), len(unit["hyp"].split())))
    flagged = [label for f, label in flags if f]
    total_pen, total_words = sum(p for _, p, _ in read), sum(w for _, _, w in read)
    pen, words = sum(p for f, p, _ in read if f), sum(w for f, _, w in read if f)
    return (len(flags), len(flagged) / len(flags), sum(flagged) / max(1, len(flagged)),
            sum(label for _, label in flags) / len(flags), (pen / total_pen) / (words / total_words),
            words / total_words)


def _labels(eval_dir: Path) -> dict[tuple[str, int], int]:
    """(system, line) -> has_major."""
    return {key: major for key, (major, _) in load_labels(eval_dir).items()}


def _penalties(eval_dir: Path) -> dict[tuple[str, int], float]:
    """(system, line) -> MQM penalty."""
    ids = {}
    for system in system_dirs(eval_dir):
        with open(system / "ids.tsv", encoding="utf-8") as f:
            ids.update({(system.name, r["doc"], r["seg_id"]): int(r["line"]) for r in csv.DictReader(f, delimiter="\t")})
    with open(eval_dir / TED / "segments.tsv", encoding="utf-8") as f:
        return {(r["system"], ids[r["system"], r["doc"], r["seg_id"]]): float(r["mqm"])
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--size", type=int, default=4, help="segments per paragraph")
    args = ap.parse_args()
    print(f"{'unit':<22}{'setting':<16}{'units':>7}{'flag':>7}{'P(maj)':>8}{'base':>7}{'lift':>7}{'words':>7}")
    for size, unit in ((1, "segment"), (args.size, f"paragraph of {args.size}")):
        for with_ref, setting in ((False, "reference-free"), (True, "reference")):
            n, rate, precision, base, lift, share = flag_figures(args.eval, size, with_ref)
            print(f"{unit:<22}{setting:<16}{n:>7}{rate:>7.3f}{precision:>8.3f}{base:>7.3f}{lift:>7.2f}{share:>7.1%}",
                  flush=True)


if __name__ == "__main__":
    main()
