"""Nothing lost, nothing half-written: the row invariant, failing checkers, atomic reports."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mtaudit
from mtaudit.checks.grammar.harper_engine import HarperEngine
from mtaudit.report import REPORTERS


def test_every_sentence_once_and_the_summary_says_so(tmp_path: Path) -> None:
    doc = tmp_path / "a.hyp.txt"
    doc.write_text("Headline without a period\n\nOne. Two. Two.\n\n“Three,” she said. She said.\n", encoding="utf-8")
    result = mtaudit.audit([tmp_path])
    hyps = [r.segment.hyp for r in result.results]
    assert hyps == ["Headline without a period", "One.", "Two.", "Two.", "“Three,” she said.", "She said."]
    assert result.summary.as_dict()["invariant"] == {"input_sentences": 6, "rows": 6, "ok": True}
    assert len(result.sentences) == 6


def test_a_failing_engine_records_engine_error_and_the_audit_goes_on(tmp_path: Path, monkeypatch) -> None:
    real, real_screen = HarperEngine.check, HarperEngine.screen

    def flaky(self, hyp, **kwargs):
        if "boom" in hyp:
            raise RuntimeError("simulated crash")
        return real(self, hyp, **kwargs)

    def flaky_screen(self, hyps):  # the block it is in fails too: each sentence is then linted alone
        if any("boom" in hyp for hyp in hyps):
            raise RuntimeError("simulated crash")
        return real_screen(self, hyps)

    monkeypatch.setattr(HarperEngine, "check", flaky)
    monkeypatch.setattr(HarperEngine, "screen", flaky_screen)
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened. The boom was loud. The mayor spoke.", encoding="utf-8")
    result = mtaudit.audit([doc])
    assert len(result.results) == 3
    failed = result.results[1]
    assert [i.code for i in failed.issues] == ["engine-error"]
    assert "simulated crash" in failed.issues[0].message
    assert result.summary.as_dict()["engine_failures"] == [
        {"doc": "doc", "seg": "2", "checker": "harper", "error": "RuntimeError: simulated crash"}]


def test_a_failing_reporter_leaves_the_previous_report_intact(tmp_path: Path, monkeypatch, audit) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened.", encoding="utf-8")
    out = tmp_path / "report"
    assert audit(doc, out=out).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(result):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(REPORTERS["json"], "pieces", broken)
    doc.write_text("The port closed again.", encoding="utf-8")
    run = audit(doc, out=out)  # an internal error: exit 3, one line (issue 21, class 1)
    assert run.code == 3 and "internal error (RuntimeError: disk on fire)" in run.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.slow
def test_killed_run_leaves_previous_report_and_no_partial_file(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened on Monday.\n", encoding="utf-8")
    out = tmp_path / "report"
    cmd = [sys.executable, "-m", "mtaudit", "audit", str(doc), "--out", str(out), "-q"]
    assert subprocess.run(cmd, capture_output=True, timeout=300).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    doc.write_text("The port closed again on Tuesday after a long dispute.\n" * 20000, encoding="utf-8")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    assert proc.poll() is None, "the audit finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
