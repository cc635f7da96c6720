"""The typed results an audit hands from stage to stage: the batch ``Summary`` with its
``Counts`` (which add, like coverage.py's ``Numbers``), one ``DocumentSummary`` per document,
and the gate's ``GateResult`` with its ``Breach``es.

``summary.json`` is ``Summary.as_dict()`` written as JSON (``report/json_report.py``), and
``Summary.from_dict`` reads it back, checking its shape. Per-document entries and findings
grow with the batch: a streamed audit keeps them on disk (any ``Sequence`` will do), and the
JSON writer encodes them one at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable, Iterable, Mapping, Sequence

from .catalog import VERDICTS
from .model import SEVERITIES
from .errors import InputError
from .shapes import counter, is_int, listed, mapping, number, whole

FORMAT_VERSION = 1
TallyGroup = dict[str, list[int]]  # name -> [issues, sentences with at least one]


class Record:
    """A flat record: its fields, in order, are its JSON object."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


class FlagRate:
    """``flagged_rate``: the share of sentences flagged, to six decimals (0 without sentences)."""

    flagged: int
    sentences: int

    @property
    def flagged_rate(self) -> float:
        return round(self.flagged / self.sentences, 6) if self.sentences else 0.0


@dataclass
class Counts(FlagRate):
    """How many documents, sentences, flagged sentences and issues, by verdict and severity."""

    documents: int = 0
    sentences: int = 0
    flagged: int = 0
    issues: int = 0
    by_verdict: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.documents + other.documents, self.sentences + other.sentences,
                      self.flagged + other.flagged, self.issues + other.issues,
                      _added(self.by_verdict, other.by_verdict), _added(self.by_severity, other.by_severity))

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "sentences": self.sentences, "rows": self.sentences,
                "flagged": self.flagged, "issues": self.issues,
                "by_verdict": dict(self.by_verdict), "by_severity": dict(self.by_severity)}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Counts:
        d = mapping(data, where)
        return cls(*(whole(d.get(k, 0), f"{where}.{k}") for k in ("documents", "sentences", "flagged", "issues")),
                   counter(d.get("by_verdict", {}), f"{where}.by_verdict"),
                   counter(d.get("by_severity", {}), f"{where}.by_severity"))


def _added(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in dict.fromkeys([*a, *b])}


@dataclass
class Tallies(Record):
    """For check codes, MQM categories and severities: issues and sentences with one."""

    code: TallyGroup = field(default_factory=dict)
    category: TallyGroup = field(default_factory=dict)
    severity: TallyGroup = field(default_factory=dict)

    def add(self, kinds: Iterable[tuple[str, str, str]]) -> None:
        """One sentence's issues, each as (code, category, severity)."""
        seen: set[tuple[str, str]] = set()
        for kind in kinds:
            for group, name in zip(("code", "category", "severity"), kind):
                entry = getattr(self, group).setdefault(name, [0, 0])
                entry[0] += 1
                if (group, name) not in seen:
                    entry[1] += 1
                    seen.add((group, name))

    def figures(self, sentences: int) -> dict[str, float]:
        """``name`` → issue count and ``name_rate`` → share of sentences with one; severities
        always have both."""
        out: dict[str, float] = {}
        for group in (self.code, self.category, self.severity):
            for name, (count, with_it) in group.items():
                out[name] = count
                out[f"{name}_rate"] = with_it / sentences if sentences else 0.0
        for s in SEVERITIES:
            out.setdefault(s, 0)
            out.setdefault(f"{s}_rate", 0.0)
        return out

    def issues(self) -> int:
        return sum(n for n, _ in self.severity.values())

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Tallies:
        d = mapping(data, where)
        groups = []
        for group in ("code", "category", "severity"):
            entries = mapping(d.get(group, {}), f"{where}.{group}")
            for name, pair in entries.items():
                if not (isinstance(pair, list) and len(pair) == 2 and all(is_int(v) for v in pair)):
                    raise InputError(f"{where}.{group}.{name}: expected [issues, sentences]")
            groups.append({str(k): list(v) for k, v in entries.items()})
        return cls(*groups)


