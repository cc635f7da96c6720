"""The audit, one way through: read → segment → check → measure → score → summarise → gate.

``AuditRun`` orchestrates one audit: it reads the inputs (bad input fails before any work),
hands each document's rows to a ``DocumentAuditor`` (in this process, worker processes or a
Dask cluster, see ``execution.py``) and accumulates the summary as the results stream back in
input order. A ``DocumentAuditor`` holds what each worker builds once — the check runner, the
measurer and the scorer — and takes a document through the stages.
"""
from __future__ import annotations

import dataclasses
import functools
import pickle
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .checks.known import check_config
from .checks.runner import CheckRunner
from .checks.waivers import Waivers, load_waivers
from .config import AuditConfig
from .execution import Plan, run_documents
from .gate import Regressions, Requirement, evaluate, parse_requirements
from .measure.document import Measurer
from .measure.metrics import CorpusStatistics
from .model import Segment, SegmentResult
from .read import Batch, Document, TextOptions, read_batch
from .report.result import AuditResult
from .report.summary import SummaryBuilder
from .results import EngineFailure, Summary
from .score.scorer import Scorer
from .segment.rows import document_segments

Progress = Callable[[int, int], None]  # (sentences done, sentences in the batch)
_CAPITALISED = re.compile(r"(?<=[\w,;:’'\"”)] )([A-Z][\w’'-]+)")


class AuditRun:
    """One audit, streamed: ``documents()`` yields each document's results in input order
    while the summary accumulates, so memory does not grow with the batch (a document is
    held whole: its checks compare its sentences); ``summary()`` once they are through.

    Bad input raises before any document is audited: each document is read and split into
    rows once, up front (which also teaches the batch's names), and its rows are kept in a
    temporary file (``Spool``) until the workers take them. With ``spill`` the summary's
    per-document and per-finding lists are kept on disk (``report.spill.Spill``) until written.
    """

    def __init__(self, paths: Iterable[str | Path], ref: str | Path | Sequence[str | Path] | None = None,
                 src: str | Path | None = None, config: AuditConfig | None = None,
                 plan: Plan | None = None, spill: bool = True) -> None:
        config = config or AuditConfig()
        requirements = parse_requirements(config.require)  # a bad requirement fails before any reading
        check_config(config)  # so does a code select, ignore or severity names that no check has
        paths = [Path(p) for p in paths]
        refs = [Path(ref)] if isinstance(ref, (str, Path)) else [Path(r) for r in ref or []]
        batch = read_batch(paths, refs, Path(src) if src else None, segments=config.segments,
                           text=TextOptions(config.encoding, config.errors),
                           src_lang=config.src_lang, tgt_lang=config.tgt_lang, stdin_name=config.stdin_name)
        self._start(batch, [str(p) for p in paths], config, requirements, plan, spill)

    @classmethod
    def of_batch(cls, batch: Batch, config: AuditConfig | None = None, plan: Plan | None = None,
                 spill: bool = True) -> AuditRun:
        """An audit of documents already read (say annotations held in memory)."""
        config = config or AuditConfig()
        run = cls.__new__(cls)
        check_config(config)
        run._start(batch, [batch.name], config, parse_requirements(config.require), plan, spill)
        return run

    def _start(self, batch: Batch, inputs: list[str], config: AuditConfig,
               requirements: list[Requirement], plan: Plan | None, spill: bool) -> None:
        config = _resolved(config)
        self.config, self.requirements, self.batch, self.inputs = config, requirements, batch, inputs
        self._rows, self._names = _segmented(batch)
        self.waivers: Waivers | None = load_waivers(config.waivers) if config.waivers else None
        self.scorer = Scorer.from_config(config)
        self.extra_columns = batch.extra_columns
        self.plan = plan or Plan(jobs=1)
        self._builder = SummaryBuilder(batch.name, inputs, config, spill)
        self._corpus = CorpusStatistics(config.metrics, config.bootstrap)
        self._sentences = 0
        self._done = False

    @property
    def sentences(self) -> int:
        """How many sentences (report rows) the batch has: known once the inputs are read."""
        return self._rows.rows

    def documents(self, progress: Progress | None = None) -> Iterator[list[SegmentResult]]:
        """Each document's results, in input order (one pass only); ``progress`` is told the
        sentences done and the batch's sentences, from the start."""
        if self._done:
            raise RuntimeError("an AuditRun streams its documents once")
        self._done = True
        factory = functools.partial(DocumentAuditor, self.config, self._names, self.scorer, self.waivers)
        counted = (lambda done: progress(done, self.sentences)) if progress else None
        if progress:
            progress(0, self.sentences)
        for results, failures in run_documents(factory, self._segmented(), self.plan, counted):
            if self.waivers is not None:
                self.waivers.record(results)
            self._add(results, failures)
            yield results
        self._rows.close()

    def held(self, progress: Progress | None = None) -> AuditResult:
        """Every document's results in memory, with the summary."""
        results = [r for doc in self.documents(progress) for r in doc]
        return AuditResult(results, self.summary(), self.extra_columns)

    def summary(self, baseline: Regressions | None = None) -> Summary:
        """The summary of the documents streamed so far, with the gate applied (and the
        regressions against ``baseline`` among its breaches)."""
        summary = self._builder.finish(self._corpus.result(), self._sentences)
        if self.waivers is not None:
            summary.waivers = self.waivers.summary()
        summary.gate = evaluate(summary, self.requirements, baseline)
        return summary

    def _segmented(self) -> Iterator[tuple[str, list[Segment]]]:
        for name, segs in self._rows:
            self._sentences += len(segs)
            yield name, segs

    def _add(self, results: list[SegmentResult], failures: list[EngineFailure]) -> None:
        stats = [r.ref_stats for r in results if r.ref_stats is not None]
        n_refs = max((1 + len(r.segment.meta.get("more_refs", ())) for r in results), default=1)
        self._corpus.add(stats, n_refs)
        document = CorpusStatistics(self.config.metrics, 1)
        document.add(stats, n_refs)
        self._builder.add_document(results, {k: v.score for k, v in document.result().items()})
        self._builder.failures.extend(failures)


