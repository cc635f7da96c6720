"""Where chunks run: in this process, in a pool of worker processes, or on a Dask cluster
(``open_runner``). Each runner hands back futures in submission order; a worker builds the
audit's checks and engines once and keeps the facts of the long document it is working on.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import sys
import tempfile
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from .errors import ConfigError
from .model import Issue, Segment, SegmentResult
from .results import EngineFailure

IN_FLIGHT = 4  # chunks queued per worker: enough to keep it busy, few enough to keep memory flat
FULL_COLLECTION_EVERY = 100  # middle-generation passes between full passes of the cyclic collector

Failures = list[EngineFailure]
DocumentResult = tuple[list[SegmentResult], Failures]
Tick = Callable[[int], None]  # told how many more sentences are done


@dataclass
class Piece:
    """Consecutive rows of one document: the whole document (``facts`` None: its checks learn
    the document from its rows), or a run of its rows with the rows just ``before`` and
    ``after`` it (a check reads its neighbours) and the document's ``facts``."""

    name: str
    segs: list[Segment]
    before: Segment | None = None
    after: Segment | None = None
    facts: Any = None
    last: bool = True  # the document's last piece
    engine: dict[bytes, list[Issue]] | None = None  # grammar-engine results other workers found, by text key


@dataclass
class PieceResult:
    """A piece's results, in order, and the failures met on the way."""

    name: str
    results: list[SegmentResult]
    failures: Failures
    last: bool


class DocumentAuditor(Protocol):
    """What a worker holds: it audits a piece at a time (``tick``: told of the sentences it
    finishes on the way, when it runs in this process), and reads rows for their facts."""

    def audit_piece(self, piece: Piece, failures: Failures, tick: Tick | None = None) -> list[SegmentResult]: ...

    def sentence_facts(self, segs: list[Segment]) -> list[Any]: ...

    def known(self, results: dict[bytes, list[Issue]]) -> None: ...

    def learnt(self) -> dict[bytes, list[Issue]]: ...

    def warm_up(self) -> None:
        """Load now what the checks would load on first use (before a pool forks)."""


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


class Runner(Protocol):
    """Runs chunks somewhere: ``audit`` and ``facts`` return futures (``.result()``);
    ``share`` turns a document's facts into what a worker can read; ``limit``: chunks out at once;
    ``relays``: whether its workers are other processes, which learn each other's engine results
    through this one (``Chunk.learnt``, ``Piece.engine``)."""

    limit: int
    relays: bool

    def audit(self, part: list[Piece]) -> Any: ...

    def facts(self, segs: list[Segment]) -> Any: ...

    def share(self, facts: Any) -> Any: ...


