"""Waivers: a re-audit with a waiver file drops exactly the waived findings; bad files are exit 2."""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtaudit.config import AuditConfig
from mtaudit.errors import InputError
from mtaudit.execution import Plan
from mtaudit.api import audit
from mtaudit.checks.waivers import load_waivers
from tests.conftest import CORPORA

FAST = AuditConfig(bootstrap=1)


def waiver_file(path: Path, findings: list[dict], decision: str = "false-positive") -> Path:
    path.write_text(json.dumps({"format": "mtaudit-waivers", "version": 1, "batch": "news-sample", "waivers": [
        {"id": f["id"], "code": f["code"], "decision": decision, "doc": f["doc"], "seg": f["seg"]}
        for f in findings]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def first_audit():
    return audit([CORPORA / "news-sample"], config=FAST)


@pytest.mark.parametrize("jobs", [1, 2])  # in worker processes too: waivers apply where results meet
def test_reaudit_drops_exactly_the_waived_findings(first_audit, tmp_path: Path, jobs: int, monkeypatch) -> None:
    monkeypatch.setattr("mtaudit.execution._sizes", lambda: itertools.repeat(1))  # a part per document
    before = first_audit.summary.as_dict()["findings"]
    chosen = [before[0], next(f for f in before if f["code"] != before[0]["code"])]
    path = waiver_file(tmp_path / "w.json", chosen)
    again = audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=1, waivers=str(path)), plan=Plan(jobs=jobs))
    after = again.summary.as_dict()["findings"]
    waived = {f["id"] for f in chosen}
    assert sorted(f["id"] for f in after) == sorted(f["id"] for f in before if f["id"] not in waived)
    assert again.summary.counts.issues == first_audit.summary.counts.issues - 2
    assert again.summary.waivers == {
        "file": str(path), "waivers": 2, "waived": 2, "by_decision": {"false-positive": 2},
        "by_code": dict(sorted({chosen[0]["code"]: 1, chosen[1]["code"]: 1}.items()))}
    assert again.summary.config["waivers"] == str(path)
    # the waived sentences are re-scored without the waived finding
    old = {(r.segment.doc, r.segment.seg): r for r in first_audit.results}
    for r in again.results:
        lost = len(old[(r.segment.doc, r.segment.seg)].issues) - len(r.issues)
        assert lost == sum(f["doc"] == r.segment.doc and f["seg"] == r.segment.seg for f in chosen)
        assert r.score >= old[(r.segment.doc, r.segment.seg)].score


def test_a_waiver_needs_the_same_code(first_audit, tmp_path: Path) -> None:
    finding = first_audit.summary.as_dict()["findings"][0]
    path = waiver_file(tmp_path / "w.json", [{**finding, "code": "MT999"}])
    again = audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=1, waivers=str(path)))
    assert again.summary.as_dict()["findings"] == first_audit.summary.as_dict()["findings"]
    assert again.summary.waivers["waived"] == 0


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot read waiver file"),
    ('{"waivers": []}', "not an mtaudit waiver file"),
    ('{"format": "mtaudit-waivers", "waivers": {}}', "not an mtaudit waiver file"),
    ('{"format": "mtaudit-waivers", "waivers": [3]}', "waiver 1 is not an object"),
    ('{"format": "mtaudit-waivers", "waivers": [{"code": "MT101"}]}', "waiver 1 has no 'id' string"),
    ('{"format": "mtaudit-waivers", "waivers": [{"id": "ab", "code": "MT101", "decision": "maybe"}]}',
     "decision must be one of false-positive, accepted"),
])
def test_bad_waiver_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_waivers(path)


@pytest.mark.slow
def test_cli_bad_waiver_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(CORPORA / "news-sample"), "--out", str(out),
                           "--waivers", str(tmp_path / "missing.json")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2
    assert proc.stderr.startswith("mtaudit: error: ") and "missing.json" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.slow
def test_cli_waivers_are_counted_in_summary_and_report(first_audit, tmp_path: Path) -> None:
    path = waiver_file(tmp_path / "w.json", first_audit.summary.as_dict()["findings"][:1], decision="accepted")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(CORPORA / "news-sample"), "--out", str(out),
                           "--bootstrap", "1", "--waivers", str(path), "-q"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["waivers"]["waived"] == 1 and summary["waivers"]["by_decision"] == {"accepted": 1}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "1 finding(s) suppressed by 1 waiver(s) (1 accepted)" in html


@pytest.mark.parametrize("flag_below", [99.9, 1.0])
def test_waived_rows_are_rescored_under_the_flag_threshold(first_audit, tmp_path: Path, flag_below: float) -> None:
    # a sentence flagged for a major finding; all its findings waived
    row = next(r for r in first_audit.results
               if any(i.severity == "major" for i in r.issues) and all(i.severity != "critical" for i in r.issues))
    key = (row.segment.doc, row.segment.seg)
    path = waiver_file(tmp_path / "w.json", [f for f in first_audit.summary.as_dict()["findings"] if (f["doc"], f["seg"]) == key])
    again = audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=1, waivers=str(path), flag_below=flag_below))
    waived = next(r for r in again.results if (r.segment.doc, r.segment.seg) == key)
    assert waived.issues == [] and 50 <= waived.score < 99.9
    # its score without the findings: under 99.9, and far above 1
    assert (waived.flagged, waived.verdict) == ((True, "review") if flag_below == 99.9 else (False, "ok"))


def test_a_waived_omission_is_rescored(first_audit, tmp_path: Path) -> None:
    """An MT303 row (an empty hypothesis for a reference sentence it omits) stayed 'reject'
    with score 0 and no finding once its MT303 was waived: the empty row kept its penalty."""
    omitted = next(f for f in first_audit.summary.as_dict()["findings"] if f["code"] == "MT303")
    row = next(r for r in first_audit.results if (r.segment.doc, r.segment.seg) == (omitted["doc"], omitted["seg"]))
    assert (row.segment.hyp, row.score, row.verdict) == ("", 0.0, "reject")
    path = waiver_file(tmp_path / "w.json", [omitted], decision="accepted")
    again = audit([CORPORA / "news-sample"], config=AuditConfig(bootstrap=1, waivers=str(path)))
    now = next(r for r in again.results if (r.segment.doc, r.segment.seg) == (omitted["doc"], omitted["seg"]))
    assert [i.code for i in now.waived] == ["MT303"] and now.issues == []
    assert (now.flagged, now.verdict) == (False, "ok") and now.score > 90
    others = [(r.score, r.verdict) for r in again.results if r is not now]
    assert others == [(r.score, r.verdict) for r in first_audit.results if r is not row]
