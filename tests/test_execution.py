"""Worker processes and a Dask cluster give the same audit as one process, byte for byte."""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import pytest

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from mtaudit.execution import FULL_COLLECTION_EVERY, Held, Piece, Plan, _work, run_documents
from mtaudit.model import Segment
from mtaudit.report import write_reports

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "news-sample"
CONFIG = AuditConfig(bootstrap=50, formats=("csv", "json"))


def outputs(tmp: Path, plan: Plan) -> tuple[bytes, dict]:
    result = mtaudit.audit([SAMPLE], config=CONFIG, plan=plan)
    write_reports(result, tmp, CONFIG.formats)
    return (tmp / "sentences.csv").read_bytes(), json.loads((tmp / "summary.json").read_text(encoding="utf-8"))


def chunks(docs: list[tuple[str, list[Segment]]]) -> list[list[Piece]]:
    """The chunks the executors audit, of documents each audited whole (no facts pass)."""
    return list(_work([Held(name, segs) for name, segs in docs], runner=None, reduce=None))


def test_chunks_keep_documents_whole_and_in_order() -> None:
    docs = [(f"d{i}", [Segment(f"d{i}", j, "x") for j in range(n)]) for i, n in enumerate([300, 50, 120, 900, 10])]
    parts = chunks(docs)
    assert [[p.name for p in part] for part in parts] == [["d0"], ["d1", "d2"], ["d3"], ["d4"]]
    assert [(p.name, p.segs) for part in parts for p in part] == docs


def test_first_chunks_are_small_so_progress_comes_early() -> None:
    docs = [(f"d{i}", [Segment(f"d{i}", j, "x") for j in range(10)]) for i in range(100)]
    sizes = [sum(len(p.segs) for p in part) for part in chunks(docs)]
    assert sizes == [50, 100, 200, 400, 250]


def test_progress_counts_sentences_within_one_document(tmp_path: Path) -> None:
    """One long line file is one document, audited in this process: the count moves a
    block of rows at a time, and the total is known before the first."""
    lines = [f"Sentence number {k} says the council met on Monday." for k in range(130)]
    (tmp_path / "hyp.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    mtaudit.audit([tmp_path / "hyp.txt"], config=AuditConfig(segments=True, bootstrap=1, grammar="none"),
                  plan=Plan(jobs=2), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 130) and seen[-1] == (130, 130)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert {50, 100} <= {done for done, _ in seen}  # within the document, before it is done


def test_audit_runs_with_fewer_full_collections_and_restores_the_collector() -> None:
    class Recorder:
        def audit_piece(self, piece: Piece, failures: list) -> list:
            seen.append(gc.get_threshold())
            return []

        def learnt(self) -> dict:
            return {}

    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    docs = [(f"d{i}", [Segment(f"d{i}", 1, "x")]) for i in range(3)]
    assert len(list(run_documents(Recorder, iter(docs), Plan(jobs=1)))) == 3
    assert seen == [(before[0], before[1], max(before[2], FULL_COLLECTION_EVERY))] * 3
    assert gc.get_threshold() == before


def test_plan_rejects_bad_settings() -> None:
    with pytest.raises(ConfigError, match="scheduler"):
        Plan(backend="dask")
    with pytest.raises(ConfigError, match="unknown backend"):
        Plan(backend="spark")
    with pytest.raises(ConfigError, match="jobs"):
        Plan(jobs=-1)


@pytest.mark.slow
def test_worker_processes_give_the_same_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mtaudit.execution.CHUNK_SENTENCES", 8)  # several chunks from the small sample
    one = outputs(tmp_path / "one", Plan(jobs=1))
    two = outputs(tmp_path / "two", Plan(jobs=2))
    assert one[0] == two[0]
    assert one[1] == two[1]
    assert one[1]["invariant"]["ok"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr("mtaudit.execution.CHUNK_SENTENCES", 8)
    local = outputs(tmp_path / "local", Plan(jobs=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        dask = outputs(tmp_path / "dask", Plan(backend="dask", scheduler=cluster.scheduler_address))
    assert local[0] == dask[0]
    assert local[1] == dask[1]


@pytest.mark.slow
def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    import subprocess
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(SAMPLE), "--backend", "dask",
                           "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Dask scheduler" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_engine_is_a_deprecated_name_of_backend(tmp_path: Path) -> None:
    import subprocess
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(SAMPLE), "--engine", "local", "--grammar",
                           "none", "--format", "csv", "--out", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "--engine is deprecated, use --backend" in proc.stderr and (tmp_path / "out" / "sentences.csv").exists()
