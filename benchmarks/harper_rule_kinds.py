"""Which lint kinds each Harper rule can emit, read from harper-core's source: writes
``mtaudit/data/harper_rule_kinds.json``, which the Harper engine uses to switch off the rules
whose every finding mtaudit would throw away (see ``mtaudit/grammar/harper_rules.py``).

Harper does not say which kind a rule emits until it fires, so the table is read from the
source of the harper-core that harper-py is built on (harper-py 0.2.0 = harper-core 2.13.0;
``cargo fetch`` of ``harper-core = "=2.13.0"`` puts it under ~/.cargo/registry/src). It is
conservative: a rule whose kinds cannot be read for sure (it builds its lint through another
linter, takes its kind from a variable, or leaves ``lint_kind`` to ``Default``, which is
Miscellaneous) is written as ``null``, and a ``null`` rule always runs.

Then every string literal of the source's tests (each rule's own must-flag sentences) and the
weir rules' ``test`` lines are linted with every rule on and no de-duplication: a rule seen
emitting a kind the table does not list fails the run, so the table is never written wrong.

    .venv/bin/python benchmarks/harper_rule_kinds.py [--source PATH] [--check]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from importlib.metadata import version
from pathlib import Path

import harper

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "mtaudit" / "data" / "harper_rule_kinds.json"
CORE = {"0.2.0": "2.13.0"}  # harper-py version -> the harper-core it embeds (its README says so)
KIND = re.compile(r"LintKind::(\w+)")


TEST_MOD = re.compile(r"#\[cfg\(test\)\]\s*(?:pub\s+)?mod\s+\w+\s*\{")


def block_end(code: str, start: int) -> int:
    """The index just past the brace that closes the block opened before ``start``."""
    depth, i = 1, start
    while depth and i < len(code):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        i += 1
    return i


def split_tests(code: str) -> tuple[str, str]:
    """(the file without its ``#[cfg(test)] mod ... { }`` blocks, those blocks): test code
    names kinds the rule never emits, and holds the sentences that make it fire."""
    kept, tests, at = [], [], 0
    for m in TEST_MOD.finditer(code):
        if m.start() < at:
            continue
        end = block_end(code, m.end())
        kept.append(code[at:m.start()])
        tests.append(code[m.start():end])
        at = end
    kept.append(code[at:])
    return "".join(kept), "".join(tests)


def strip_tests(code: str) -> str:
    """The file without its test modules."""
    return split_tests(code)[0]


def lint_literals(code: str) -> list[str]:
    """The bodies of the ``Lint { ... }`` struct literals in ``code`` (braces matched)."""
    return [code[m.end():block_end(code, m.end()) - 1] for m in re.finditer(r"\bLint\s*\{", code)]


def rust_kinds(code: str) -> list[str] | None:
    """Kinds a rule's own file can emit, or None when they cannot be read for sure."""
    literals = lint_literals(code)
    if not literals:
        return None  # the lint is built elsewhere (a wrapped linter, a helper)
    kinds = set(KIND.findall(code))
    for body in literals:
        assigned = re.search(r"\blint_kind\s*(?::\s*([^,\n}]+))?", body)
        if assigned is None:
            kinds.add("Miscellaneous")  # ..Default::default(): LintKind's default
        elif not (assigned.group(1) or "").strip().startswith("LintKind::"):
            return None  # from a variable or a field: not readable here
    if re.search(r"\b(MapPhrase(Set)?Linter|WeirLinter|InitialismLinter|dyn\s+\w*Linter)\b", code):
        return None  # also delegates to another linter
    return sorted(kinds) or None


def struct_files(linting: Path) -> dict[str, str]:
    """Rust type name -> the non-test source of the file that defines it."""
    files: dict[str, str] = {}
    for path in sorted(linting.rglob("*.rs")):
        if path.name.endswith("tests.rs"):
            continue
        code = strip_tests(path.read_text(encoding="utf-8"))
        for name in re.findall(r"\bpub(?:\([^)]*\))?\s+struct\s+(\w+)", code):
            files.setdefault(name, code)
    return files


def phrase_set_kinds(linting: Path) -> dict[str, list[str]]:
    """The phrase-set rules: each entry's kind, Miscellaneous when none is given."""
    code = strip_tests((linting / "phrase_set_corrections" / "mod.rs").read_text(encoding="utf-8"))
    entries = re.split(r'\n\s*"(\w+)"\s*=>\s*\(', code)
    out = {}
    for name, body in zip(entries[1::2], entries[2::2]):
        body = body.split("\n        ),")[0]
        tail = KIND.findall(body)
        out[name] = [tail[-1]] if tail else ["Miscellaneous"]
    return out


def read_table(source: Path, rules: list[str]) -> dict[str, list[str] | None]:
    """Rule name -> sorted kinds, or None (unknown: the rule must run)."""
    linting = source / "src" / "linting"
    table: dict[str, list[str] | None] = {}
    for path in linting.glob("weir_rules/*.weir"):
        m = re.search(r'^let kind "(\w+)"', path.read_text(encoding="utf-8"), re.M)
        table[path.stem] = [m.group(1) if m else "Miscellaneous"]  # weir's default kind
    table.update(phrase_set_kinds(linting))
    for name in json.loads((source / "proper_noun_rules.json").read_text(encoding="utf-8")):
        table[name] = ["Capitalization"]  # ProperNounCapitalizationLinter's only kind
    for group, kind in (("closed_compounds.rs", "Miscellaneous"), ("initialisms.rs", "Miscellaneous")):
        for name in re.findall(r'^\s*"(\w+)"\s*=>', (linting / group).read_text(encoding="utf-8"), re.M):
            table[name] = [kind]  # new_closed_compound / InitialismLinter: Miscellaneous
    files = struct_files(linting)
    group_src = (linting / "lint_group" / "mod.rs").read_text(encoding="utf-8")
    for name in re.findall(r'insert_\w+_rule\w*!\((\w+)\)', group_src):
        table.setdefault(name, rust_kinds(files[name]) if name in files else None)
    for name, typ in re.findall(r'out\.add\(\s*"(\w+)",\s*(\w+)::', group_src):
        table.setdefault(name, rust_kinds(files[typ]) if typ in files else None)
    be_adj = strip_tests((linting / "be_adjective_confusions.rs").read_text(encoding="utf-8"))
    for name in re.findall(r'^\s*"(\w+)"\s*=>', be_adj, re.M):
        table.setdefault(name, rust_kinds(be_adj))
    return {r: table.get(r) for r in rules}  # a rule the source reading missed: unknown


def unescape(literal: str) -> str:
    """A Rust string literal's text (the escapes the tests use)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal)


def test_sentences(source: Path) -> list[str]:
    """String literals of the source's test code and the weir rules' tests."""
    texts: list[str] = []
    for path in (source / "src").rglob("*.rs"):
        code = path.read_text(encoding="utf-8")
        tests = code if path.name.endswith("tests.rs") else split_tests(code)[1]
        texts += [unescape(s) for s in re.findall(r'"((?:[^"\\\n]|\\.)*)"', tests)]
    for path in (source / "src" / "linting" / "weir_rules").glob("*.weir"):
        for a, b in re.findall(r'^\s*test\s+"([^"]*)"\s+"([^"]*)"', path.read_text(encoding="utf-8"), re.M):
            texts += [a, b]
    return sorted({t for t in texts if len(t.split()) >= 2})


def verify(table: dict[str, list[str] | None], texts: list[str]) -> list[str]:
    """Rules seen emitting a kind their table entry does not list."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config({r: True for r in linter.get_lint_config()})
    wrong = set()
    for text in texts:
        for language in ("plaintext", "markdown"):
            for rule, lints in linter.organized_lints(text, language=language, dedup=False).items():
                kinds = table.get(rule)
                wrong |= {f"{rule}: {lint.lint_kind}" for lint in lints
                          if kinds is not None and lint.lint_kind not in kinds}
    return sorted(wrong)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, help="harper-core source folder (default: cargo's registry)")
    ap.add_argument("--check", action="store_true", help="verify the written table, write nothing")
    args = ap.parse_args()
    py = version("harper-py")
    source = args.source or Path(next(iter(sorted(glob.glob(os.path.expanduser(
        f"~/.cargo/registry/src/*/harper-core-{CORE[py]}"))))))
    rules = sorted(harper.Linter(harper.Dialect.AMERICAN).get_lint_config())
    table = json.loads(OUT.read_text())["rules"] if args.check else read_table(source, rules)
    texts = test_sentences(source)
    wrong = verify(table, texts)
    known = [k for k in table.values() if k is not None]
    print(f"{len(rules)} rules, {len(known)} with known kinds, {len(rules) - len(known)} unknown (always run); "
          f"verified on {len(texts)} test sentences")
    if wrong:
        raise SystemExit("kinds the table does not list:\n  " + "\n  ".join(wrong))
    if not args.check:
        rows = ",\n".join(f"  {json.dumps(rule)}: {json.dumps(kinds)}" for rule, kinds in sorted(table.items()))
        OUT.write_text(f'{{"harper_py": "{py}", "harper_core": "{CORE[py]}", "rules": {{\n{rows}\n}}}}\n',
                       encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
