"""The names a configuration may use for findings — check codes, MQM categories, grammar
engine rules — so that a typo in a gate requirement, ``--select``/``--ignore`` or a severity
override is an error with a did-you-mean, never a gate that checks nothing.

Harper's rules are the installed Harper's own list (its lint configuration). LanguageTool's
are not knowable without its server, so an ``lt:`` rule is only checked for the form of a
LanguageTool rule id (``EN_A_VS_AN``: capitals, digits and underscores).
"""
from __future__ import annotations

import difflib
import functools
import os
import re
from typing import Iterable

from ..config import AuditConfig
from ..errors import ConfigError
from .limits import SKIP_CODE
from .registry import REGISTRY

ENGINES = ("harper", "lt")
ENGINE_ERROR = "engine-error"
ENGINE_SKIP = SKIP_CODE  # an engine or metric not given a sentence (limits)
_LT_RULE = re.compile(r"[A-Z][A-Z0-9_]*")


def codes() -> list[str]:
    """mtaudit's own check codes, and the codes of an engine failure and an engine skip."""
    return [*sorted(REGISTRY), ENGINE_ERROR, ENGINE_SKIP]


def categories() -> list[str]:
    """Every MQM category a finding can carry: the checks', the engines' and ``Other``."""
    from .grammar.harper_engine import KIND_MAP
    from .grammar.harper_engine import UNMAPPED as HARPER_UNMAPPED
    from .grammar.languagetool_engine import CATEGORY_MAP
    from .grammar.languagetool_engine import UNMAPPED as LT_UNMAPPED

    found = {c.category for c in REGISTRY.values()} | {"Other", HARPER_UNMAPPED[0], LT_UNMAPPED[0]}
    found |= {v[0] for v in KIND_MAP.values()} | {v[0] for v in CATEGORY_MAP.values()}
    return sorted(found)


@functools.cache
def harper_rules() -> frozenset[str]:
    """The rule names of the installed Harper (``harper:<Rule>``)."""
    from .grammar.harper_engine import _linter

    return frozenset(_linter().get_lint_config())


def check_code(name: str, where: str) -> None:
    """``name`` is a finding's code mtaudit knows (``MT101``, ``harper:SpellCheck``,
    ``lt:EN_A_VS_AN``, ``engine-error``, ``engine-skip``); else a ``ConfigError`` saying ``where``."""
    if name in REGISTRY or name in (ENGINE_ERROR, ENGINE_SKIP):
        return
    engine, _, rule = name.partition(":")
    if rule and engine == "harper":
        if rule not in harper_rules():
            raise ConfigError(f"unknown Harper rule {rule!r} in {where}{nearest(rule, harper_rules(), 'harper:')}")
        return
    if rule and engine == "lt":
        if not _LT_RULE.fullmatch(rule):
            raise ConfigError(f"{name!r} in {where} is not a LanguageTool rule id (capitals, digits and "
                              f"underscores, such as lt:EN_A_VS_AN){nearest(rule.upper(), [rule.upper()], 'lt:')}")
        return
    if rule:
        raise ConfigError(f"unknown grammar engine {engine!r} in {where}{nearest(engine, ENGINES)}")
    raise ConfigError(f"unknown check code {name!r} in {where}{nearest(name, codes())}; "
                      f"'mtaudit checks' lists them")


def check_category(name: str, where: str) -> None:
    """``name`` is an MQM category a finding can carry; else a ``ConfigError``."""
    if name not in categories():
        raise ConfigError(f"unknown MQM category {name!r} in {where}{nearest(name, categories())}; "
                          f"'mtaudit checks' lists them")


def check_prefix(prefix: str, option: str) -> None:
    """A ``select``/``ignore`` prefix that matches at least one code; else a ``ConfigError``."""
    engine, colon, rule = prefix.partition(":")
    if colon and engine in ENGINES and not rule:
        return  # a whole engine
    if colon and engine == "lt":
        if not _LT_RULE.fullmatch(rule):
            raise ConfigError(f"{option} {prefix!r} is not a LanguageTool rule id (capitals, digits and "
                              f"underscores){nearest(rule.upper(), [rule.upper()], 'lt:')}")
        return
    if colon and engine == "harper":
        if not any(r.startswith(rule) for r in harper_rules()):
            raise ConfigError(f"{option} {prefix!r} matches no Harper rule"
                              f"{nearest(rule, harper_rules(), 'harper:')}")
        return
    if colon:
        raise ConfigError(f"{option} {prefix!r}: unknown grammar engine {engine!r}{nearest(engine, ENGINES)}")
    if not any(c.startswith(prefix) for c in codes()):
        upper = [prefix.upper()] if any(c.startswith(prefix.upper()) for c in codes()) else []
        raise ConfigError(f"{option} {prefix!r} matches no check{nearest(prefix, upper or codes())}; "
                          f"'mtaudit checks' lists them")


def check_config(config: AuditConfig) -> None:
    """Every code the configuration names — ``select``, ``ignore``, ``severity`` — is known."""
    for option, prefixes in (("select", config.select), ("ignore", config.ignore)):
        for prefix in prefixes:
            check_prefix(prefix, option)
    for code in config.severity:
        check_code(code, f"severity {code!r}")


def nearest(name: str, known: Iterable[str], prefix: str = "", suffix: str = "") -> str:
    """`` (did you mean X?)`` for the known names closest to ``name`` (none: '')."""
    known = list(known)
    close = sorted(difflib.get_close_matches(name, known, n=len(known), cutoff=0.6),  # ties: MT10l is MT101, not MT130
                   key=lambda k: (-round(difflib.SequenceMatcher(None, name, k).ratio(), 3),
                                  -len(os.path.commonprefix([k, name])), k))[:3]
    if not close:
        close = [k for k in known if k.lower() == name.lower()][:1]
    return f" (did you mean {' or '.join(prefix + c + suffix for c in close)}?)" if close else ""
