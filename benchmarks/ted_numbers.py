"""How MT201 (number-mismatch-src) does on real translations: its flags, and its recall of
number errors made on purpose.

For every distinct (source, translation) pair of ../shared/eval/ted-zhen/segments.tsv (or
with ``--set news`` of wmt23-news-dev):
whether MT201 flags it as it is (the experts' `has_major` says how often rightly); then, for
each translation it passes that states a number, the same translation with its first number
changed (a digit string times ten plus three, a number word to the next one: "three" →
"four", "thousand" → "million") — MT201 must flag every such change.

    .venv/bin/python benchmarks/ted_numbers.py [--eval ../shared/eval] [--set ted|news] [--show-misses]
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from mqm import EVAL, SETS  # same folder

from mtaudit.checks import REGISTRY

NEXT = {"three": "four", "four": "five", "five": "six", "six": "seven", "seven": "eight", "eight": "nine",
        "nine": "ten", "ten": "twelve", "twenty": "thirty", "hundred": "thousand", "thousand": "million",
        "million": "billion", "billion": "million"}
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)|\b(?:" + "|".join(NEXT) + r")\b", re.IGNORECASE)


def changed(hyp: str) -> str | None:
    """The translation with its first number changed, or None without one."""
    m = NUMBER.search(hyp)
    if not m:
        return None
    word = m.group()
    new = NEXT.get(word.lower()) or str(int(re.sub(r"\D", "", word)) * 10 + 3)
    return hyp[:m.start()] + new + hyp[m.end():]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--set", choices=sorted(SETS), default="ted", help="the MQM set (default: TED)")
    args = ap.parse_args()
    check = REGISTRY["MT201"]
    pairs: dict[tuple[str, str], list[int]] = {}
    with open(args.eval / SETS[args.set] / "segments.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            pairs.setdefault((r["target"], r["source"]), []).append(int(r["has_major"]))
    flagged = [majors for (hyp, src), majors in pairs.items() if check.run({"hyp": hyp, "src": src})]
    tried = caught = 0
    for (hyp, src), _ in pairs.items():
        bad = changed(hyp)
        if bad is None or check.run({"hyp": hyp, "src": src}):
            continue
        tried += 1
        if check.run({"hyp": bad, "src": src}):
            caught += 1
        elif args.show_misses:
            print(f"missed: {src} | {bad}")
    labels = [m for majors in flagged for m in majors]
    print(f"distinct pairs {len(pairs)}; flagged as they are {len(flagged)} "
          f"({len(labels)} segments, P(has_major) {sum(labels) / max(1, len(labels)):.3f})")
    print(f"a number changed in {tried} passing translations: caught {caught} ({caught / max(1, tried):.3f})")


if __name__ == "__main__":
    main()
