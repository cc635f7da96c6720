"""Where documents are audited: in this process, in a pool of worker processes, or on a
Dask cluster. Every executor returns the results in input order, byte for byte the same
whatever runs them, and every worker builds its checks and engines once (Harper alone takes
about a second to start).

The unit of work is a chunk of about ``CHUNK_SENTENCES`` sentences: several small documents,
or a run of consecutive rows of a long one (cut between alignment beads, never inside one),
so that one long document is spread over every worker as a batch of small ones is. A check
that compares a row with the whole document (consistency, quotes across sentences, rare
words) reads the document's *facts*: a long document is first read once in chunks
for each row's small per-sentence facts (``DocumentAuditor.sentence_facts``), which this
process combines in document order (``reduce``) and hands to every chunk of the document's
audit; a document of one chunk builds them from its own rows, with the same code.

The first chunks are smaller (from ``CHUNK_FIRST``, doubling), so that a progress bar has a
count and a rate within seconds; where chunks are audited in this process, the auditor also
reports the sentences it finishes within one (``Tick``).
"""
from __future__ import annotations

import collections
import dataclasses
import itertools
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol

from .errors import ConfigError
from .model import Issue, Segment, SegmentResult
from .runners import (FULL_COLLECTION_EVERY, IN_FLIGHT, DocumentAuditor, DocumentResult, Failures, Piece,
                      PieceResult, Runner, Tick,
                      fewer_full_collections, open_runner)

CHUNK_SENTENCES = 400
CHUNK_FIRST = 50
RELAYED = 20_000  # engine results the relay keeps (text keys and findings: a few MB)
BACKENDS = ("local", "dask")

Document = tuple[str, list[Segment]]
Reduce = Callable[[Iterable[list[Any]]], Any]  # chunks' sentence facts, in document order -> the document's facts


class Source(Protocol):
    """A document to audit, read again as often as needed (``parts``: its rows in order, a
    list at a time), so that a long one is never held whole."""

    name: str
    rows: int

    def parts(self) -> Iterator[list[Segment]]: ...


@dataclass
class Held:
    """A document held in memory, as a ``Source``."""

    name: str
    segs: list[Segment]

    @property
    def rows(self) -> int:
        return len(self.segs)

    def parts(self) -> Iterator[list[Segment]]:
        yield self.segs