def _resolved(config: AuditConfig) -> AuditConfig:
    """The configuration as it will run, so the summary records it: the LanguageTool server
    a run without ``languagetool_url`` uses (``$MTAUDIT_LT_URL`` or the local default)."""
    if config.grammar == "languagetool" and not config.languagetool_url:
        from .checks.grammar.languagetool_engine import server_url
        return dataclasses.replace(config, languagetool_url=server_url(config))
    return config


def _segmented(batch: Batch) -> tuple[Spool, frozenset[str]]:
    """Every document read and split into rows once, kept in a ``Spool``; and the batch's names."""
    found: list[tuple[Spool, set[str]]] = []

    def start() -> Callable[[Document], None]:
        for spool, _ in found:  # a scan begun again (a scattered table) starts afresh
            spool.close()
        found[:] = [(Spool(), set())]

        def take(d: Document) -> None:
            segs = document_segments(d)
            found[0][0].append((d.name, segs))
            found[0][1].update(batch_names(s.hyp for s in segs))
        return take

    batch.scan(start)
    spool, names = found[0]
    return spool, frozenset(names)


class Spool:
    """Documents' rows kept in an anonymous temporary file (pickled one after the other)
    between reading them and auditing them, so memory holds one document at a time."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._count = 0
        self.rows = 0

    def append(self, item: tuple[str, list[Segment]]) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1
        self.rows += len(item[1])

    def __iter__(self) -> Iterator[tuple[str, list[Segment]]]:
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


def batch_names(sentences: Iterable[str]) -> frozenset[str]:
    """Tokens the batch uses as names: capitalised somewhere other than a sentence start."""
    return frozenset(m.group(1) for s in sentences for m in _CAPITALISED.finditer(s))


class DocumentAuditor:
    """What a worker holds, built once: the check runner, the measurer and the scorer. It
    takes one document at a time through check → measure → score."""

    def __init__(self, config: AuditConfig, names: frozenset[str], scorer: Scorer,
                 waivers: Waivers | None = None) -> None:
        self.checks = CheckRunner(config, names, waivers)
        self.measure = Measurer(config.metrics, config.dictionary)
        self.scorer = scorer

    def audit_document(self, name: str, segs: list[Segment], failures: list[EngineFailure],
                       tick: Callable[[int], None] | None = None) -> list[SegmentResult]:
        checked = self.checks.document(name, segs, tick)
        failures.extend(checked.failures)
        results = []
        for seg, issues, waived, m in zip(segs, checked.issues, checked.waived, self.measure.document(segs)):
            if m.skipped:  # a metric the row's bead is too long for (checks.limits)
                issues = sorted(issues + m.skipped, key=lambda x: (x.start, x.end, x.code))
            score, flagged, verdict = self.scorer.score(seg.hyp, issues, m.metrics, m.features, waived)
            results.append(SegmentResult(seg, issues, m.metrics, score, flagged, verdict, m.features, m.diff,
                                         m.stats, waived))
        return results
