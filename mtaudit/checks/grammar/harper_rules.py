"""Which Harper rules can produce a finding mtaudit keeps, so the rest need not run.

Harper lints every sentence with ~900 rules; under the default configuration mtaudit keeps
only the findings of some lint kinds (``KIND_MAP``'s on column, and ``harper:`` codes the
configuration selects or ignores). A rule that can emit only kinds mtaudit discards is
switched off in a *prefilter* linter. The prefilter is not the answer, because Harper drops
overlapping lints across all rules (a discarded rule's lint can hide a kept one, and which
lints survive is not monotonic in the rule set): it only says which sentences can have a
finding. A sentence the prefilter finds nothing in has none; any other sentence is linted
as before, with every rule, so the findings are exactly those of the full linter.

The kinds a rule can emit come from ``data/harper_rule_kinds.json``, read from harper-core's
source by ``benchmarks/harper_rule_kinds.py`` (and checked there against each rule's own test
sentences). It is trusted only for the harper-py version it was read for; with another
version, or a rule it does not list, the rule runs.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from typing import Callable

# (kind -> (category, severity, on by default)) as the engine's KIND_MAP, and its fallback.
KindMap = dict[str, tuple[str, str, bool]]


@dataclass(frozen=True)
class RulePlan:
    """The prefilter's rule configuration and the lint kinds that make a sentence a candidate."""

    rules: tuple[tuple[str, bool], ...]  # Harper rule name -> on, for ``set_lint_config``
    candidate_kinds: frozenset[str]  # kinds some running rule may emit and mtaudit may keep

    @functools.cached_property
    def running(self) -> int:
        """How many rules the prefilter runs (asked for every sentence: counted once)."""
        return sum(on for _, on in self.rules)


@functools.cache
def rule_kinds() -> dict[str, list[str] | None] | None:
    """Rule -> the kinds it can emit (None: unknown), or None if the table is not for this
    harper-py."""
    data = json.loads(files("mtaudit").joinpath("data/harper_rule_kinds.json").read_text(encoding="utf-8"))
    return data["rules"] if data["harper_py"] == version("harper-py") else None


def plan_rules(defaults: dict[str, bool], kind_map: KindMap, unmapped: tuple[str, str, bool],
               enabled: Callable[[str, bool], bool]) -> RulePlan | None:
    """The prefilter for a configuration (``enabled(code, default_on)``), or None when it
    would save nothing (no trusted kinds table, or every Harper rule is needed)."""
    table = rule_kinds()
    if table is None:
        return None
    every_kind = sorted(kind_map)
    rules, candidates = [], set()
    for rule, default_on in sorted(defaults.items()):
        kinds = table.get(rule) or every_kind  # unknown: it may emit anything
        kept = {k for k in kinds if enabled(f"harper:{rule}", kind_map.get(k, unmapped)[2])}
        on = default_on and bool(kept)  # mtaudit runs Harper's default rules and no others
        if on:
            candidates |= kept
        rules.append((rule, on))
    plan = RulePlan(tuple(rules), frozenset(candidates))
    return None if plan.running == sum(defaults.values()) else plan


def is_candidate_kind(kind: str, plan: RulePlan, kind_map: KindMap) -> bool:
    """Whether a prefilter lint of this kind may be kept (a kind the map does not know may)."""
    return kind in plan.candidate_kinds or kind not in kind_map
