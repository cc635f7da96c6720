"""Gold files: the outputs of the sample corpora (and, where ../shared is present, of one TED
system) pinned byte for byte, so that any change of behaviour is seen in review.

The audits run through the command line, as a user runs them. After a change that is meant to
change the outputs, rewrite the gold files and read their diff before committing:

    MTAUDIT_UPDATE_GOLD=1 .venv/bin/python -m pytest tests/test_gold.py     # or: make gold

Version fields (``mtaudit_version``) are left out of ``summary.json``; the HTML report is
pinned by the data its script draws the page from (the JSON inside ``report.html``) and its
overview text. TED text is not committed: its gold rows carry a hash of each sentence and
every figure mtaudit gives it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT, SHARED

pytestmark = pytest.mark.slow

GOLD = Path(__file__).with_name("gold")
UPDATE = os.environ.get("MTAUDIT_UPDATE_GOLD") == "1"
TED = SHARED / "eval" / "ted-zhen" / "systems" / "Facebook-AI"

# name: (arguments after `mtaudit audit`, relative to the repository)
SAMPLES = {
    "news-sample": ["corpora/news-sample", "--require", "flagged_rate <= 0.15", "--require", "doc:MT303 == 0"],
    "segments": ["corpora/segments/hyp.txt", "--segments", "--ref", "corpora/segments/ref.txt",
                 "--src", "corpora/segments/src.txt", "--metrics", "chrf,bleu,chrfpp,ter"],
    "table": ["corpora/table/sample.tsv", "--glossary", "corpora/glossary.csv"],
}


def _audit(args: list[str], out: Path, formats: str = "csv,json,html") -> int:
    cmd = [sys.executable, "-m", "mtaudit", "audit", *args, "--out", str(out), "--format", formats, "-j", "1", "-q"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode


def _summary(path: Path) -> str:
    summary = json.loads(path.read_text(encoding="utf-8"))
    summary.pop("mtaudit_version", None)
    return _unversioned(json.dumps(summary, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def _unversioned(text: str) -> str:
    """sacreBLEU's version inside its signatures (``version:2.6.0``) and mtaudit's on the
    page are version fields too."""
    text = re.sub(r"version:\d+(?:\.\d+)*", "version:*", text)
    return re.sub(r"mtaudit \d+\.\d+\.\d+\S*", "mtaudit *", text)


def _html_data(path: Path) -> str:
    """The page's data and its overview text (tags stripped), as JSON."""
    page = path.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert data, "report.html holds its rows as JSON"
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
    text = [line for line in (re.sub(r"<[^>]+>", " ", body).split("\n")) if line.strip()]
    overview = [" ".join(line.split()) for line in text]
    return _unversioned(json.dumps({"data": json.loads(data.group(1)), "overview": overview},
                                   indent=1, ensure_ascii=False) + "\n")


def _check(name: str, actual: str) -> None:
    gold = GOLD / name
    if UPDATE:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text(actual, encoding="utf-8", newline="")
        return
    assert gold.exists(), f"no gold file {gold}: run with MTAUDIT_UPDATE_GOLD=1"
    expected = gold.read_text(encoding="utf-8")
    if actual != expected:
        diff = [f"line {n}: gold {a!r}\n      now  {b!r}" for n, (a, b) in
                enumerate(zip(expected.splitlines(), actual.splitlines()), 1) if a != b][:5]
        pytest.fail(f"{name} differs from its gold file ({len(expected.splitlines())} vs "
                    f"{len(actual.splitlines())} lines):\n" + "\n".join(diff))


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_outputs_match_gold(sample: str, tmp_path: Path) -> None:
    code = _audit(SAMPLES[sample], tmp_path)
    _check(f"{sample}/exit-code.txt", f"{code}\n")
    _check(f"{sample}/sentences.csv", (tmp_path / "sentences.csv").read_text(encoding="utf-8"))
    _check(f"{sample}/summary.json", _summary(tmp_path / "summary.json"))
    _check(f"{sample}/report-data.json", _html_data(tmp_path / "report.html"))


def _fingerprint(csv_path: Path) -> str:
    """Each row's figures and findings, with the sentence text replaced by a hash."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    with open(csv_path, newline="", encoding="utf-8") as f:
        for k, row in enumerate(csv.DictReader(f)):
            if k == 0:
                writer.writerow(["seg", "text", *[c for c in row if c not in ("doc", "seg", "hypothesis",
                                                                              "reference", "source", "issues")],
                                 "spans"])
            spans = " ".join(re.findall(r"(?:^|; )(\S+ \S+ \d+-\d+):", row["issues"]))
            digest = hashlib.sha1("\x1f".join((row["hypothesis"], row["reference"], row["source"]))
                                  .encode("utf-8")).hexdigest()[:12]
            writer.writerow([row["seg"], digest, *[v for c, v in row.items() if c not in (
                "doc", "seg", "hypothesis", "reference", "source", "issues")], spans])
    return out.getvalue()


@pytest.mark.skipif(not TED.is_dir(), reason="../shared/eval/ted-zhen is not present")
@pytest.mark.parametrize("with_ref", [True, False], ids=["reference", "reference-free"])
def test_ted_system_matches_gold(with_ref: bool, tmp_path: Path) -> None:
    args = [str(TED / "hyp.txt"), "--segments", "--src", str(TED / "src.txt")]
    if with_ref:
        args += ["--ref", str(TED / "ref.txt")]
    _audit(args, tmp_path, formats="csv,json")
    name = "ted-facebook-ai" + ("" if with_ref else "-noref")
    _check(f"{name}/rows.tsv", _fingerprint(tmp_path / "sentences.csv"))
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    figures = {k: summary[k] for k in ("counts", "flagged_rate", "flag_below", "score", "metrics",
                                       "issues_by_category", "tallies")}
    _check(f"{name}/figures.json", _unversioned(json.dumps(figures, indent=1, sort_keys=True) + "\n"))


def _degraded(lines: list[str]) -> list[str]:
    """A second system for the compare gold: every third line loses its last word, every
    fourth has its first 'the' doubled (deterministic, so the gold file is stable)."""
    out = []
    for k, line in enumerate(lines):
        if k % 3 == 0 and " " in line:
            line = line.rsplit(" ", 1)[0]
        if k % 4 == 0:
            line = line.replace(" the ", " the the ", 1)
        out.append(line)
    return out


def test_compare_outputs_match_gold(tmp_path: Path) -> None:
    seg = CORPORA / "segments"
    system = tmp_path / "systems" / "degraded.txt"
    system.parent.mkdir()
    system.write_text("\n".join(_degraded((seg / "hyp.txt").read_text(encoding="utf-8").splitlines())) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "mtaudit", "compare", str(seg / "hyp.txt"), str(system), "--ref", str(seg / "ref.txt"),
           "--src", str(seg / "src.txt"), "--segments", "--bootstrap", "200", "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    _check("compare/stdout.txt", done.stdout)
    _check("compare/sentences.csv", (out / "sentences.csv").read_text(encoding="utf-8"))
    comparison = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    comparison.pop("mtaudit_version", None)
    for system_entry in comparison.get("systems", []):
        system_entry["input"] = Path(system_entry["input"]).name
    _check("compare/comparison.json", _unversioned(json.dumps(comparison, indent=1, ensure_ascii=False,
                                                              sort_keys=True) + "\n"))
