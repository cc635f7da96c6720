"""What the commands print: the end-of-run tables of audit and compare, the worst documents,
compare's result lines with the flagged-rate change, ``-q``, and ``compare --format``."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import mtaudit
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.results import DocumentSummary, Tallies
from mtaudit.terminal import Bar, audit_table, compare_lines, compare_table, worst_documents
from tests.conftest import CORPORA
from tests.test_compare import degraded

SEG = CORPORA / "segments"
CONFIG = AuditConfig(segments=True, grammar="none", bootstrap=200)


def printed(render, *args) -> str:
    out = io.StringIO()
    render(*args, out=Console(file=out, width=200, soft_wrap=True, highlight=False))
    return out.getvalue()


def doc(name: str, sentences: int, flagged: int, mean: float) -> DocumentSummary:
    return DocumentSummary(name, sentences, flagged, mean, {}, {}, Tallies(), [])


def test_worst_documents_by_share_flagged_then_mean_quality() -> None:
    docs = [doc("a", 10, 1, 90.0), doc("b", 4, 1, 96.0), doc("c", 10, 5, 97.0), doc("d", 8, 4, 92.0),
            doc("e", 5, 0, 40.0)]
    assert [d.doc for d in worst_documents(docs)] == ["d", "c", "b"]  # 50 % (mean 92 before 97), then 25 %
    assert [d.doc for d in worst_documents(docs[4:])] == []  # nothing flagged: nothing "worst"


def test_audit_table_tells_the_story(tmp_path: Path) -> None:
    result = mtaudit.audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=100))
    s = result.summary
    written = [tmp_path / "sentences.csv", tmp_path / "report.html"]
    text = printed(audit_table, s, written)
    lines = text.splitlines()
    assert lines[0] == "news-sample"
    assert re.search(rf"^sentences\s+{s.counts.sentences} in {s.counts.documents} documents$", text, re.M)
    assert f"{s.counts.flagged} ({s.flagged_rate:.1%}): review {s.counts.by_verdict['review']}" in text
    chrf = s.metrics["chrf"]
    assert f"chrF             {chrf.score:.2f}  95% CI {chrf.ci_low:.2f}–{chrf.ci_high:.2f}" in text
    worst = worst_documents(s.documents)
    shown = [line.split(":")[0].strip() for line in lines if " flagged (" in line and "mean quality" in line]
    assert shown == [d.doc for d in worst] and len(shown) == 3
    assert "by share of sentences flagged, then mean quality score" in text
    assert re.search(rf"^report\s+{re.escape(str(tmp_path / 'report.html'))}$", text, re.M)
    assert re.search(rf"^wrote\s+{re.escape(str(tmp_path / 'sentences.csv'))}$", text, re.M)
    assert not any(line != line.rstrip() for line in lines)  # no trailing blanks in a log


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    worse = degraded(tmp_path_factory.mktemp("systems"))
    return mtaudit.compare([SEG / "hyp.txt", worse], ref=SEG / "ref.txt", config=CONFIG, ar_trials=500)


def test_compare_lines_and_table(comparison, tmp_path: Path) -> None:
    lines = compare_lines(comparison)
    rates = {r["system"]: r["flagged_rate"] for r in comparison.report["systems"]}
    assert lines[:3] == [line for line in lines if ": chrf " in line or ": bleu " in line or ": ter " in line]
    change = 100 * (rates["degraded"] - rates["hyp"])
    assert lines[3] == f"degraded vs hyp: flagged {rates['degraded']:.1%} ({change:+.1f} points; hyp {rates['hyp']:.1%})"
    text = printed(compare_table, comparison, [tmp_path / "compare.html", tmp_path / "sentences.csv"])
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith(("hyp", "degraded"))}
    view = comparison.view
    assert rows["hyp"].startswith("hyp (baseline)") and f"{100 * rates['hyp']:.1f}%" in rows["hyp"]
    assert f"{100 * rates['degraded']:.1f}% ({change:+.1f})" in rows["degraded"]
    chrf = comparison.tests.set_index("metric").loc["chrf"]
    mean, half = comparison.intervals["degraded"]["chrf"]
    assert f"{chrf['score']:.2f} ± {half:.2f} ({chrf['delta']:+.2f}*)" in rows["degraded"]  # significant
    assert f"± {comparison.intervals['hyp']['chrf'][1]:.2f}" in rows["hyp"]
    assert [int(rows[f.name].split()[-1]) for f in view.systems] == [f.best for f in view.systems]
    assert re.search(rf"^report\s+{re.escape(str(tmp_path / 'compare.html'))}$", text, re.M)


@pytest.mark.slow
def test_compare_cli_formats_and_quiet(tmp_path: Path) -> None:
    worse = degraded(tmp_path)
    args = ["compare", str(SEG / "hyp.txt"), str(worse), "--ref", str(SEG / "ref.txt"), "--segments", "--grammar",
            "none", "--bootstrap", "100"]
    quiet = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "q"), "--format", "xlsx,csv", "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert sorted(p.name for p in (tmp_path / "q").iterdir()) == ["compare.xlsx", "sentences.csv"]
    assert quiet.stderr == "" and len(quiet.stdout.splitlines()) == 4  # three tests and the flagged line
    loud = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "l")])
    assert sorted(p.name for p in (tmp_path / "l").iterdir()) == ["compare.html", "comparison.json", "sentences.csv"]
    assert loud.stdout == quiet.stdout and "report" in loud.stderr and "compare.html" in loud.stderr
    bad = CliRunner().invoke(cli, [*args, "--format", "csv,pdf"])
    assert bad.exit_code == 2 and bad.stderr.strip() == ("mtaudit: error: unknown compare format 'pdf'; "
                                                         "choose from csv, json, html, xlsx")


def test_no_bar_off_a_terminal() -> None:
    with Bar(quiet=False) as bar:  # pytest's stderr is not a terminal
        assert bar.task() is None
