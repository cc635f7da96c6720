"""Gate requirements: ``NAME OP LIMIT`` over the summary's figures.

A requirement reads ``NAME OP LIMIT`` (``flagged_rate <= 0.15``, ``critical == 0``,
``chrf >= 50``). Prefix the name with ``doc:`` to require it of every document
(``doc:flagged_rate <= 0.3``). NAME is a batch figure (``FIGURES``: rates, counts, the
metrics of ``catalog.METRICS``), a severity, verdict, check code or MQM category (its count
of issues), or any of those followed by ``_rate`` (the share of sentences with at least one
such issue). A check code, engine rule or category mtaudit does not know is an error with the
nearest names (``checks/known.py``): a typo would count nothing and always pass.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable

from ..catalog import METRICS, NOTICE_CODES, VERDICTS
from ..checks.known import categories, check_category, check_code, codes, nearest
from ..errors import ConfigError
from ..model import SEVERITIES

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, ">": operator.gt,
}
_REQUIREMENT = re.compile(r"^\s*(?P<name>[^<>=!]+?)\s*(?P<op><=|>=|==|!=|<|>)\s*(?P<limit>[-+]?\d+(?:\.\d+)?%?)\s*$")
# Check codes (MT103, harper:SpellCheck, lt:EN_A_VS_AN), MQM categories and severities,
# optionally with _rate: counted figures that are 0 when no such issue occurred.
_COUNTED = re.compile(r"^(MT\d{3}|[a-z]+:[\w.-]+|engine-error|engine-skip|[A-Z][\w ]*/[\w /-]+|minor|major|critical)(_rate)?$")
FIGURES: dict[str, str] = {
    "flagged_rate": "share of sentences flagged (0-1)",
    "mean_score": "mean sentence score (0-100)",
    **{m.name: m.description for m in METRICS},
    "sentences": "number of sentences (rows)",
    "flagged": "number of flagged sentences",
    "issues": "number of issues",
    **{s: f"number of {s} issues" for s in SEVERITIES},
    **{v: f"number of sentences with verdict {v}" for v in VERDICTS},
}
MISSING_WHEN_ABSENT = frozenset(m.name for m in METRICS)  # a metric the batch lacks fails the requirement


@dataclass(frozen=True)
class Requirement:
    """One threshold: ``name op limit``, of the batch or of each document."""

    name: str
    op: str
    limit: float
    per_document: bool = False

    def __str__(self) -> str:
        prefix = "doc:" if self.per_document else ""
        return f"{prefix}{self.name} {self.op} {self.limit:g}"

    def met_by(self, value: float | None) -> bool:
        return value is not None and OPERATORS[self.op](value, self.limit)

    def breach_message(self, value: float | None, scope: str) -> str:
        where = "batch" if scope == "batch" else f"document {scope}"
        shown = "missing" if value is None else f"{value:g}"
        return f"{where}: {self.name} = {shown}, required {self.op} {self.limit:g}"


def parse_requirement(text: str) -> Requirement:
    """Parse ``[doc:]NAME OP LIMIT``; a limit may end in ``%`` (``2%`` = 0.02)."""
    m = _REQUIREMENT.match(text)
    if not m:
        raise ConfigError(f"cannot read requirement {text!r}: expected NAME OP LIMIT, e.g. 'flagged_rate <= 0.15'")
    name, per_doc = m["name"], False
    if name.startswith("doc:"):
        name, per_doc = name[4:], True
    counted = _COUNTED.match(name)
    if not counted and name not in FIGURES:
        raise ConfigError(f"unknown gate figure {name!r} in {text!r}{_nearest(name)}; "
                          f"'mtaudit gate --list' shows them all")
    if counted and name not in FIGURES:
        _check_counted(name.removesuffix("_rate"), repr(text))
    limit_text = m["limit"]
    limit = float(limit_text.rstrip("%")) / (100 if limit_text.endswith("%") else 1)
    return Requirement(name, m["op"], limit, per_doc)


def _check_counted(name: str, where: str) -> None:
    """A check code, engine rule or MQM category the requirement counts must exist: a typo
    would count 0 findings and pass whatever the batch holds."""
    if name in SEVERITIES or name in NOTICE_CODES:
        return
    if "/" in name and ":" not in name:
        check_category(name, where)
    else:
        check_code(name, where)


def _nearest(name: str) -> str:
    """The figures, codes and categories nearest a name that is none of them (MT1O1_rate: MT101_rate)."""
    base = name.removesuffix("_rate")
    rate = name[len(base):]
    return nearest(base, [*FIGURES, *SEVERITIES, *codes(), *categories()], suffix=rate)


def parse_requirements(texts: tuple[str, ...] | list[str]) -> list[Requirement]:
    """Every requirement of a configuration, parsed (a bad one is a ``ConfigError``)."""
    return [parse_requirement(t) for t in texts]
