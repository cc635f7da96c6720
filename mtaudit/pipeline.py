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
import os
import pickle
import re
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .checks import active_checks
from .checks.facts import combine, facts_of
from .checks.known import check_config
from .checks.language import identifier
from .checks.runner import CheckRunner
from .checks.waivers import Waivers, load_waivers
from .config import AuditConfig
from .execution import Piece, PieceResult, Plan, by_document, run_pieces
from .gate import Regressions, Requirement, evaluate, parse_requirements
from .measure.batch import BatchFit, BatchScan
from .measure.document import Measurer
from .measure.metrics import CorpusStatistics, Stats
from .model import Issue, Segment, SegmentResult
from .read import Batch, Document, TextOptions, read_batch
from .report.result import AuditResult
from .report.summary import SummaryBuilder
from .results import EngineFailure, Summary
from .score.scorer import Scorer
from .segment.rows import document_segments

PART_ROWS = 200  # rows pickled together in the spool
WARM_ROWS = 40  # rows of the batch an auditor audits once when built (see ``DocumentAuditor``)
# Not English, so the language identifier (MT110) loads with the rest (its model takes a
# second); and a long word Harper does not know, on which it builds its spelling index (1.3 s).
WARM_FOREIGN = "Der Bau wurde vorerst gestoppt, teilte die Stadtverwaltung am Montag mit."
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
        self._rows, self._names, self._fit = _segmented(batch, config.dictionary)
        self.waivers: Waivers | None = load_waivers(config.waivers) if config.waivers else None
        self.scorer = Scorer.from_config(config)
        self.extra_columns = batch.extra_columns
        self.plan = plan or Plan(jobs=1)
        self._builder = SummaryBuilder(batch.name, inputs, config, spill)
        self._corpus = CorpusStatistics(config.metrics, config.bootstrap)
        self._sentences = 0
        self._stats: list[Stats] = []
        self._refs = 1
        self._done = False

    @property
    def sentences(self) -> int:
        """How many sentences (report rows) the batch has: known once the inputs are read."""
        return self._rows.rows

    def documents(self, progress: Progress | None = None) -> Iterator[list[SegmentResult]]:
        """Each document's results, in input order (one pass only); ``progress`` is told the
        sentences done and the batch's sentences, from the start."""
        for results, _ in by_document(self._pieces(progress)):
            yield results

    def pieces(self, progress: Progress | None = None) -> Iterator[list[SegmentResult]]:
        """The results in input order, a piece at a time (a whole document, or a run of a
        long one's rows), so that memory does not grow with a document either."""
        for piece in self._pieces(progress):
            yield piece.results

    def _pieces(self, progress: Progress | None) -> Iterator[PieceResult]:
        if self._done:
            raise RuntimeError("an AuditRun streams its documents once")
        self._done = True
        factory = functools.partial(DocumentAuditor, self.config, self._names, self.scorer, self.waivers,
                                    self._rows.sample(WARM_ROWS), self._fit)
        counted = (lambda done: progress(done, self.sentences)) if progress else None
        if progress:
            progress(0, self.sentences)
        reduce = DocumentFacts.reducer(self.config, self._names)
        for piece in run_pieces(factory, self._segmented(), self.plan, counted, reduce):
            if self.waivers is not None:
                self.waivers.record(piece.results)
            self._add(piece)
            yield piece
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

    def _segmented(self) -> Iterator[SpooledDocument]:
        for doc in self._rows:
            self._sentences += doc.rows
            yield doc

    def _add(self, piece: PieceResult) -> None:
        """A piece's results into the summary; at a document's end, its corpus statistics
        (held until then: the bootstrap draws per document)."""
        self._stats += [r.ref_stats for r in piece.results if r.ref_stats is not None]
        self._refs = max([self._refs] + [1 + len(r.segment.meta.get("more_refs", ())) for r in piece.results])
        self._builder.add_rows(piece.results)
        self._builder.failures.extend(piece.failures)
        if piece.last:
            self._corpus.add(self._stats, self._refs)
            document = CorpusStatistics(self.config.metrics, 1)
            document.add(self._stats, self._refs)
            self._builder.end_document({k: v.score for k, v in document.result().items()})
            self._stats, self._refs = [], 1