@dataclass(frozen=True)
class CorpusScore:
    """A corpus metric: sacreBLEU's score and signature, on how many sentences, with the
    bootstrap 95% interval when there was one, and how many sentences it skipped (too long
    for it, ``checks.limits``; written only when some were)."""

    score: float
    signature: str
    sentences: int
    ci_low: float | None = None
    ci_high: float | None = None
    bootstrap_mean: float | None = None
    skipped: int = 0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"score": self.score, "signature": self.signature, "sentences": self.sentences}
        if self.skipped:
            out["skipped"] = self.skipped
        if self.ci_low is not None:
            out.update(ci_low=self.ci_low, ci_high=self.ci_high, bootstrap_mean=self.bootstrap_mean)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> CorpusScore:
        d = mapping(data, where)
        ci = [number(d[k], f"{where}.{k}") if d.get(k) is not None else None
              for k in ("ci_low", "ci_high", "bootstrap_mean")]
        return cls(number(d.get("score"), f"{where}.score"), str(d.get("signature", "")),
                   whole(d.get("sentences", 0), f"{where}.sentences"), *ci,
                   skipped=whole(d.get("skipped", 0), f"{where}.skipped"))


@dataclass(frozen=True)
class Worst(Record):
    """One of a document's lowest-scoring sentences that has findings."""

    seg: int | str
    score: float
    hypothesis: str
    issue_codes: list[str]


@dataclass
class DocumentSummary(FlagRate):
    """One document's figures: what ``doc:`` requirements are checked against."""

    doc: str
    sentences: int
    flagged: int
    mean_score: float
    by_verdict: dict[str, int]
    metrics: dict[str, float]
    tallies: Tallies
    worst: list[Worst]

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "sentences": self.sentences, "flagged": self.flagged,
                "flagged_rate": self.flagged_rate, "mean_score": self.mean_score,
                "by_verdict": self.by_verdict, "metrics": self.metrics, "tallies": self.tallies.as_dict(),
                "worst": [w.as_dict() for w in self.worst]}

    @classmethod
    def from_dict(cls, data: Any, where: str = "document") -> DocumentSummary:
        d = mapping(data, where)
        worst = [Worst(w.get("seg", ""), number(w.get("score", 0), f"{where}.worst.score"), str(w.get("hypothesis", "")),
                       [str(c) for c in w.get("issue_codes", [])]) for w in listed(d.get("worst", []), f"{where}.worst")
                 if isinstance(w, dict)]
        return cls(str(d.get("doc", "")), whole(d.get("sentences", 0), f"{where}.sentences"),
                   whole(d.get("flagged", 0), f"{where}.flagged"), number(d.get("mean_score", 0), f"{where}.mean_score"),
                   counter(d.get("by_verdict", {}), f"{where}.by_verdict"),
                   {str(k): number(v, f"{where}.metrics.{k}") for k, v in mapping(d.get("metrics", {}), where).items()},
                   Tallies.from_dict(d.get("tallies", {}), f"{where}.tallies"), worst)


@dataclass(frozen=True)
class Finding(Record):
    """One finding, by its stable id (see ``model.finding_id``): what the baseline compares."""

    id: str
    doc: str
    seg: int | str
    code: str

    @classmethod
    def from_dict(cls, data: Any, where: str = "finding") -> Finding:
        d = mapping(data, where)
        return cls(str(d.get("id", "")), str(d.get("doc", "")), d.get("seg", ""), str(d.get("code", "")))


@dataclass(frozen=True)
class EngineFailure(Record):
    """A checker that raised on a sentence (the sentence keeps an ``engine-error`` finding)."""

    doc: str
    seg: str
    checker: str
    error: str


@dataclass(frozen=True)
class Breach(Record):
    """A requirement the batch (``scope == "batch"``) or one document does not meet, or a
    regression against the baseline; ``value`` is None for a figure the batch lacks."""

    requirement: str
    scope: str
    value: float | None
    message: str


@dataclass(frozen=True)
class GateResult:
    """``passed``, ``failed`` or ``not-configured``, the requirements and what breached them."""

    status: str = "not-configured"
    requirements: tuple[str, ...] = ()
    breaches: tuple[Breach, ...] = ()
    baseline: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "requirements": list(self.requirements),
                               "breaches": [b.as_dict() for b in self.breaches]}
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "gate") -> GateResult:
        d = mapping(data, where)
        breaches = tuple(Breach(str(b.get("requirement", "")), str(b.get("scope", "")), b.get("value"),
                                str(b.get("message", ""))) for b in listed(d.get("breaches", []), f"{where}.breaches")
                         if isinstance(b, dict))
        return cls(str(d.get("status", "not-configured")), tuple(map(str, d.get("requirements", []))), breaches,
                   d.get("baseline"))


