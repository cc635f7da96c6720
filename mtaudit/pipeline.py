"""The audit, one way through: read → segment → align → check → score → summarise."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import checks
from .checks.context import DocContext
from .config import AuditConfig
from .dictionary import source_coverage
from .execution import Plan, run_documents
from .gate import gate_result
from .grammar import GrammarEngine, build_engine
from .metrics import ReferenceMetrics, Stats
from .model import AuditResult, Issue, Segment, SegmentResult
from .pairing import document_segments
from .quality import load_models
from .readers import TextOptions, read_batch
from .scoring import score_segment
from .summary import build_summary
from .worddiff import word_diff
from .waivers import load_waivers

Progress = Callable[[int, int], None]
_ENGINE_CACHE_SIZE = 20_000
_CAPITALISED = re.compile(r"(?<=[\w,;:’'\"”)] )([A-Z][\w’'-]+)")


def audit(paths: Iterable[str | Path], ref: str | Path | Sequence[str | Path] | None = None,
          src: str | Path | None = None, config: AuditConfig | None = None,
          progress: Progress | None = None, plan: Plan | None = None) -> AuditResult:
    """Audit hypothesis files or folders; returns results, summary and carried columns.

    ``ref`` is one reference file, or a list of references of the same lines (with
    ``config.segments``). ``result.summary`` is what ``summary.json`` holds;
    ``result.sentences`` is the per-sentence table as a pandas DataFrame. ``plan`` says
    where documents are audited (worker processes, a Dask cluster; default: this process).
    """
    config = config or AuditConfig()
    checks.load_resources(config)
    paths = [Path(p) for p in paths]
    waivers = load_waivers(config.waivers) if config.waivers else None
    refs = [Path(ref)] if isinstance(ref, (str, Path)) else [Path(r) for r in ref or []]
    batch = read_batch(paths, refs, Path(src) if src else None,
                       segments=config.segments, text=TextOptions(config.encoding, config.errors))
    documents = [(d.name, document_segments(d)) for d in batch.documents]
    names = batch_names(seg.hyp for _, segs in documents for seg in segs)
    results: list[SegmentResult] = []
    failures: list[dict[str, str]] = []
    factory = functools.partial(_Auditor, config, names)
    for doc_results, doc_failures in run_documents(factory, documents, plan or Plan(jobs=1), progress):
        results.extend(doc_results)
        failures.extend(doc_failures)
    if waivers is not None:  # here, not in the workers: a waived finding counts nowhere, and is tallied once
        results = waivers.apply(results, load_models(config.quality_model))
    input_sentences = sum(len(s) for _, s in documents)
    by_doc = _by_doc(results)
    metrics = ReferenceMetrics(config.metrics)
    summary = build_summary(batch.name, [str(p) for p in paths], results, config,
                            corpus=corpus_metrics(metrics, results, config.bootstrap),
                            doc_metrics={name: {k: v["score"] for k, v in corpus_metrics(metrics, rs, 1).items()}
                                         for name, rs in by_doc.items()},
                            failures=failures, input_sentences=input_sentences)
    if waivers is not None:
        summary["waivers"] = waivers.summary()
    summary["gate"] = gate_result(summary, config.requirements)
    return AuditResult(results, summary, batch.extra_columns)


def batch_names(sentences: Iterable[str]) -> frozenset[str]:
    """Tokens the batch uses as names: capitalised somewhere other than a sentence start."""
    return frozenset(m.group(1) for s in sentences for m in _CAPITALISED.finditer(s))


class _Auditor:
    """Holds what is built once per audit: the active checks, the engine, the metrics."""

    def __init__(self, config: AuditConfig, names: frozenset[str]) -> None:
        self.config = config
        self.names = names
        self.checks = checks.active_checks(config)
        self.engine: GrammarEngine | None = build_engine(config)
        self.metrics = ReferenceMetrics(config.metrics)
        self.options = config.check_options()
        self.models = load_models(config.quality_model)
        self._engine_cache: dict[tuple[str, str | None, str | None], list[Issue]] = {}

    def _engine_issues(self, seg: Segment) -> list[Issue]:
        """The grammar engine's issues; a sentence seen before (a byline, a boilerplate
        line, a repeated headline) is checked once."""
        key = (seg.hyp, seg.ref, seg.src)
        if key not in self._engine_cache:
            if len(self._engine_cache) >= _ENGINE_CACHE_SIZE:
                self._engine_cache.clear()
            assert self.engine is not None
            self._engine_cache[key] = self.engine.check(seg.hyp, names=self.names, ref=seg.ref, src=seg.src)
        return list(self._engine_cache[key])

    def audit_document(self, name: str, segs: list[Segment],
                       failures: list[dict[str, str]]) -> list[SegmentResult]:
        hyps = [s.hyp for s in segs]
        ctx = DocContext(name, tuple(hyps), self.names)
        groups = {bead: hyp for bead, hyp, _ in _beads(segs)}
        bead_metrics = self._bead_metrics(segs)
        counted: set[int] = set()
        results = []
        for i, seg in enumerate(segs):
            issues = self._issues(seg, ctx, hyps, i, groups.get(seg.meta.get("bead")), failures)
            bead = seg.meta.get("bead", seg.seg)
            sentence, stats = bead_metrics.get(bead, ({}, None))
            if bead in counted:  # a bead's statistics count once, on its first sentence
                stats = None
            counted.add(bead)
            metrics = {**sentence, **self._coverage(seg)}
            score, flagged, verdict = score_segment(seg.hyp, issues, metrics, self.models)
            results.append(SegmentResult(seg, issues, metrics, score, flagged, verdict,
                                         word_diff(seg.hyp, seg.ref) if seg.ref is not None else None,
                                         stats))
        return results

    def _coverage(self, seg: Segment) -> dict[str, float]:
        """``src_coverage``: the share of the source's dictionary words the hypothesis
        translates, where a dictionary applies (see ``dictionary.py``)."""
        if not seg.src or not seg.hyp.strip():
            return {}
        found = source_coverage(seg.src, seg.hyp, self.options.get("dictionary"))
        return {"src_coverage": round(found.share, 4)} if found and found.known else {}

    def _issues(self, seg: Segment, ctx: DocContext, hyps: list[str], i: int, group: str | None,
                failures: list[dict[str, str]]) -> list[Issue]:
        context = {"hyp": seg.hyp, "ref": seg.ref, "src": seg.src, "doc": ctx, "options": self.options,
                   "prev": hyps[i - 1] if i > 0 else None,
                   "next": hyps[i + 1] if i + 1 < len(hyps) else None,
                   "alignment": seg.meta.get("alignment"), "hyp_group": group}
        issues: list[Issue] = []
        for c in self.checks:
            found = self._guarded(c.code, seg, failures, lambda c=c: checks.run_checks([c], context, self.config))
            issues.extend(i for i in found if not _covered(i, issues))
        if self.engine is not None and seg.hyp.strip():
            found = self._guarded(self.engine.name, seg, failures, lambda: self._engine_issues(seg))
            issues.extend(i for i in found if not _covered(i, issues))
        issues.sort(key=lambda x: (x.start, x.end, x.code))
        return issues

    @staticmethod
    def _guarded(what: str, seg: Segment, failures: list[dict[str, str]],
                 run: Callable[[], list[Issue]]) -> list[Issue]:
        """Run a checker; if it raises, record an engine-error issue and carry on."""
        try:
            return run()
        except Exception as exc:  # noqa: BLE001 - one failing checker must not lose the row
            failures.append({"doc": seg.doc, "seg": str(seg.seg), "checker": what,
                             "error": f"{type(exc).__name__}: {exc}"})
            return [Issue("engine-error", "Other", "minor", 0, 0,
                          f"{what} failed on this sentence: {type(exc).__name__}: {exc}",
                          engine=what.split(":")[0] if ":" in what else what)]

    def _bead_metrics(self, segs: list[Segment]) -> dict[int, tuple[dict[str, float], Stats]]:
        """Sentence metrics and statistics per alignment bead (the joined hypothesis
        against its reference)."""
        out: dict[int, tuple[dict[str, float], Stats]] = {}
        for bead, hyp, refs in _beads(segs):
            stats = self.metrics.statistics(hyp, refs)
            out[bead] = ({k: round(v, 4) for k, v in self.metrics.sentence(stats).items()}, stats)
        return out


def corpus_metrics(metrics: ReferenceMetrics, results: Iterable[SegmentResult], n_bootstrap: int) -> dict:
    """Corpus scores over the beads of these results that have a reference, from the
    sacrebleu statistics the workers extracted."""
    beads = [r for r in results if r.ref_stats is not None]
    n_refs = max((1 + len(r.segment.meta.get("more_refs", ())) for r in beads), default=1)
    return metrics.corpus([r.ref_stats for r in beads], n_refs, n_bootstrap)


def _covered(issue: Issue, found: list[Issue]) -> bool:
    """A finding that an earlier check (in code order, engines last) already reports with
    the same category on an overlapping span is dropped: one error is penalised once.
    Findings of another check in the same span ("the the" is not a dangling clause) stay."""
    return any(o.category == issue.category and o.code != issue.code
               and o.start < max(issue.end, issue.start + 1) and issue.start < max(o.end, o.start + 1)
               for o in found)


def _beads(segs: list[Segment]) -> list[tuple[int, str, tuple[str, ...]]]:
    """(bead id, joined hypothesis, references) for each bead that has a reference."""
    grouped: dict[int, list[Segment]] = {}
    for s in segs:
        if s.ref is not None:
            grouped.setdefault(s.meta.get("bead", s.seg), []).append(s)
    return [(b, " ".join(s.hyp for s in g if s.hyp), (g[0].ref or "", *g[0].meta.get("more_refs", ())))
            for b, g in grouped.items()]


def _by_doc(results: list[SegmentResult]) -> dict[str, list[SegmentResult]]:
    docs: dict[str, list[SegmentResult]] = {}
    for r in results:
        docs.setdefault(r.segment.doc, []).append(r)
    return docs
