"""One long document spread over workers (issue 18): cut into chunks of rows, its facts read
first and combined, it gives the same outputs byte for byte as audited whole in one process,
at one or two worker processes and on a Dask cluster."""
from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

import mtaudit
from mtaudit.checks import REGISTRY
from mtaudit.checks.context import DocContext
from mtaudit.checks.facts import FACTS
from mtaudit.config import AuditConfig
from mtaudit.execution import Plan
from mtaudit.report import write_reports

ROOT = Path(__file__).resolve().parents[1]
CONFIG = AuditConfig(segments=True, bootstrap=20, formats=("csv", "json"))
# What the document-level checks compare across sentences, placed so that chunks of 7 rows
# cut through each: a quote opened in one row and closed rows later, a repeated row with an
# open quote, British and American spellings, two spellings of a name, a rare word used twice.
CRAFTED = [
    "“The council will not raise the budget this year,",
    "the mayor said on Tuesday, “and the harbour will stay open.",
    "We have organised the repairs.”",
    "Mr. Biden approved the strikes on Thursday morning.",
    "“The debate is open.",
    "Residents organized a protest about the color of the new flats.",
    "Mr Kirby said the U.S. retaliation was meant to punish the perpetrators.",
    "The neighbourhood centre will reopen in May.",
    "“The debate is open.",
    "Some US officials claim that the group is merely a front.",
    "The milieus of the old port were quiet.",
    "President Zelenskyy said Ukraine would not give up territory.",
    "Volodymyr Zelensky met the French president in Paris.",
    "Dock workers said the milieus had changed.",
    "The colour of the flag was chosen by the council.",
    "He confirmed the decision in an e-mail.”",
    "Mulroy said in an email that the strike was smart.",
]


def long_document(tmp: Path) -> tuple[Path, Path, Path]:
    """A line file of the sample corpus's sentences with the crafted ones spread through it,
    with a reference and a source (metrics, coverage and the batch's length model)."""
    rng = random.Random(18)
    sample = [line for p in sorted((ROOT / "corpora" / "news-sample").glob("*.hyp.txt"))
              for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = list(itertools.islice(itertools.cycle(sample), 100))
    for at in range(3, 200, 27):  # whole, 27 rows apart: chunks of 7 cut between each pair of its rows somewhere
        lines[at:at] = CRAFTED
    for k, line in enumerate(CRAFTED + ["The harbour board praised the quayfolkers on Monday."]):  # and spread out
        lines.insert(210 + 3 * k, line)
    refs = [rng.choice(sample) for _ in lines]
    srcs = ["x" * rng.randint(10, 90) for _ in lines]
    paths = []
    for name, rows in (("hyp", lines), ("ref", refs), ("src", srcs)):
        paths.append(tmp / f"{name}.txt")
        paths[-1].write_text("\n".join(rows) + "\n", encoding="utf-8")
    return paths[0], paths[1], paths[2]


def audited(files: tuple[Path, Path, Path], out: Path, plan: Plan) -> dict[str, bytes]:
    hyp, ref, src = files
    result = mtaudit.audit([hyp], ref=ref, src=src, config=CONFIG, plan=plan)
    write_reports(result, out, CONFIG.formats)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary.pop("mtaudit_version", None)
    return {"sentences.csv": (out / "sentences.csv").read_bytes(),
            "summary.json": json.dumps(summary, sort_keys=True).encode()}


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Path, Path, Path], dict[str, bytes]]:
    """The document audited whole, in this process (no chunk is smaller than it)."""
    tmp = tmp_path_factory.mktemp("whole")
    files = long_document(tmp)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("mtaudit.execution.CHUNK_SENTENCES", 10_000)
        out = audited(files, tmp / "out", Plan(jobs=1))
    codes = out["sentences.csv"].decode()
    for code in ("MT106", "MT107", "MT120", "MT121"):  # the document-level checks found something
        assert code in codes, code
    return files, out


@pytest.mark.parametrize("size,jobs", [(7, 1), (7, 2), (23, 2), (400, 1)])
def test_chunks_of_one_document_give_the_whole_documents_outputs(
        whole: tuple[tuple[Path, Path, Path], dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        size: int, jobs: int) -> None:
    files, expected = whole
    monkeypatch.setattr("mtaudit.execution.CHUNK_SENTENCES", size)
    monkeypatch.setattr("mtaudit.execution.CHUNK_FIRST", 5)
    got = audited(files, tmp_path / "out", Plan(jobs=jobs))
    assert got == expected


@pytest.mark.slow
def test_a_dask_cluster_gives_the_whole_documents_outputs(
        whole: tuple[tuple[Path, Path, Path], dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    files, expected = whole
    monkeypatch.setattr("mtaudit.execution.CHUNK_SENTENCES", 7)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        got = audited(files, tmp_path / "out", Plan(backend="dask", scheduler=cluster.scheduler_address))
    assert got == expected


def test_facts_built_from_any_cut_equal_the_whole_documents() -> None:
    """Each fact combined from its sentences' results equals the fact of the document held
    whole, and a check reading it finds the same (the facts are exact, not estimates)."""
    hyps = tuple(CRAFTED * 3)
    whole = DocContext("d", hyps, frozenset({"Kirby"}))
    for f in FACTS:
        tally = f.tally(whole.names)
        for h in hyps:
            tally.add(f.sentence(h))
        known = DocContext("d", None, whole.names, {f.name: tally.result()})
        for code in sorted(f.codes):
            for i, h in enumerate(hyps):
                ctx = {"hyp": h, "prev": hyps[i - 1] if i else None, "next": hyps[i + 1] if i + 1 < len(hyps) else None,
                       "ref": None, "src": None, "options": {}}
                assert REGISTRY[code].run({**ctx, "doc": known}) == REGISTRY[code].run({**ctx, "doc": whole}), (code, h)
