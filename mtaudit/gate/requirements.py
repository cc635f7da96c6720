"""The gate: thresholds over the summary → breaches. A pure function; the CLI owns exit codes.

A requirement reads ``NAME OP LIMIT`` (``flagged_rate <= 0.15``, ``critical == 0``,
``chrf >= 50``). Prefix the name with ``doc:`` to require it of every document
(``doc:flagged_rate <= 0.3``). NAME is a batch figure (``flagged_rate``, ``mean_score``,
``chrf``, ``bleu``, ``ter``, ``sentences``, ``flagged``, ``issues``), a severity, verdict,
check code or MQM category (its count of issues), or any of those followed by ``_rate``
(the share of sentences with at least one such issue).
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import ConfigError
from ..model import SEVERITIES

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, ">": operator.gt,
}
_REQUIREMENT = re.compile(r"^\s*(?P<name>[^<>=!]+?)\s*(?P<op><=|>=|==|!=|<|>)\s*(?P<limit>[-+]?\d+(?:\.\d+)?%?)\s*$")
# Check codes (MT103, harper:SpellCheck, lt:EN_A_VS_AN), MQM categories and severities,
# optionally with _rate: counted figures that are 0 when no such issue occurred.
_COUNTED = re.compile(r"^(MT\d{3}|[a-z]+:[\w.-]+|engine-error|[A-Z][\w ]*/[\w /-]+|minor|major|critical)(_rate)?$")
FIGURES = {
    "flagged_rate": "share of sentences flagged (0-1)",
    "mean_score": "mean sentence score (0-100)",
    "chrf": "corpus chrF (needs a reference)",
    "bleu": "corpus BLEU (needs a reference)",
    "ter": "corpus TER, lower is better (needs a reference)",
    "sentences": "number of sentences (rows)",
    "flagged": "number of flagged sentences",
    "issues": "number of issues",
    **{s: f"number of {s} issues" for s in SEVERITIES},
    **{v: f"number of sentences with verdict {v}" for v in ("ok", "review", "reject")},
}


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


@dataclass(frozen=True)
class Breach:
    """A requirement the batch (``scope == "batch"``) or one document does not meet."""

    requirement: Requirement
    value: float | None
    scope: str

    def __str__(self) -> str:
        where = "batch" if self.scope == "batch" else f"document {self.scope}"
        value = "missing" if self.value is None else f"{self.value:g}"
        return f"{where}: {self.requirement.name} = {value}, required {self.requirement.op} {self.requirement.limit:g}"


def parse_requirement(text: str) -> Requirement:
    """Parse ``[doc:]NAME OP LIMIT``; a limit may end in ``%`` (``2%`` = 0.02)."""
    m = _REQUIREMENT.match(text)
    if not m:
        raise ConfigError(f"cannot read requirement {text!r}: expected NAME OP LIMIT, e.g. 'flagged_rate <= 0.15'")
    name, per_doc = m["name"], False
    if name.startswith("doc:"):
        name, per_doc = name[4:], True
    if not _COUNTED.match(name) and name not in FIGURES:
        raise ConfigError(f"unknown gate figure {name!r} in {text!r}; 'mtaudit gate --list' shows them all")
    limit_text = m["limit"]
    limit = float(limit_text.rstrip("%")) / (100 if limit_text.endswith("%") else 1)
    return Requirement(name, m["op"], limit, per_doc)


def batch_values(summary: dict[str, Any]) -> dict[str, float]:
    """Every gate figure of the whole batch, from a summary."""
    counts = summary.get("counts", {})
    values: dict[str, float] = {
        "flagged_rate": summary.get("flagged_rate", 0.0),
        "mean_score": summary.get("score", {}).get("mean", 100.0),
        "sentences": counts.get("sentences", 0),
        "flagged": counts.get("flagged", 0),
        "issues": counts.get("issues", 0),
        **{s: counts.get("by_severity", {}).get(s, 0) for s in SEVERITIES},
        **counts.get("by_verdict", {}),
    }
    for name, entry in summary.get("metrics", {}).items():
        values[name] = entry["score"]
    values.update(_tallies(summary.get("tallies", {}), counts.get("sentences", 0)))
    return values


def document_values(doc: dict[str, Any]) -> dict[str, float]:
    """Every gate figure of one document, from the summary's per-document table."""
    values: dict[str, float] = {
        "flagged_rate": doc["flagged_rate"], "mean_score": doc["mean_score"],
        "sentences": doc["sentences"], "flagged": doc["flagged"],
        **{v: doc.get("by_verdict", {}).get(v, 0) for v in ("ok", "review", "reject")},
        **doc.get("metrics", {}),
    }
    tallies = doc.get("tallies", {})
    values["issues"] = sum(tallies.get("severity", {}).get(s, [0, 0])[0] for s in SEVERITIES)
    values.update(_tallies(tallies, doc["sentences"]))
    return values


def _tallies(tallies: dict[str, dict[str, list[int]]], sentences: int) -> dict[str, float]:
    """``name`` → issue count and ``name_rate`` → share of sentences, for codes, categories, severities."""
    out: dict[str, float] = {}
    for group in tallies.values():
        for name, (count, with_it) in group.items():
            out[name] = count
            out[f"{name}_rate"] = with_it / sentences if sentences else 0.0
    for s in SEVERITIES:  # severities always have a value, even when no issue has them
        out.setdefault(s, 0)
        out.setdefault(f"{s}_rate", 0.0)
    return out


def breaches(summary: dict[str, Any], requirements: list[Requirement]) -> list[Breach]:
    """The requirements the summary does not meet. A figure the batch lacks (say chrF with
    no reference) is a breach with value None, not a silent pass; a code or category with
    no issues counts 0."""
    found: list[Breach] = []
    for req in requirements:
        scopes = ([(d["doc"], document_values(d)) for d in summary.get("documents", [])]
                  if req.per_document else [("batch", batch_values(summary))])
        for scope, values in scopes:
            value = values.get(req.name, _absent_default(req.name))
            if value is None or not OPERATORS[req.op](value, req.limit):
                found.append(Breach(req, value, scope))
    return found


def _absent_default(name: str) -> float | None:
    """Counts of codes and categories that never occurred are 0; metrics are missing."""
    return None if name in ("chrf", "bleu", "ter") else 0.0


def gate_result(summary: dict[str, Any], requirements: list[Requirement]) -> dict[str, Any]:
    """The ``gate`` entry of the summary: status, requirements and breaches."""
    if not requirements:
        return {"status": "not-configured", "requirements": [], "breaches": []}
    found = breaches(summary, requirements)
    return {"status": "failed" if found else "passed",
            "requirements": [str(r) for r in requirements],
            "breaches": [{"requirement": str(b.requirement), "scope": b.scope, "value": b.value,
                          "message": str(b)} for b in found]}
