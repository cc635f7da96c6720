"""The streamed audit (``audit_to_files``: the command line's path) writes exactly what the
in-memory audit writes, keeps the summary's growing lists on disk, caps report.html, and
does not hold the batch in memory."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
import sacrebleu

import mtaudit
from mtaudit.api import audit_to_files
from mtaudit.config import AuditConfig
from mtaudit.execution import Plan
from mtaudit.measure.metrics import CorpusStatistics, ReferenceMetrics
from mtaudit.report import write_reports
from mtaudit.report import csv_report, html_report
from mtaudit.report.spill import Spill
from tests.conftest import CORPORA

SAMPLE = CORPORA / "news-sample"
SEG = CORPORA / "segments"
FORMATS = ("csv", "json", "sentences", "html", "junit", "markdown")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_reports_equal_the_in_memory_ones(tmp_path: Path, jobs: int) -> None:
    config = AuditConfig(bootstrap=50, formats=FORMATS)
    audit_to_files([SAMPLE], None, None, config=config, out=tmp_path / "streamed", plan=Plan(jobs=jobs))
    write_reports(mtaudit.audit([SAMPLE], config=config), tmp_path / "held", FORMATS)
    streamed, held = files(tmp_path / "streamed"), files(tmp_path / "held")
    assert streamed.keys() == held.keys() == {"sentences.csv", "summary.json", "sentences.json", "report.html",
                                              "junit.xml", "gate.md"}
    for name in streamed:
        assert streamed[name] == held[name], name
    summary = json.loads(streamed["summary.json"])
    assert summary["findings"] and len(summary["documents"]) == summary["counts"]["documents"] > 1


def test_spill_appends_iterates_and_indexes() -> None:
    spill = Spill()
    assert list(spill) == [] and len(spill) == 0
    items = [{"doc": f"d{k}", "text": "naïve “quoted”\u2028line" * (k % 7), "n": k} for k in range(5000)]
    for item in items[:2500]:
        spill.append(item)
    assert list(spill) == items[:2500]  # read while still appending
    for item in items[2500:]:
        spill.append(item)
    assert list(spill) == items and len(spill) == 5000
    assert spill[0] == items[0] and spill[-1] == items[-1] and spill[10:13] == items[10:13]
    with pytest.raises(IndexError):
        spill[5000]


def test_report_html_holds_the_flagged_then_lowest_scoring_rows_of_a_large_batch(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    monkeypatch.setattr(html_report, "HTML_ROWS", 5)
    monkeypatch.setattr(html_report, "HTML_DOCUMENTS", 1)
    result = mtaudit.audit([SAMPLE], config=AuditConfig(bootstrap=1))
    (path,) = write_reports(result, tmp_path, ["html"])
    page = path.read_text(encoding="utf-8")
    data = json.loads(page.split('<script type="application/json" id="data">')[1].split("</script>")[0])
    fields = data["fields"]
    shown = [(row[fields.index("doc")], row[fields.index("seg")]) for row in data["rows"]]
    kept = sorted(range(len(result.results)), key=lambda k: (not result.results[k].flagged,
                                                             result.results[k].score, k))[:5]
    expected = [(data["docs"].index(result.results[k].segment.doc), result.results[k].segment.seg) for k in sorted(kept)]
    assert shown == expected  # flagged first, then the lowest scores; in input order
    assert f"holds 5 of {len(result.results):,} sentences, flagged first, then the lowest scores" in page
    assert f"the 1 lowest-scoring of {result.summary.counts.documents:,} documents" in page


def test_poisson_bootstrap_interval_agrees_with_sacrebleus() -> None:
    hyps = (SEG / "hyp.txt").read_text(encoding="utf-8").splitlines()
    refs = (SEG / "ref.txt").read_text(encoding="utf-8").splitlines()
    metrics = ReferenceMetrics(("chrf", "bleu"))
    corpus = CorpusStatistics(metrics.names, 1000)
    corpus.add([metrics.statistics(h, r) for h, r in zip(hyps, refs)])
    ours = corpus.result()
    for name, metric in (("chrf", sacrebleu.CHRF()), ("bleu", sacrebleu.BLEU())):
        metric.n_bootstrap = 1000
        theirs = metric.corpus_score(hyps, [refs], n_bootstrap=1000)
        assert ours[name].score == pytest.approx(theirs.score, abs=1e-4)
        half = (ours[name].ci_high - ours[name].ci_low) / 2
        assert half == pytest.approx(theirs._ci, rel=0.25)
        assert "bs:1000" in ours[name].signature and "seed:12345" in ours[name].signature
    again = CorpusStatistics(metrics.names, 1000)
    again.add([metrics.statistics(h, r) for h, r in zip(hyps, refs)])
    assert again.result() == ours  # seeded: the same interval every run


def batch(tmp_path: Path, documents: int) -> Path:
    """A table of ``documents`` documents of 20 sentences (the same few sentences, so that
    the checks' caches are full from the start and only the batch's size differs)."""
    pairs = [("The port reopened on Monday.", "The port opened again on Monday."),
             ("Officials said the the ships were waiting.", "Officials said ships were waiting."),
             ("It was closed for 3 days.", "It had been closed for three days."),
             ("Trade resumed.", "Trade resumed.")]
    lines = ["doc\tseg\thyp\tref"]
    for d in range(documents):
        lines += [f"d{d}\t{k + 1}\t{hyp}\t{ref}" for k, (hyp, ref) in enumerate(pairs * 5)]
    path = tmp_path / f"b{documents}.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def peak_bytes(table: Path, out: Path) -> int:
    config = AuditConfig(grammar="none", bootstrap=100, formats=("csv", "json", "html"))
    tracemalloc.start()
    try:
        audit_to_files([table], None, None, config=config, out=out, plan=Plan(jobs=1))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_does_not_grow_with_the_batch(tmp_path: Path, monkeypatch) -> None:
    """Holding results, the audit grew by about 10 KB per sentence; streamed, what grows
    is a float per sentence (the scores' median) and a little per document."""
    monkeypatch.setattr(html_report, "HTML_ROWS", 200)  # the page holds rows and documents up to its caps
    monkeypatch.setattr(html_report, "HTML_DOCUMENTS", 20)
    monkeypatch.setattr(csv_report, "ROWS_PER_WRITE", 100)  # and the CSV rows it writes at a time
    peak_bytes(batch(tmp_path, 10), tmp_path / "warm")  # imports and caches
    small = peak_bytes(batch(tmp_path, 50), tmp_path / "small")  # 1,000 sentences
    large = peak_bytes(batch(tmp_path, 300), tmp_path / "large")  # 6,000 sentences
    summary = json.loads((tmp_path / "large" / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["sentences"] == 6_000 and len(summary["findings"]) >= 1500
    assert (large - small) / 5_000 < 250, (small, large)  # bytes per added sentence