def _resolved(config: AuditConfig) -> AuditConfig:
    """The configuration as it will run, so the summary records it: the LanguageTool server
    a run without ``languagetool_url`` uses (``$MTAUDIT_LT_URL`` or the local default)."""
    if config.grammar == "languagetool" and not config.languagetool_url:
        from .checks.grammar.languagetool_engine import server_url
        return dataclasses.replace(config, languagetool_url=server_url(config))
    return config


def _segmented(batch: Batch, dictionary: str | None = None) -> tuple[Spool, frozenset[str], BatchFit]:
    """Every document read and split into rows once, kept in a ``Spool``; and what the
    workers learn from the whole batch: its names, and its ``BatchFit`` (its length model
    and source coverage, see ``measure/batch.py``)."""
    found: list[tuple[Spool, set[str], BatchScan]] = []

    def start() -> Callable[[Document], None]:
        for spool, _, _ in found:  # a scan begun again (a scattered table) starts afresh
            spool.close()
        found[:] = [(Spool(), set(), BatchScan())]

        def take(d: Document) -> None:
            segs = document_segments(d)
            if not d.continued:
                found[0][0].start(d.name)
            for k in range(0, len(segs), PART_ROWS):
                found[0][0].add_rows(segs[k:k + PART_ROWS])
            found[0][1].update(batch_names(s.hyp for s in segs))
            for s in segs:
                found[0][2].add(s.src, s.hyp)
        return take

    batch.scan(start)
    spool, names, scan = found[0]
    return spool, frozenset(names), scan.fit(dictionary)


