"""compare keeps the sentences one system lacks (issue 21, class 12): an outer join on (doc,
seg) with the missing side's row empty and marked, metrics and paired tests on the sentences
every system has, ``unmatched`` per system in comparison.json, and every output copes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import mtaudit
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.report.compare_html import page_data
from mtaudit.report.table import parse_issues
from mtaudit.terminal import compare_table
from tests.conftest import CORPORA

SEG = CORPORA / "segments"
CONFIG = AuditConfig(segments=True, grammar="none", bootstrap=50)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_twenty_lines_against_fifteen_keeps_all_twenty(tmp_path: Path) -> None:
    """The issue's example: no reference, 20 lines against 15 (was ``sentences: 15``)."""
    hyps = lines(SEG / "hyp.txt")[:20]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    b.write_text("\n".join(h.replace("the", "a") for h in hyps[:15]) + "\n", encoding="utf-8")
    out = tmp_path / "cmp"
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--segments", "--grammar", "none", "--bootstrap",
                                      "2", "--out", str(out), "--format", "csv,json,html,xlsx"])
    assert result.exit_code == 0, result.output
    with open(out / "sentences.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["system"], r["seg"], r["missing"]) for r in rows] == (
        [("a", str(k), "false") for k in range(1, 21)] + [("b", str(k), "false") for k in range(1, 16)]
        + [("b", str(k), "true") for k in range(16, 21)])
    for r in rows[-5:]:  # the missing side: empty but for its place
        assert {k for k, v in r.items() if v} == {"system", "doc", "seg", "missing"}
    assert all(r["hypothesis"] and r["score"] and r["verdict"] for r in rows[:35])
    report = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert report["sentences"] == 20 and report["matched_sentences"] == 15
    assert report["unmatched"] == {"a": 0, "b": 5}
    assert [(s["system"], s["sentences"]) for s in report["systems"]] == [("a", 20), ("b", 15)]
    tallies = {s["system"]: sum(s["issues_by_category"].values()) for s in report["systems"]}
    in_rows = {name: sum(len(parse_issues(r["issues"])) for r in rows if r["system"] == name) for name in "ab"}
    assert tallies == in_rows and tallies["a"] > 0  # the tallies count the rows the table holds
    flagged_a = sum(r["flagged"] == "true" for r in rows[:20])
    assert report["systems"][0]["flagged_rate"] == pytest.approx(flagged_a / 20, abs=1e-6)  # on its own 20
    page = (out / "compare.html").read_text(encoding="utf-8")
    assert "b lacks 5" in page
    sheet = openpyxl.load_workbook(out / "compare.xlsx")["sentences"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    verdicts = [(v[header.index("system")], v[header.index("verdict")]) for v in values]
    assert verdicts.count(("b", "missing")) == 5 and ("a", "missing") not in verdicts
    assert "b lacks 5" in result.output  # the terminal table's note


def test_metrics_and_paired_tests_use_only_the_shared_sentences(tmp_path: Path) -> None:
    """With a reference: system B lacks rows 5-6 and has a row 9 that A lacks; the corpus
    metrics and tests equal those of the four sentences both have, compared alone."""
    hyps, refs = lines(SEG / "hyp.txt"), lines(SEG / "ref.txt")

    def table(path: Path, segs: list[int], change: bool) -> Path:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["doc", "seg", "hyp", "ref"])
            for k in segs:
                w.writerow(["news", k, hyps[k].replace(" the ", " a ") if change else hyps[k], refs[k]])
        return path

    a = table(tmp_path / "a.csv", [1, 2, 3, 4, 5, 6], False)
    b = table(tmp_path / "b.csv", [1, 2, 3, 4, 9], True)
    both = mtaudit.compare([a, b], config=CONFIG, ar_trials=200)
    alone = mtaudit.compare([table(tmp_path / "a4.csv", [1, 2, 3, 4], False),
                             table(tmp_path / "b4.csv", [1, 2, 3, 4], True)], names=["a", "b"], config=CONFIG,
                            ar_trials=200)
    assert both.report["unmatched"] == {"a": 1, "b": 2}
    assert both.report["sentences"] == 7 and both.report["matched_sentences"] == 4
    assert both.report["shared_reference_sentences"] == 4
    assert both.tests.drop(columns=["bootstrap_p", "ar_p", "significant"]).equals(
        alone.tests.drop(columns=["bootstrap_p", "ar_p", "significant"]))
    table_ = both.sentences
    assert table_[["system", "seg", "missing"]].values.tolist() == [
        ["a", 1, "false"], ["a", 2, "false"], ["a", 3, "false"], ["a", 4, "false"], ["a", 5, "false"],
        ["a", 6, "false"], ["a", 9, "true"],
        ["b", 1, "false"], ["b", 2, "false"], ["b", 3, "false"], ["b", 4, "false"], ["b", 5, "true"],
        ["b", 6, "true"], ["b", 9, "false"]]
    lone = table_[(table_["seg"].isin([5, 6, 9])) & (table_["missing"] == "false")]
    assert lone["consensus_chrf"].isna().all() and (lone["best"] == "false").all()  # nothing to agree with
    assert lone["score"].notna().all() and lone["verdict"].isin(["ok", "review", "reject"]).all()
    shared = table_[table_["seg"].isin([1, 2, 3, 4])]
    assert shared["consensus_chrf"].notna().all()
    # the page and the terminal: the lone rows are shown, the missing ones marked, no best among one
    data = page_data(both.view)
    rows = {r[1]: r[5] for r in data["rows"]}
    verdict, best = data["translationFields"].index("verdict"), data["translationFields"].index("best")
    assert [t[verdict] for t in rows["9"]][0] == "missing" and [t[verdict] for t in rows["5"]][1] == "missing"
    assert not any(t[best] for k in ("5", "6", "9") for t in rows[k])
    assert sum(t[best] for k in ("1", "2", "3", "4") for t in rows[k]) <= 4
    assert [f.sentences for f in both.view.systems] == [6, 5]
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200)
    compare_table(both, [], console)
    assert "a lacks 1, b lacks 2" in console.file.getvalue()


def test_three_systems_one_lacking_a_sentence(tmp_path: Path) -> None:
    hyps = lines(SEG / "hyp.txt")[:6]
    paths = []
    for name, keep in (("a", hyps), ("b", [h.replace("the", "a") for h in hyps]), ("c", hyps[:4])):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text("\n".join(keep) + "\n", encoding="utf-8")
    result = mtaudit.compare(paths, config=CONFIG, ar_trials=100)
    assert result.report["unmatched"] == {"a": 0, "b": 0, "c": 2}
    t = result.sentences
    five = t[t["seg"] == 5]
    assert five["missing"].tolist() == ["false", "false", "true"]
    assert five["consensus_chrf"].notna().tolist() == [True, True, False]  # a and b still agree with each other
    assert (t.groupby("seg")["best"].apply(lambda b: (b == "true").sum()) == 1).all()
    view = result.view
    assert [tr.missing for tr in view.sentences[4].translations] == [False, False, True]
    assert sum(tr.best for tr in view.sentences[4].translations) <= 1
