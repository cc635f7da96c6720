"""mtaudit's own MT heuristics: one module per family, each check registered by ``@check``."""
from __future__ import annotations

import importlib
from typing import Any, Mapping, Sequence

import math

from ..config import AuditConfig
from ..errors import ConfigError
from ..model import Issue
from .registry import REGISTRY, Check, Hit, check

FAMILIES = ("repetition", "structure", "punctuation", "lexical", "characters", "source", "placeables", "reference", "alignment", "coverage", "collocation",
            "consistency", "glossary", "systems")

for _family in FAMILIES:  # registration happens on import
    importlib.import_module(f"{__name__}.{_family}")


def load_resources(config: AuditConfig) -> None:
    """Read the files the checks' options name (glossary, dictionary) now, so that a bad
    file is one usage error before the audit starts, not an engine error on every sentence."""
    from .dictionary import user_dictionary
    from .glossary import load_glossary

    check_tunables(config.options)
    if config.glossary:
        load_glossary(config.glossary)
    if config.dictionary:
        user_dictionary(config.dictionary)


def check_tunables(options: Mapping[str, Any]) -> None:
    """``options`` sets only tunables a check reads (``tunables=`` of ``@check``), each of its
    type: a wrong one would fail the check on every sentence, an unknown one do nothing."""
    known = {name: (kind, c.code) for c in REGISTRY.values() for name, kind in c.tunables.items()}
    for key, value in options.items():
        if key not in known:
            listed = ", ".join(f"{n} ({code})" for n, (_, code) in sorted(known.items()))
            raise ConfigError(f"options: unknown key {key!r}; the checks read {listed}")
        kind, code = known[key]
        if not _of_kind(value, kind):
            raise ConfigError(f"options: {key} (read by {code}) must be {_KINDS[kind]}, not {value!r}")


_KINDS = {float: "a finite number", int: "a whole number", str: "a string", bool: "true or false"}


def _of_kind(value: Any, kind: type) -> bool:
    if kind in (int, float):
        return (not isinstance(value, bool) and isinstance(value, (int, float) if kind is float else int)
                and math.isfinite(value))
    return isinstance(value, kind)


def active_checks(config: AuditConfig) -> list[Check]:
    """The checks this configuration runs, in code order."""
    return [c for code, c in sorted(REGISTRY.items()) if config.enabled(code, c.enabled)]


def against_others(translations: Sequence[str], src: str | None, config: AuditConfig) -> list[list[Issue]]:
    """Each of a sentence's translations (one per system) checked against the others by the
    configuration's checks that need them (``needs == "systems"``: MT5xx)."""
    checks = [c for c in active_checks(config) if c.needs == "systems"]
    return [run_checks(checks, {"hyp": hyp, "others": [o for j, o in enumerate(translations) if j != i], "src": src},
                       config) if checks else [] for i, hyp in enumerate(translations)]


def run_checks(checks: list[Check], context: Mapping[str, Any], config: AuditConfig) -> list[Issue]:
    """Run checks on one sentence's context, applying configured severities."""
    issues: list[Issue] = []
    for c in checks:
        for issue in c.run(context):
            sev = config.severity_of(issue.code, issue.severity)
            issues.append(issue if sev == issue.severity else _with_severity(issue, sev))
    return issues


def _with_severity(issue: Issue, severity: str) -> Issue:
    from dataclasses import replace
    return replace(issue, severity=severity)


__all__ = ["REGISTRY", "Check", "Hit", "check", "active_checks", "check_tunables", "load_resources", "run_checks",
           "FAMILIES"]