@dataclass
class Summary:
    """Everything a machine needs about the batch (``summary.json``)."""

    batch: str
    inputs: list[str]
    counts: Counts
    flag_below: dict[str, float]
    score: dict[str, float]  # mean, median, min, max; empty without sentences
    metrics: dict[str, CorpusScore]
    issues_by_code: dict[str, dict[str, Any]]  # code -> count, name, category, severity, engine
    issues_by_category: dict[str, int]
    tallies: Tallies
    documents: Sequence[DocumentSummary]
    findings: Sequence[Finding]
    engine_failures: list[EngineFailure]
    config: dict[str, Any]
    input_sentences: int
    gate: GateResult = field(default_factory=GateResult)
    waivers: dict[str, Any] | None = None
    mtaudit_version: str = ""
    format_version: int = FORMAT_VERSION

    @property
    def flagged_rate(self) -> float:
        return self.counts.flagged_rate

    def as_dict(self, wrap: Callable[[Sequence[Any]], Any] | None = None) -> dict[str, Any]:
        """The JSON-ready form; ``wrap`` (say a writer's lazy list) takes the documents and
        findings in place of their lists of objects, which may be kept on disk."""
        def listed(items: Sequence[Any]) -> Any:
            return wrap(items) if wrap is not None else [i.as_dict() for i in items]
        n = self.counts.sentences
        out = {
            "format_version": self.format_version, "mtaudit_version": self.mtaudit_version,
            "batch": self.batch, "inputs": self.inputs, "counts": self.counts.as_dict(),
            "flagged_rate": self.flagged_rate, "flag_below": self.flag_below, "score": self.score,
            "metrics": {k: v.as_dict() for k, v in self.metrics.items()},
            "issues_by_code": self.issues_by_code, "issues_by_category": self.issues_by_category,
            "tallies": self.tallies.as_dict(), "documents": listed(self.documents),
            "findings": listed(self.findings), "engine_failures": [f.as_dict() for f in self.engine_failures],
            "config": self.config, "gate": self.gate.as_dict(),
            "invariant": {"input_sentences": self.input_sentences, "rows": n, "ok": self.input_sentences == n},
        }
        if self.waivers is not None:
            out["waivers"] = self.waivers
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "summary.json") -> Summary:
        """A summary read back (for ``mtaudit gate``, a baseline or compare), its shape checked:
        anything malformed is an ``InputError`` naming the entry."""
        d = mapping(data, where)
        if "counts" not in d or "findings" not in d:
            raise InputError(f"{where}: not an mtaudit summary (no counts or findings)")
        counts = Counts.from_dict(d["counts"], f"{where}: counts")
        invariant = d.get("invariant") if isinstance(d.get("invariant"), dict) else {}
        return cls(
            batch=str(d.get("batch", "")), inputs=[str(i) for i in listed(d.get("inputs", []), f"{where}: inputs")],
            counts=counts,
            flag_below={str(k): number(v, f"{where}: flag_below") for k, v in mapping(d.get("flag_below", {}), where).items()},
            score={str(k): number(v, f"{where}: score.{k}") for k, v in mapping(d.get("score", {}), where).items()},
            metrics={str(k): CorpusScore.from_dict(v, f"{where}: metrics.{k}")
                     for k, v in mapping(d.get("metrics", {}), f"{where}: metrics").items()},
            issues_by_code=dict(mapping(d.get("issues_by_code", {}), f"{where}: issues_by_code")),
            issues_by_category=counter(d.get("issues_by_category", {}), f"{where}: issues_by_category"),
            tallies=Tallies.from_dict(d.get("tallies", {}), f"{where}: tallies"),
            documents=[DocumentSummary.from_dict(x, f"{where}: documents[{k}]")
                       for k, x in enumerate(listed(d.get("documents", []), f"{where}: documents"))],
            findings=[Finding.from_dict(x, f"{where}: findings[{k}]")
                      for k, x in enumerate(listed(d["findings"], f"{where}: findings"))],
            engine_failures=[EngineFailure(*(str(f.get(k, "")) for k in ("doc", "seg", "checker", "error")))
                             for f in listed(d.get("engine_failures", []), where) if isinstance(f, dict)],
            config=dict(mapping(d.get("config", {}), f"{where}: config")),
            input_sentences=whole(invariant.get("input_sentences", counts.sentences), f"{where}: invariant"),
            gate=GateResult.from_dict(d.get("gate", {}), f"{where}: gate"),
            waivers=d.get("waivers") if isinstance(d.get("waivers"), dict) else None,
            mtaudit_version=str(d.get("mtaudit_version", "")),
            format_version=whole(d.get("format_version", FORMAT_VERSION), f"{where}: format_version"))
