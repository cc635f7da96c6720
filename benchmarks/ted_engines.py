"""The grammar engines alone, side by side, on the expert-annotated WMT21 TED zh-en set.

For each engine (harper, languagetool) audits every system of ../shared/eval/ted-zhen/ with
nothing selected but the engine's codes (``harper:`` / ``lt:``), so every rule family runs,
default-off ones included, and reports: segments per second of that grammar-only audit; the
flag rate, precision and F1 against `has_major` and `fluency_major` of "the engine lints
anything" with all its rules (`all`) and with only the rules on by default (`default`); and
per rule family (Harper lint kind, LanguageTool category) and per rule id, the segments it
flags and their P(has_major), P(fluency_major), with whether it is on by default. A family no
more precise than the base rate (has_major 0.31, fluency_major 0.13) is noise; since long
segments carry more errors (has_major 0.12 in the shortest tenth, 0.48 in the longest), each
precision is shown next to its length-matched base rate (`base`: the mean label rate of the
flagged segments' length deciles), which is what a rule that only sees length would score.

    .venv/bin/python benchmarks/ted_engines.py [--engines harper,languagetool] [--top 15]

LanguageTool needs its server (``make languagetool``, 127.0.0.1:8081). Markdown tables.
"""
from __future__ import annotations

import argparse
import bisect
import statistics
from collections.abc import Callable
from pathlib import Path

from mqm import EVAL, ROOT, Key, audit_systems, load_labels, precision_table, score, write_predictions

from mtaudit.config import AuditConfig
from mtaudit.checks.grammar import harper_engine, languagetool_engine
from mtaudit.model import Issue

# engine -> (code prefix, whether an issue's rule is on by default).
ENGINES: dict[str, tuple[str, Callable[[Issue], bool]]] = {
    "harper": ("harper:", lambda i: harper_engine.KIND_MAP.get(i.kind or "", harper_engine.UNMAPPED)[2]),
    "languagetool": ("lt:", lambda i: languagetool_engine.mqm(i.code[3:], i.kind or "")[2]),
}

ON_LABEL = {frozenset({True}): "yes", frozenset({False}): "no", frozenset({True, False}): "some rules"}


def length_base_rates(labels: dict[Key, tuple[int, int]], words: dict[Key, int]) -> dict[Key, tuple[float, float]]:
    """(has_major, fluency_major) rate of each segment's length decile (in words)."""
    cuts = statistics.quantiles(words.values(), n=10)
    bins: dict[int, list[tuple[int, int]]] = {}
    for key, n in words.items():
        bins.setdefault(bisect.bisect_right(cuts, n), []).append(labels[key])
    rates = {b: (sum(a for a, _ in labs) / len(labs), sum(f for _, f in labs) / len(labs)) for b, labs in bins.items()}
    return {key: rates[bisect.bisect_right(cuts, n)] for key, n in words.items()}


def markdown(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats with three decimals."""
    cells = [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    lines = [header, ["---"] * len(header), *cells]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--top", type=int, default=15, help="rows of each per-family / per-rule table")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "ted-engines.csv")
    args = ap.parse_args()
    labels = load_labels(args.eval)
    summary: list[list[object]] = []
    details: list[str] = []
    for engine in args.engines.split(","):
        prefix, default_on = ENGINES[engine]
        config = AuditConfig(segments=True, grammar=engine, select=(prefix,), bootstrap=1)
        results, seconds = audit_systems(args.eval, config)
        failures = sum(i.code == "engine-error" for _, r in results for i in r.issues)
        issues = {key: [i for i in r.issues if i.code.startswith(prefix)] for key, r in results}
        write_predictions(args.out, [
            {"system": system, "line": line, "score": -len(found), "all": int(bool(found)),
             "default": int(any(default_on(i) for i in found))} for (system, line), found in issues.items()])
        for flag in ("all", "default"):
            r = score(args.eval, args.out, flag)
            summary.append([engine, flag, round(len(results) / seconds), r["flag_rate"],
                            r["has_major_precision"], r["has_major_f1"],
                            r["fluency_major_precision"], r["fluency_major_f1"]])
        base = length_base_rates(labels, {key: len(r.segment.hyp.split()) for key, r in results})
        on: dict[str, set[bool]] = {}
        for i in (i for found in issues.values() for i in found):
            for name in (i.kind or "", i.code):
                on.setdefault(name, set()).add(default_on(i))
        for title, name in (("family", lambda i: i.kind or ""), ("rule", lambda i: i.code)):
            table = precision_table(labels, ((key, [name(i) for i in found]) for key, found in issues.items()))
            expected = {row[0]: row[2:] for row in precision_table(
                base, ((key, [name(i) for i in found]) for key, found in issues.items()))}
            details.append(f"### {engine}: top {args.top} of {len(table)} by {title} "
                           f"({len(results)} segments, {seconds:.0f} s, {failures} engine errors)\n\n" + markdown(
                               [title, "on by default", "n", "P(has_major)", "base", "P(fluency_major)", "base"],
                               [[n, ON_LABEL[frozenset(on[n])], c, pm, expected[n][0], pf, expected[n][1]]
                                for n, c, pm, pf in table[:args.top]]))
    print(markdown(["engine", "rules", "segments/s", "flag rate", "P(has_major)", "F1(has_major)",
                    "P(fluency_major)", "F1(fluency_major)"], summary))
    print("\n" + "\n\n".join(details))


if __name__ == "__main__":
    main()
