"""The command line end to end: outputs, exit codes, and the real seed article."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import sacrebleu

from tests.conftest import CORPORA

pytestmark = pytest.mark.slow

COLUMNS = ["doc", "seg", "hypothesis", "reference", "source", "score", "flagged", "verdict",
           "issue_codes", "issues", "chrf", "bleu", "ter"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mtaudit", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def read_rows(out: Path) -> list[dict[str, str]]:
    with open(out / "sentences.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_help_fits_one_screen() -> None:
    proc = run("audit", "--help")
    assert proc.returncode == 0
    assert "--ref" in proc.stdout and "--segments" in proc.stdout
    assert len(proc.stdout.splitlines()) <= 50


def test_seed_article(seed_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed"
    proc = run("audit", seed_article, "--out", out)
    assert proc.returncode == 0, proc.stderr
    rows = read_rows(out)
    assert list(rows[0])[: len(COLUMNS)] == COLUMNS
    hyps = [r["hypothesis"] for r in rows]
    assert 38 <= len(rows) <= 45
    assert hyps[0] == "Biden orders air strike in Syria targeting Iran-backed milieus"
    assert any(h.startswith("Julian E. Barnes contributed") for h in hyps)
    assert len(set(hyps)) == len(hyps)  # every sentence exactly once
    fragment = rows[hyps.index("would not avoid.")]
    assert fragment["flagged"] == "true"
    attribution = rows[hyps.index("Kirby said.")]
    assert attribution["flagged"] == "true"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["sentences"] == len(rows)
    assert summary["invariant"]["ok"] is True
    html = (out / "report.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="data">')[1].split("</script>")[0])
    page_rows = [dict(zip(data["fields"], r)) for r in data["rows"]]
    spans = next(r["issues"] for r in page_rows if r["hypothesis"] == "would not avoid.")
    assert any((i[3], i[4]) == (0, 5) for i in spans)  # "would" marked: the page draws it as <mark>


def test_corpus_chrf_equals_sacrebleu(tmp_path: Path) -> None:
    seg = CORPORA / "segments"
    out = tmp_path / "seg"
    proc = run("audit", seg / "hyp.txt", "--ref", seg / "ref.txt", "--segments", "--out", out,
               "--format", "json,csv", "--bootstrap", "100", "--metrics", "chrf,bleu,ter")
    assert proc.returncode == 0, proc.stderr
    hyps = (seg / "hyp.txt").read_text(encoding="utf-8").splitlines()
    refs = (seg / "ref.txt").read_text(encoding="utf-8").splitlines()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    expected = {"chrf": sacrebleu.corpus_chrf(hyps, [refs]).score,
                "bleu": sacrebleu.corpus_bleu(hyps, [refs]).score,
                "ter": sacrebleu.corpus_ter(hyps, [refs]).score}
    for name, value in expected.items():
        assert summary["metrics"][name]["score"] == pytest.approx(value, abs=1e-4)
        assert summary["metrics"][name]["ci_low"] <= value <= summary["metrics"][name]["ci_high"]
    assert "nrefs:1" in summary["metrics"]["chrf"]["signature"]
    assert len(read_rows(out)) == len(hyps)
    assert not (out / "report.html").exists()


def test_mismatched_segments_exit_2(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.txt"
    ref = tmp_path / "ref.txt"
    hyp.write_text("One.\nTwo.\nThree.\n", encoding="utf-8")
    ref.write_text("One.\nTwo.\n", encoding="utf-8")
    proc = run("audit", hyp, "--ref", ref, "--segments", "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert "hyp.txt has 3 lines" in proc.stderr and "ref.txt has 2" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_missing_file_exit_2(tmp_path: Path) -> None:
    proc = run("audit", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_sample_batch(tmp_path: Path) -> None:
    out = tmp_path / "batch"
    proc = run("audit", CORPORA / "news-sample", "--out", out)
    assert proc.returncode == 0, proc.stderr
    rows = read_rows(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["documents"] == len({r["doc"] for r in rows}) >= 5
    assert 0 < summary["flagged_rate"] < 0.6
    assert summary["metrics"]["chrf"]["score"] > 0


def test_checks_lists_codes() -> None:
    proc = run("checks")
    assert proc.returncode == 0
    assert "MT103" in proc.stdout and "duplicated-attribution" in proc.stdout
    codes = [line.split()[0] for line in proc.stdout.splitlines() if line.startswith("MT")]
    assert len(codes) >= 25 and len(set(codes)) == len(codes)
    assert "harper Spelling" in proc.stdout and "lt GRAMMAR" in proc.stdout  # engine rule families too