class Spool:
    """Documents' rows kept in an anonymous temporary file (pickled a part of at most
    ``PART_ROWS`` rows at a time) between reading them and auditing them, so memory holds
    no more than a part: iterating gives each document as a ``SpooledDocument``, whose
    rows can be read again (a long document is read for its facts, then audited)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._documents: list[tuple[str, int, list[int]]] = []  # name, rows, offsets of its parts
        self.rows = 0

    def start(self, name: str) -> None:
        """A new document, whose rows follow (``add_rows``)."""
        self._documents.append((name, 0, []))

    def add_rows(self, segs: list[Segment]) -> None:
        name, rows, offsets = self._documents[-1]
        self._file.seek(0, os.SEEK_END)
        offsets.append(self._file.tell())
        pickle.dump(segs, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._documents[-1] = (name, rows + len(segs), offsets)
        self.rows += len(segs)

    def __iter__(self) -> Iterator[SpooledDocument]:
        for name, rows, offsets in self._documents:
            yield SpooledDocument(self, name, rows, offsets)

    def read(self, offset: int) -> list[Segment]:
        self._file.seek(offset)
        return pickle.load(self._file)

    def sample(self, rows: int) -> list[Segment]:
        """The first ``rows`` rows of the first document, and a row in another language (see
        ``DocumentAuditor``); none for an empty batch."""
        first = next((d for d in self._documents if d[1]), None)
        if first is None:
            return []
        segs = self.read(first[2][0])[:rows]
        return [*segs, dataclasses.replace(segs[0], seg=segs[-1].seg + 1, hyp=WARM_FOREIGN, meta={})]

    def close(self) -> None:
        self._file.close()


@dataclasses.dataclass
class SpooledDocument:
    """A document in a ``Spool`` (an ``execution.Source``)."""

    spool: Spool
    name: str
    rows: int
    offsets: list[int]

    def parts(self) -> Iterator[list[Segment]]:
        for offset in self.offsets:
            yield self.spool.read(offset)


def batch_names(sentences: Iterable[str]) -> frozenset[str]:
    """Tokens the batch uses as names: capitalised somewhere other than a sentence start."""
    return frozenset(m.group(1) for s in sentences for m in _CAPITALISED.finditer(s))


class DocumentAuditor:
    """What a worker holds, built once: the check runner, the measurer and the scorer. It
    takes a document, or a run of a long one's rows, through check → measure → score.

    ``warm``: a few of the batch's rows, and one not in English, for ``warm_up``; ``batch``:
    what the measure stage learnt from the whole batch (``measure.batch.BatchFit``)."""

    def __init__(self, config: AuditConfig, names: frozenset[str], scorer: Scorer,
                 waivers: Waivers | None = None, warm: Sequence[Segment] = (),
                 batch: BatchFit | None = None) -> None:
        self.checks = CheckRunner(config, names, waivers)
        self.measure = Measurer(config.metrics, config.dictionary, batch)
        self.scorer = scorer
        self._warm = list(warm)

    def warm_up(self) -> None:
        """Audits the ``warm`` rows and drops the results, so that the word lists, lemma
        tables and language model the checks load on first use (some 3 s of CPU) are loaded
        now: once before a pool forks, not once in every worker. Each check's result depends
        on its row alone, so no output changes. langid's model (1.6 s, mostly decompression,
        which runs outside the GIL) is built in a thread beside it."""
        if not self._warm:
            return
        langid = any(c.code == "MT110" for c in self.checks.checks)  # wrong-language reads it
        loader = threading.Thread(target=identifier if langid else lambda: None, name="mtaudit-warm-up")
        loader.start()
        try:
            self.audit_piece(Piece("warm-up", self._warm), [])
        finally:
            loader.join()  # before any fork

    def audit_piece(self, piece: Piece, failures: list[EngineFailure],
                    tick: Callable[[int], None] | None = None) -> list[SegmentResult]:
        """A piece's results: of a whole document, or of a run of rows with the document's
        ``DocumentFacts``."""
        facts: DocumentFacts | None = piece.facts
        checked = self.checks.document(piece.name, piece.segs, tick, (piece.before, piece.after),
                                       facts.checks if facts else None)
        failures.extend(checked.failures)
        results = []
        measured = self.measure.document(piece.segs)
        for seg, issues, waived, m in zip(piece.segs, checked.issues, checked.waived, measured):
            if m.skipped:  # a metric the row's bead is too long for (checks.limits)
                issues = sorted(issues + m.skipped, key=lambda x: (x.start, x.end, x.code))
            score, flagged, verdict = self.scorer.score(seg.hyp, issues, m.metrics, m.features, waived)
            results.append(SegmentResult(seg, issues, m.metrics, score, flagged, verdict, m.features, m.diff,
                                         m.stats, waived))
        return results

    def known(self, results: dict[bytes, list[Issue]]) -> None:
        """Grammar-engine results other workers found (see ``CheckRunner.known``)."""
        self.checks.known(results)

    def learnt(self) -> dict[bytes, list[Issue]]:
        """Grammar-engine results found here since the last call, for other workers."""
        return self.checks.learnt()

    def sentence_facts(self, segs: list[Segment]) -> list[tuple[Any, ...]]:
        """What a long document's facts need of each of these rows (``DocumentFacts.reducer``)."""
        return self.checks.sentence_facts(segs)


@dataclasses.dataclass(frozen=True)
class DocumentFacts:
    """What a long document's chunks learn of the whole document: the checks' facts
    (``checks.facts``). The measure stage needs none: its figures are the row's own or
    the batch's (``measure.batch.BatchFit``, fitted before any document is audited)."""

    checks: dict[str, Any]

    @staticmethod
    def reducer(config: AuditConfig, names: frozenset[str]) -> Callable[[Iterable[list[Any]]], DocumentFacts]:
        """Builds a document's facts from its chunks' ``sentence_facts``, in document order."""
        facts = facts_of(c.code for c in active_checks(config))
        return lambda chunks: DocumentFacts(combine(facts, names, chunks))