class _Later:
    """A future of work done in this process when its result is asked for."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work

    def result(self) -> Any:
        return self.work()


class _InProcess:
    limit, relays = 0, False

    def __init__(self, auditor: DocumentAuditor, tick: Tick | None) -> None:
        self.auditor, self.tick = auditor, tick

    def audit(self, part: list[Piece]) -> _Later:
        return _Later(lambda: _audit_chunk(self.auditor, part, self.tick))

    def facts(self, segs: list[Segment]) -> _Later:
        return _Later(lambda: self.auditor.sentence_facts(segs))

    def share(self, facts: Any) -> Any:
        return facts


@dataclass(frozen=True)
class _OnDisk:
    """A long document's facts in a file the pool's workers read once each."""

    path: str


class _Pool:
    relays = True

    def __init__(self, pool: ProcessPoolExecutor, workers: int, folder: str) -> None:
        self.pool, self.limit, self.folder = pool, IN_FLIGHT * workers, folder

    def audit(self, part: list[Piece]) -> Any:
        return self.pool.submit(_pool_audit, part)

    def facts(self, segs: list[Segment]) -> Any:
        return self.pool.submit(_pool_facts, segs)

    def share(self, facts: Any) -> _OnDisk:
        path = Path(self.folder) / f"{uuid.uuid4().hex}.pickle"
        with path.open("wb") as f:
            pickle.dump(facts, f, protocol=pickle.HIGHEST_PROTOCOL)
        return _OnDisk(str(path))


@contextlib.contextmanager
def open_runner(factory: Callable[[], DocumentAuditor], workers: int, scheduler: str | None = None,
                tick: Tick | None = None) -> Iterator[Runner]:
    """A runner: on the Dask cluster at ``scheduler``; else this process for one worker, or
    a pool of ``workers`` processes."""
    if scheduler:
        with _dask(factory, scheduler, workers) as runner:
            yield runner
        return
    if workers == 1:
        yield _InProcess(factory(), tick)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    if context.get_start_method() == "fork":  # built and warmed once here, inherited by every worker
        auditor = factory()
        auditor.warm_up()
        start, args = _adopt, (auditor,)
    else:
        start, args = _start_worker, (factory,)
    with tempfile.TemporaryDirectory(prefix="mtaudit-facts-") as folder, \
            ProcessPoolExecutor(workers, mp_context=context, initializer=start, initargs=args) as pool:
        yield _Pool(pool, workers, folder)


@dataclass
class Chunk:
    """A chunk's results: each piece's (results, failures), and the grammar-engine results
    its worker found (for the workers of later chunks, where results are relayed)."""

    pieces: list[DocumentResult]
    learnt: dict[bytes, list[Issue]]


def _audit_chunk(auditor: DocumentAuditor, part: list[Piece], tick: Tick | None = None) -> Chunk:
    out = []
    for piece in part:
        failures: Failures = []
        if piece.engine is not None:
            auditor.known(piece.engine)
        if piece.facts is not None:
            piece = replace(piece, facts=_resolve(piece.facts))
        results = auditor.audit_piece(piece, failures, tick) if tick else auditor.audit_piece(piece, failures)
        out.append((results, failures))
    return Chunk(out, auditor.learnt())


_WORKER: dict[str, Any] = {}


def _resolve(facts: Any) -> Any:
    """The facts themselves; from their file once per worker (the last document's kept)."""
    if not isinstance(facts, _OnDisk):
        return facts
    if _WORKER.get("facts_path") != facts.path:
        with open(facts.path, "rb") as f:
            _WORKER.update(facts_path=facts.path, facts=pickle.load(f))
    return _WORKER["facts"]


def _start_worker(factory: Callable[[], DocumentAuditor]) -> None:
    _adopt(factory())


def _adopt(auditor: DocumentAuditor) -> None:
    """A forked worker takes the auditor its parent built (no pickling under fork); a
    worker process is the audit's alone, so its collector is tuned for good."""
    _WORKER["auditor"] = auditor
    _tune_collector()


def _pool_audit(part: list[Piece]) -> Chunk:
    return _audit_chunk(_WORKER["auditor"], part)


def _pool_facts(segs: list[Segment]) -> list[Any]:
    return _WORKER["auditor"].sentence_facts(segs)


def _dask_auditor(token: str, factory: Callable[[], DocumentAuditor]) -> DocumentAuditor:
    """The auditor of this audit (``token``), built once per Dask worker process."""
    if _WORKER.get("token") != token:
        _WORKER.update(token=token, auditor=factory())
    return _WORKER["auditor"]


def _dask_audit(token: str, factory: Callable[[], DocumentAuditor], part: list[Piece], facts: list[Any]) -> Chunk:
    """Runs on a Dask worker; ``facts``: each piece's, resolved by Dask from the scattered data."""
    with fewer_full_collections():
        return _audit_chunk(_dask_auditor(token, factory),
                            [replace(p, facts=f) for p, f in zip(part, facts)])


def _dask_facts(token: str, factory: Callable[[], DocumentAuditor], segs: list[Segment]) -> list[Any]:
    with fewer_full_collections():
        return _dask_auditor(token, factory).sentence_facts(segs)


class _Dask:
    relays = True

    def __init__(self, client: Any, shared: Any, limit: int) -> None:
        self.client, self.shared, self.limit, self.token = client, shared, limit, uuid.uuid4().hex

    def audit(self, part: list[Piece]) -> Any:
        bare = [replace(p, facts=None) for p in part]
        return self.client.submit(_dask_audit, self.token, self.shared, bare, [p.facts for p in part], pure=False)

    def facts(self, segs: list[Segment]) -> Any:
        return self.client.submit(_dask_facts, self.token, self.shared, segs, pure=False)

    def share(self, facts: Any) -> Any:
        return self.client.scatter(facts, broadcast=True, hash=False)


@contextlib.contextmanager
def _dask(factory: Callable[[], DocumentAuditor], scheduler: str, workers: int) -> Iterator[_Dask]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigError("--backend dask needs dask.distributed: pip install 'mtaudit[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        shared = client.scatter(factory, broadcast=True)  # the config and the batch's names, sent once
        cores = sum(client.nthreads().values()) or workers
        yield _Dask(client, shared, IN_FLIGHT * cores)
