"""Where documents are audited: in this process, in a pool of worker processes, or on a
Dask cluster. Every executor returns each document's results in input order, and every
worker builds its checks and engines once (Harper alone takes about a second to start).

The unit of work is a chunk of whole documents (a document's checks look at its
neighbouring sentences), about ``CHUNK_SENTENCES`` sentences each, so that small
documents do not pay one round trip each and a long one does not hold up the others. The
first chunks are smaller (from ``CHUNK_FIRST``, doubling), so that a progress bar has a count
and a rate within seconds; where documents are audited in this process, the auditor also
reports the sentences it finishes within a document (``Tick``).
"""
from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import multiprocessing
import os
import sys
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol

from .errors import ConfigError
from .model import Segment, SegmentResult
from .results import EngineFailure

CHUNK_SENTENCES = 400
CHUNK_FIRST = 50
IN_FLIGHT = 4  # chunks queued per worker: enough to keep it busy, few enough to keep memory flat
FULL_COLLECTION_EVERY = 100  # middle-generation passes between full passes of the cyclic collector
BACKENDS = ("local", "dask")

Document = tuple[str, list[Segment]]
Failures = list[EngineFailure]
DocumentResult = tuple[list[SegmentResult], Failures]
Tick = Callable[[int], None]  # told how many more sentences are done


class DocumentAuditor(Protocol):
    """What a worker holds: it audits one document at a time (``tick``: told of the
    sentences it finishes on the way, when it runs in this process)."""

    def audit_document(self, name: str, segs: list[Segment], failures: Failures,
                       tick: Tick | None = None) -> list[SegmentResult]: ...


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


def chunks(documents: Iterable[Document], size: int | None = None, first: int | None = None) -> Iterator[list[Document]]:
    """Consecutive documents grouped into chunks of about ``size`` sentences (default
    ``CHUNK_SENTENCES``), lazily; the first of about ``first`` (default ``CHUNK_FIRST``), each
    next one twice the last, up to ``size``."""
    size = size or CHUNK_SENTENCES
    goal = min(size, first or CHUNK_FIRST)
    current: list[Document] = []
    count = 0
    for doc in documents:
        current.append(doc)
        count += len(doc[1])
        if count >= goal:
            yield current
            current, count, goal = [], 0, min(size, 2 * goal)
    if current:
        yield current


def run_documents(factory: Callable[[], DocumentAuditor], documents: Iterable[Document], plan: Plan,
                  progress: Callable[[int], None] | None = None) -> Iterator[DocumentResult]:
    """Each document's (results, failures), in input order. Documents are read as the
    workers need them: at most ``IN_FLIGHT`` chunks per worker are out at once.
    ``progress`` is told how many sentences are done: after each chunk, and within one
    where it is audited in this process."""
    done, within = 0, 0

    def tick(n: int) -> None:
        nonlocal within
        within += n
        progress(done + within)  # type: ignore[misc]

    with fewer_full_collections():
        for part, results in _map(factory, chunks(documents), plan, tick if progress else None):
            yield from results
            done, within = done + sum(len(segs) for _, segs in part), 0
            if progress:
                progress(done)


@contextlib.contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Run with fewer full passes of Python's cyclic garbage collector.

    By default a full pass (over every live object) runs after 10 middle passes once the
    long-lived objects have grown by a quarter. An audit keeps each chunk's results and the
    checks' cached tokens alive long enough to become long-lived, so that happened every
    ~900 sentences and cost ~6 % of the audit. The audit makes almost no reference cycles
    (reference counting frees its objects); a full pass after 100 middle passes still
    frees the few there are. The previous thresholds are restored afterwards."""
    before = gc.get_threshold()
    _tune_collector()
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _tune_collector() -> None:
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, FULL_COLLECTION_EVERY))


def _map(factory: Callable[[], DocumentAuditor], parts: Iterator[list[Document]],
         plan: Plan, tick: Tick | None = None) -> Iterator[tuple[list[Document], list[DocumentResult]]]:
    """(chunk, its results) in input order; ``tick`` hears of sentences done within a chunk
    audited in this process."""
    if plan.backend == "dask":
        yield from _dask_map(factory, parts, plan.scheduler or "", plan.workers)
        return
    ahead, sentences = [], 0
    for part in parts:  # one chunk, or no more than a full one: no pool worth starting
        ahead.append(part)
        sentences += sum(len(segs) for _, segs in part)
        if len(ahead) > 1 and sentences > CHUNK_SENTENCES:
            break
    if not ahead:
        return
    in_process = plan.workers == 1 or len(ahead) < 2 or sentences <= CHUNK_SENTENCES
    parts = itertools.chain(ahead, parts)
    if in_process:
        auditor = factory()
        yield from ((part, _audit_chunk(auditor, part, tick)) for part in parts)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    if context.get_start_method() == "fork":  # built once here, inherited by every worker
        start, args = _adopt, (factory(),)
    else:
        start, args = _start_worker, (factory,)
    with ProcessPoolExecutor(plan.workers, mp_context=context, initializer=start, initargs=args) as pool:
        yield from _bounded(lambda part: pool.submit(_pool_task, part), parts, IN_FLIGHT * plan.workers)


def _bounded(submit: Callable[[list[Document]], Any], parts: Iterable[list[Document]],
             limit: int) -> Iterator[tuple[list[Document], list[DocumentResult]]]:
    """Submit chunks, at most ``limit`` outstanding; (chunk, results) in submission order."""
    window: collections.deque[tuple[list[Document], Any]] = collections.deque()
    for part in parts:
        window.append((part, submit(part)))
        if len(window) >= limit:
            done, future = window.popleft()
            yield done, future.result()
    while window:
        done, future = window.popleft()
        yield done, future.result()


def _audit_chunk(auditor: DocumentAuditor, part: list[Document], tick: Tick | None = None) -> list[DocumentResult]:
    out = []
    for name, segs in part:
        failures: Failures = []
        results = auditor.audit_document(name, segs, failures, tick) if tick else auditor.audit_document(name, segs, failures)
        out.append((results, failures))
    return out


_WORKER: dict[str, Any] = {}


def _start_worker(factory: Callable[[], DocumentAuditor]) -> None:
    _adopt(factory())


def _adopt(auditor: DocumentAuditor) -> None:
    """A forked worker takes the auditor its parent built (no pickling under fork); a
    worker process is the audit's alone, so its collector is tuned for good."""
    _WORKER["auditor"] = auditor
    _tune_collector()


def _pool_task(part: list[Document]) -> list[DocumentResult]:
    return _audit_chunk(_WORKER["auditor"], part)


def _dask_task(token: str, factory: Callable[[], DocumentAuditor], part: list[Document]) -> list[DocumentResult]:
    """Runs on a Dask worker: the auditor of this audit (``token``) is built once per worker process."""
    if _WORKER.get("token") != token:
        _WORKER.update(token=token, auditor=factory())
    with fewer_full_collections():
        return _audit_chunk(_WORKER["auditor"], part)


def _dask_map(factory: Callable[[], DocumentAuditor], parts: Iterator[list[Document]],
              scheduler: str, workers: int) -> Iterator[tuple[list[Document], list[DocumentResult]]]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigError("--backend dask needs dask.distributed: pip install 'mtaudit[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        token = uuid.uuid4().hex
        shared = client.scatter(factory, broadcast=True)  # the config and the batch's names, sent once
        cores = sum(client.nthreads().values()) or workers
        yield from _bounded(lambda part: client.submit(_dask_task, token, shared, part, pure=False),
                            parts, IN_FLIGHT * cores)