@dataclass(frozen=True)
class Plan:
    """How to run: the ``local`` backend with ``jobs`` worker processes (0: one per core), or
    the ``dask`` backend on a scheduler."""

    jobs: int = 0
    backend: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ConfigError(f"unknown backend {self.backend!r}; choose from {', '.join(BACKENDS)}")
        if self.backend == "dask" and not self.scheduler:
            raise ConfigError("--backend dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        if self.jobs < 0:
            raise ConfigError(f"jobs must be 0 (all cores) or more, not {self.jobs}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


def _sizes(size: int | None = None, first: int | None = None) -> Iterator[int]:
    size = size or CHUNK_SENTENCES
    goal = min(size, first or CHUNK_FIRST)
    while True:
        yield goal
        goal = min(size, 2 * goal)


def run_documents(factory: Callable[[], DocumentAuditor], documents: Iterable[Document | Source], plan: Plan,
                  progress: Callable[[int], None] | None = None, reduce: Reduce | None = None) -> Iterator[DocumentResult]:
    """Each document's (results, failures), in input order (see ``run_pieces``)."""
    return by_document(run_pieces(factory, documents, plan, progress, reduce))


def by_document(pieces: Iterable[PieceResult]) -> Iterator[DocumentResult]:
    """Pieces joined back into each document's (results, failures), in order."""
    results: list[SegmentResult] = []
    failures: Failures = []
    for piece in pieces:
        results += piece.results
        failures += piece.failures
        if piece.last:
            yield results, failures
            results, failures = [], []


def run_pieces(factory: Callable[[], DocumentAuditor], documents: Iterable[Document | Source], plan: Plan,
               progress: Callable[[int], None] | None = None, reduce: Reduce | None = None) -> Iterator[PieceResult]:
    """Each piece's results, in input order: a whole document, or a run of a long one's rows
    (``PieceResult.last`` marks a document's end). Documents are read as the workers need
    them: at most ``IN_FLIGHT`` chunks per worker are out at once. ``reduce`` combines a
    long document's sentence facts; without it every document is audited whole.
    ``progress`` is told how many sentences are done: after each chunk, and within one
    where it is audited in this process."""
    done, within = 0, 0

    def tick(n: int) -> None:
        nonlocal within
        within += n
        progress(done + within)  # type: ignore[misc]

    window: collections.deque[tuple[list[Piece], Any]] = collections.deque()
    relay = EngineRelay()

    def drain(keep: int) -> Iterator[PieceResult]:
        nonlocal done, within
        while len(window) > keep:
            part, future = window.popleft()
            chunk = future.result()
            relay.add(chunk.learnt)
            for piece, (results, failures) in zip(part, chunk.pieces):
                yield PieceResult(piece.name, results, failures, piece.last)
            done, within = done + sum(len(p.segs) for p in part), 0
            if progress:
                progress(done)

    sources, workers = _looked_ahead((Held(*d) if isinstance(d, tuple) else d for d in documents), plan)
    with fewer_full_collections(), open_runner(factory, workers, plan.scheduler if plan.backend == "dask" else None,
                                               tick if progress else None) as runner:
        for part in _work(sources, runner, reduce):
            window.append((part, runner.audit(relay.given(part) if runner.relays else part)))
            yield from drain(runner.limit)
        yield from drain(0)


class EngineRelay:
    """Grammar-engine results the workers found, relayed to the chunks sent after: a
    sentence that recurs in another worker's chunk is not linted twice (on 10,000 TED lines,
    which repeat many sentences, two workers linted a quarter more than one). A worker's
    results depend on the text alone, so no output changes; at most ``RELAYED`` are kept."""

    def __init__(self) -> None:
        self.known: dict[bytes, list[Issue]] = {}

    def add(self, learnt: dict[bytes, list[Issue]]) -> None:
        if len(self.known) + len(learnt) > RELAYED:
            self.known.clear()
        self.known.update(learnt)

    def given(self, part: list[Piece]) -> list[Piece]:
        """The chunk's pieces, each with the results known of its rows (none known: an
        audit without a grammar engine, or its first chunks, costs no look-ups)."""
        known = self.known
        return [dataclasses.replace(p, engine={k: known[k] for s in p.segs if (k := s.text_key) in known} if known else {})
                for p in part]


def _looked_ahead(sources: Iterator[Source], plan: Plan) -> tuple[Iterator[Source], int]:
    """The documents (none lost to looking ahead) and the local workers worth starting:
    one when the batch holds no more than a chunk's rows."""
    ahead, rows = [], 0
    if plan.backend == "local":
        for src in sources:
            ahead.append(src)
            rows += src.rows
            if rows > CHUNK_SENTENCES:
                break
    return itertools.chain(ahead, sources), 1 if plan.backend == "local" and rows <= CHUNK_SENTENCES else plan.workers


def _work(sources: Iterable[Source], runner: Runner, reduce: Reduce | None) -> Iterator[list[Piece]]:
    """The chunks to audit, in order: small documents whole, several to a chunk; a document
    longer than a chunk (when ``reduce`` is given) read for its facts first, then cut into
    chunks of its own. The cuts depend on the documents alone, never on the workers."""
    sizes = _sizes()
    goal, current, count = next(sizes), [], 0
    for src in sources:
        if reduce is None or src.rows <= CHUNK_SENTENCES:
            segs = [s for part in src.parts() for s in part]
            current.append(Piece(src.name, segs))
            count += len(segs)
            if count >= goal:
                yield current
                goal, current, count = next(sizes), [], 0
            continue
        if current:
            yield current
            goal, current, count = next(sizes), [], 0
        facts = runner.share(reduce(_facts(src, runner)))
        for piece in _cut(src, itertools.chain([goal], sizes), facts):
            yield [piece]
        goal = next(sizes)
    if current:
        yield current


def _facts(src: Source, runner: Runner) -> Iterator[list[Any]]:
    """A long document's sentence facts, a chunk at a time in document order (read on the
    workers, at most ``runner.limit`` chunks out at once)."""
    window: collections.deque[Any] = collections.deque()
    for segs in _regroup(src.parts(), CHUNK_SENTENCES):
        window.append(runner.facts(segs))
        while len(window) > runner.limit:
            yield window.popleft().result()
    while window:
        yield window.popleft().result()


def _regroup(parts: Iterable[list[Segment]], size: int) -> Iterator[list[Segment]]:
    buffer: list[Segment] = []
    for part in parts:
        buffer += part
        while len(buffer) >= size:
            yield buffer[:size]
            buffer = buffer[size:]
    if buffer:
        yield buffer


def _bead(seg: Segment) -> Any:
    return seg.meta.get("bead", seg.seg)


def _cut(src: Source, sizes: Iterator[int], facts: Any) -> Iterator[Piece]:
    """A long document's rows in pieces of the next size each, cut only between alignment
    beads (a bead's rows are measured and checked together), each with its neighbours."""
    rows = itertools.chain.from_iterable(src.parts())
    buffer: list[Segment] = []
    before, goal, upcoming = None, next(sizes), next(rows, None)
    while upcoming is not None:
        seg, upcoming = upcoming, next(rows, None)
        buffer.append(seg)
        if upcoming is None or len(buffer) >= goal and _bead(upcoming) != _bead(seg):
            yield Piece(src.name, buffer, before, upcoming, facts, last=upcoming is None)
            before, buffer, goal = seg, [], next(sizes)




__all__ = ["BACKENDS", "CHUNK_FIRST", "CHUNK_SENTENCES", "FULL_COLLECTION_EVERY", "IN_FLIGHT", "Document",
           "DocumentAuditor", "DocumentResult", "Failures", "Held", "Piece", "PieceResult", "Plan", "Source", "Tick",
           "by_document", "run_documents", "run_pieces"]
