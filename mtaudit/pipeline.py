"""The audit, one way through: read → segment → align → check → score → summarise."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import checks
from .checks.context import DocContext
from .config import AuditConfig
from .checks.dictionary import source_coverage
from .execution import Plan, run_documents
from .gate.requirements import gate_result
from .checks.grammar import GrammarEngine, build_engine
from .measure.metrics import CorpusStatistics, ReferenceMetrics, Stats
from .model import AuditResult, Issue, Segment, SegmentResult
from .segment.rows import document_segments, hypothesis_sentences
from .read.batch import TextOptions, read_batch
from .score.scorer import Scorer, exposures
from .report.summary import SummaryBuilder
from .measure.worddiff import word_diff
from .checks.waivers import load_waivers

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
    Every result is held in memory; ``AuditRun`` streams them instead.
    """
    run = AuditRun(paths, ref, src, config, plan, spill=False)
    results = [r for doc in run.documents(progress) for r in doc]
    return AuditResult(results, run.summary(), run.extra_columns)


class AuditRun:
    """One audit, streamed: ``documents()`` yields each document's results in input order
    while the summary accumulates, so memory does not grow with the batch (a document is
    held whole: its checks compare its sentences); ``summary()`` once they are through.

    Bad input raises before any document is audited: the inputs are read through once
    to check them (and to learn the batch's names), then again as they are audited.
    With ``spill`` the summary's per-document and per-finding lists are kept on disk
    (``spill.Spill``) until written.
    """

    def __init__(self, paths: Iterable[str | Path], ref: str | Path | Sequence[str | Path] | None = None,
                 src: str | Path | None = None, config: AuditConfig | None = None,
                 plan: Plan | None = None, spill: bool = True) -> None:
        self.config = config = config or AuditConfig()
        checks.load_resources(config)
        paths = [Path(p) for p in paths]
        self.waivers = load_waivers(config.waivers) if config.waivers else None
        self.scorer = Scorer.from_config(config)
        refs = [Path(ref)] if isinstance(ref, (str, Path)) else [Path(r) for r in ref or []]
        names: set[str] = set()
        self.batch = read_batch(paths, refs, Path(src) if src else None, segments=config.segments,
                                text=TextOptions(config.encoding, config.errors),
                                visit=lambda d: names.update(batch_names(hypothesis_sentences(d))))
        self.extra_columns = self.batch.extra_columns
        self.plan = plan or Plan(jobs=1)
        self._names = frozenset(names)
        self._builder = SummaryBuilder(self.batch.name, [str(p) for p in paths], config, spill)
        self._corpus = CorpusStatistics(config.metrics, config.bootstrap)
        self._sentences = 0
        self._done = False

    def documents(self, progress: Progress | None = None) -> Iterator[list[SegmentResult]]:
        """Each document's results, in input order (one pass only)."""
        if self._done:
            raise RuntimeError("an AuditRun streams its documents once")
        self._done = True
        factory = functools.partial(_Auditor, self.config, self._names, self.scorer)
        counted = (lambda done: progress(done, self.batch.count)) if progress else None
        for results, failures in run_documents(factory, self._segmented(), self.plan, counted):
            if self.waivers is not None:  # here, not in the workers: a waived finding counts nowhere, once
                results = self.waivers.apply(results, self.scorer)
            self._add(results, failures)
            yield results

    def summary(self) -> dict[str, Any]:
        """``summary.json`` of the documents streamed so far, with the gate applied."""
        summary = self._builder.finish(self._corpus.result(), self._sentences)
        if self.waivers is not None:
            summary["waivers"] = self.waivers.summary()
        summary["gate"] = gate_result(summary, self.config.requirements)
        return summary

    def _segmented(self) -> Iterator[tuple[str, list[Segment]]]:
        for d in self.batch.documents:
            segs = document_segments(d)
            self._sentences += len(segs)
            yield d.name, segs

    def _add(self, results: list[SegmentResult], failures: list[dict[str, str]]) -> None:
        stats = [r.ref_stats for r in results if r.ref_stats is not None]
        n_refs = max((1 + len(r.segment.meta.get("more_refs", ())) for r in results), default=1)
        self._corpus.add(stats, n_refs)
        document = CorpusStatistics(self.config.metrics, 1)
        document.add(stats, n_refs)
        self._builder.add_document(results, {k: v["score"] for k, v in document.result().items()})
        self._builder.failures.extend(failures)


def batch_names(sentences: Iterable[str]) -> frozenset[str]:
    """Tokens the batch uses as names: capitalised somewhere other than a sentence start."""
    return frozenset(m.group(1) for s in sentences for m in _CAPITALISED.finditer(s))


class _Auditor:
    """Holds what is built once per audit: the active checks, the engine, the metrics, the scorer."""

    def __init__(self, config: AuditConfig, names: frozenset[str], scorer: Scorer) -> None:
        self.config = config
        self.names = names
        self.scorer = scorer
        self.checks = checks.active_checks(config)
        self.engine: GrammarEngine | None = build_engine(config)
        self.metrics = ReferenceMetrics(config.metrics)
        self.options = config.check_options()
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
        exposure = exposures([s.src for s in segs], [s.ref for s in segs])
        counted: set[int] = set()
        results = []
        # The engine lints the whole document first: one sentence after another keeps its
        # working set warm (interleaved with the checks, the lints took a few per cent longer).
        engine = [self._guarded(self.engine.name, seg, failures, lambda seg=seg: self._engine_issues(seg))
                  if self.engine is not None and seg.hyp.strip() else [] for seg in segs]
        for i, seg in enumerate(segs):
            issues = self._issues(seg, ctx, hyps, i, groups.get(seg.meta.get("bead")), engine[i], failures)
            bead = seg.meta.get("bead", seg.seg)
            sentence, stats = bead_metrics.get(bead, ({}, None))
            if bead in counted:  # a bead's statistics count once, on its first sentence
                stats = None
            counted.add(bead)
            diff = word_diff(seg.hyp, seg.ref) if seg.ref is not None else None
            metrics = {**sentence, **self._coverage(seg), **(diff.shares() if diff and sentence else {}),
                       "exposure": exposure[i]}
            score, flagged, verdict = self.scorer.score(seg.hyp, issues, metrics)
            results.append(SegmentResult(seg, issues, metrics, score, flagged, verdict, diff, stats))
        return results

    def _coverage(self, seg: Segment) -> dict[str, float]:
        """``src_coverage``: the share of the source's dictionary words the hypothesis
        translates, where a dictionary applies (see ``dictionary.py``)."""
        if not seg.src or not seg.hyp.strip():
            return {}
        found = source_coverage(seg.src, seg.hyp, self.options.get("dictionary"))
        return {"src_coverage": round(found.share, 4)} if found and found.known else {}

    def _issues(self, seg: Segment, ctx: DocContext, hyps: list[str], i: int, group: str | None,
                engine: list[Issue], failures: list[dict[str, str]]) -> list[Issue]:
        """The checks' findings, then the engine's, each dropped if already reported."""
        context = {"hyp": seg.hyp, "ref": seg.ref, "src": seg.src, "doc": ctx, "options": self.options,
                   "prev": hyps[i - 1] if i > 0 else None,
                   "next": hyps[i + 1] if i + 1 < len(hyps) else None,
                   "alignment": seg.meta.get("alignment"), "hyp_group": group}
        issues: list[Issue] = []
        for c in self.checks:
            found = self._guarded(c.code, seg, failures, lambda c=c: checks.run_checks([c], context, self.config))
            issues.extend(i for i in found if not _covered(i, issues))
        issues.extend(i for i in engine if not _covered(i, issues))
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
