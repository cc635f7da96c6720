"""The check registry: the ``@check`` decorator is the only place a check registers.

A check is a small function that asks for its context by parameter name (``hyp``, ``ref``,
``src``, ``prev``, ``next``, ``doc``, ``options``, ``alignment``, ``hyp_group`` — the
hypothesis sentences aligned together to the same reference text — and ``others``, the other
systems' translations of the sentence, which only ``compare`` has) and yields ``Hit``s; the
registry turns hits into ``Issue``s carrying the check's code, category and severity.
"""
from __future__ import annotations

import functools
import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from ..model import SEVERITIES, Issue, Severity

CODE_RE = re.compile(r"^MT[1-5]\d\d$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CONTEXT_PARAMS = ("hyp", "ref", "src", "prev", "next", "doc", "options", "alignment", "hyp_group", "others")


class Hit(NamedTuple):
    """What a check function yields: a span of the hypothesis and why it is wrong."""

    start: int
    end: int
    message: str
    suggestion: str | None = None


Example = str | Mapping[str, Any]


@dataclass(frozen=True)
class Check:
    """A registered check and its metadata (what ``mtaudit checks`` lists)."""

    code: str
    name: str
    category: str
    severity: Severity
    func: Callable[..., Iterable[Hit]]
    params: tuple[str, ...]
    flags: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    enabled: bool = True
    description: str = field(default="")
    optional: frozenset[str] = frozenset()
    on_empty: bool = False
    tunables: Mapping[str, type] = field(default_factory=dict)  # options it reads: name -> type

    @functools.cached_property
    def needs(self) -> str:
        """``systems``, ``reference``, ``source`` or ``target``: what the check cannot run
        without (``systems``: other systems' translations of the sentence, in ``compare``).

        A ``ref`` or ``src`` parameter with a default is optional context, not a need.
        """
        if "others" in self.params:
            return "systems"
        if "ref" in self.params and "ref" not in self.optional:
            return "reference"
        if "src" in self.params and "src" not in self.optional:
            return "source"
        return "target"

    def run(self, context: Mapping[str, Any]) -> list[Issue]:
        """Call the check with the context it asks for; returns its issues."""
        if self.needs == "systems" and not context.get("others"):
            return []
        if self.needs == "reference" and not context.get("ref"):
            return []
        if self.needs == "source" and not context.get("src"):
            return []
        if self.needs == "source" and not self.on_empty and not str(context.get("hyp") or "").strip():
            return []  # an empty translation is one finding (MT208), not a number or a quote missing
        kwargs = {p: context.get(p) for p in self.params}
        return [
            Issue(self.code, self.category, self.severity, h.start, h.end, h.message,
                  h.suggestion, engine="mtaudit", kind=self.name)
            for h in self.func(**kwargs)
        ]


REGISTRY: dict[str, Check] = {}


def check(code: str, *, name: str, category: str, severity: Severity,
          flags: Iterable[Example] = (), passes: Iterable[Example] = (),
          enabled: bool = True, on_empty: bool = False, tunables: Mapping[str, type] | None = None,
          ) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a check function under a stable code (``MT`` + family digit + two digits).

    ``flags`` are sentences (or context dicts with a ``hyp`` key) it must flag, ``passes``
    fluent ones it must not; a test runs them all. A check against the source runs on an
    empty translation only with ``on_empty``. ``tunables`` names the ``options`` it reads
    and their types (``{"min_zipf": float}``): the configuration may set only those.
    """
    if not CODE_RE.match(code):
        raise ValueError(f"invalid check code {code!r}: expected MT1xx (target), MT2xx (source), MT3xx (reference), "
                         "MT4xx (terminology) or MT5xx (other systems)")
    if not NAME_RE.match(name):
        raise ValueError(f"invalid check name {name!r}: expected kebab-case")
    if severity not in SEVERITIES:
        raise ValueError(f"invalid severity {severity!r} for {code}")

    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        signature = inspect.signature(func).parameters
        params = tuple(signature)
        optional = frozenset(n for n, p in signature.items() if p.default is not inspect.Parameter.empty)
        unknown = set(params) - set(CONTEXT_PARAMS)
        if unknown:
            raise ValueError(f"{code}: unknown context parameters {sorted(unknown)}")
        if code in REGISTRY or any(c.name == name for c in REGISTRY.values()):
            raise ValueError(f"duplicate check code or name: {code} {name}")
        doc = inspect.getdoc(func) or ""
        REGISTRY[code] = Check(code, name, category, severity, func, params,
                               tuple(flags), tuple(passes), enabled, doc, optional, on_empty,
                               dict(tunables or {}))
        return func

    return register
