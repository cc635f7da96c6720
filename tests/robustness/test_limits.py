"""Engines and metrics are never fed what they cannot take (issue 21, class 2): a word or a
sentence over a limit (checks/limits.py) gets an ``engine-skip`` finding and is skipped by
that engine or metric, never killed; mtaudit's own checks stay linear in a sentence's length."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import mtaudit
from mtaudit.checks import REGISTRY
from mtaudit.checks.context import DocContext
from mtaudit.config import AuditConfig
from mtaudit.checks.grammar.harper_engine import HarperEngine
from mtaudit.measure.metrics import CorpusStatistics, ReferenceMetrics
from mtaudit.score.scorer import Scorer
from mtaudit.checks import limits

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("the council met on Monday and approved a budget of three million euros for housing while "
         "tenants said rents had risen by thirty percent since the law was passed").split()


def sentence(n_words: int) -> str:
    return "The " + " ".join(WORDS[k % len(WORDS)] for k in range(1, n_words)) + "."


@pytest.mark.parametrize("hyp, skipped", [
    ("The code " + "x" * (limits.GRAMMAR_MAX_WORD + 1) + " was printed twice.", True),   # must skip
    ("The cell " + "y" * limits.GRAMMAR_MAX_WORD + " was printed twice.", False),       # must lint
    (sentence(1100), True),                                                              # 5,000+ characters
    (sentence(700), False),
    ("Pneumonoultramicroscopicsilicovolcanoconiosis is the the longest word.", False),
])
def test_harper_skips_a_sentence_over_a_limit_and_lints_the_rest(hyp: str, skipped: bool) -> None:
    issues = HarperEngine(AuditConfig()).check(hyp, names=frozenset(), ref=None, src=None)
    skips = [i for i in issues if i.code == limits.SKIP_CODE]
    assert bool(skips) == skipped
    if skipped:
        assert issues == skips and skips[0].engine == "harper" and "limit" in skips[0].message
    if "x" * 65 in hyp:
        assert hyp[skips[0].start:skips[0].end] == "x" * (limits.GRAMMAR_MAX_WORD + 1)


# A whole audit in a child process (about 5 s): slow. The skip itself (a word over the limit
# is an engine-skip finding, not linted) is tested in-process just above.
@pytest.mark.slow
def test_a_99999_character_word_no_longer_aborts_the_process(tmp_path: Path) -> None:
    """Harper used to abort (SIGABRT, exit 134) asking for 30 GB; the audit runs in a child
    process so that a regression fails this test rather than killing the test run."""
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("The port reopened on Monday.\n" + "a" * 99_999 + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(hyp), "--segments", "-j", "1", "-q",
                           "--format", "csv", "--bootstrap", "1", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    rows = (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8")
    assert "engine-skip minor 0-99999: harper skipped this sentence: a word of 99,999 characters" in rows


def test_ter_skips_a_segment_over_its_word_limit_and_the_corpus_says_how_many() -> None:
    metrics = ReferenceMetrics(["chrf", "ter"])
    short, long = sentence(limits.TER_MAX_WORDS), sentence(limits.TER_MAX_WORDS + 1)
    assert set(metrics.statistics(short, [short])) == {"chrf", "ter"}
    started = time.perf_counter()
    stats = metrics.statistics(sentence(1000), [sentence(990)])
    assert set(stats) == {"chrf"} and time.perf_counter() - started < 5  # TER alone took 44 s
    assert metrics.sentence(stats).keys() == {"chrf"}
    [skip] = metrics.skipped(short, [long])  # a long reference counts too
    assert skip.code == limits.SKIP_CODE and skip.engine == "ter" and "201 words" in skip.message
    corpus = CorpusStatistics(["chrf", "ter"], n_bootstrap=10)
    corpus.add([metrics.statistics(short, [short]), stats, metrics.statistics(short, [short])])
    result = corpus.result()
    assert result["chrf"].sentences == 3 and "skipped" not in result["chrf"].as_dict()
    assert result["ter"].sentences == 2 and result["ter"].as_dict()["skipped"] == 1 and result["ter"].score == 0.0


def test_the_audit_reports_the_skip_on_the_row_and_leaves_the_metric_empty(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text(f"The port reopened on Monday.\n{sentence(300)}\n", encoding="utf-8")
    ref.write_text(f"The port opened again on Monday.\n{sentence(300)}\n", encoding="utf-8")
    result = mtaudit.audit([hyp], ref=ref, config=AuditConfig(grammar="none", segments=True, bootstrap=1,
                                                              metrics=("chrf", "ter")))
    first, second = result.results
    assert "ter" in first.metrics and limits.SKIP_CODE not in {i.code for i in first.issues}
    assert "ter" not in second.metrics and second.metrics["chrf"] == 100.0
    assert [i.engine for i in second.issues if i.code == limits.SKIP_CODE] == ["ter"]
    notices = [i for i in second.issues if i.code != limits.SKIP_CODE]  # a notice, not evidence of an error
    scorer = Scorer.from_config(AuditConfig())
    assert scorer.score(second.segment.hyp, notices, second.metrics, second.features)[0] == second.score
    summary = result.summary.as_dict()
    assert summary["metrics"]["ter"]["skipped"] == 1
    assert summary["issues_by_code"][limits.SKIP_CODE]["count"] == 1


@pytest.mark.parametrize("hyp", ["The word " + "a" * 99_000, "The word " + "a" * 99_000 + " is long.",
                                 " ".join(str(k) for k in range(14_000)), ("b" * 30 + "@") * 3000])
def test_mtaudits_own_checks_are_linear_in_a_long_sentence(hyp: str) -> None:
    """MT113 (83 s), MT111 and MT204 (quadratic) tried a pattern from every character of a
    long word; each check now takes well under a second here on an idle machine."""
    doc = DocContext("d", (hyp,))
    options = AuditConfig().check_options()
    for code in ("MT111", "MT113", "MT204"):
        started = time.perf_counter()
        REGISTRY[code].run({"hyp": hyp, "src": hyp[: len(hyp) // 2], "doc": doc, "options": options})
        assert time.perf_counter() - started < 5, code
