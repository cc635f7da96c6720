"""``mtaudit compare``: systems matched by doc and seg, significance from sacrebleu, consensus."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import sacrebleu
from click.testing import CliRunner

import mtaudit
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.score.quality import MODEL_FILE
from mtaudit.report.table import parse_issues
from tests.conftest import CORPORA

SEG = CORPORA / "segments"
CONFIG = AuditConfig(segments=True, grammar="none", bootstrap=200)


def degraded(tmp_path: Path) -> Path:
    """A worse system: every fourth word dropped from hyp.txt, and the first line turned
    into something a spreadsheet would run as a formula."""
    lines = (SEG / "hyp.txt").read_text(encoding="utf-8").splitlines()
    worse = [" ".join(w for k, w in enumerate(line.split()) if k % 4 != 1) for line in lines]
    worse[0] = "-" + worse[0]
    path = tmp_path / "degraded.txt"
    path.write_text("\n".join(worse) + "\n", encoding="utf-8")
    return path


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mtaudit", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_systems(tmp_path_factory) -> tuple[list[Path], mtaudit.Comparison]:
    """The sample and its degraded copy, and their comparison under the shipped models
    (computed once: the tests only read it)."""
    inputs = [SEG / "hyp.txt", degraded(tmp_path_factory.mktemp("systems"))]
    return inputs, mtaudit.compare(inputs, ref=SEG / "ref.txt", config=CONFIG)


def test_degraded_system_is_significantly_worse(two_systems) -> None:
    (_, worse), result = two_systems
    hyps = (SEG / "hyp.txt").read_text(encoding="utf-8").splitlines()
    refs = (SEG / "ref.txt").read_text(encoding="utf-8").splitlines()
    bad = worse.read_text(encoding="utf-8").splitlines()
    tests = result.tests.set_index("metric")
    assert tests.loc["chrf", "baseline"] == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score, abs=1e-4)
    assert tests.loc["chrf", "score"] == pytest.approx(sacrebleu.corpus_chrf(bad, [refs]).score, abs=1e-4)
    assert tests.loc["ter", "score"] == pytest.approx(sacrebleu.corpus_ter(bad, [refs]).score, abs=1e-4)
    assert tests["significant"].all() and (tests["ar_p"] < 0.05).all() and (tests["bootstrap_p"] < 0.05).all()
    assert tests.loc["chrf", "delta"] < 0 < tests.loc["ter", "delta"]
    table = result.sentences
    assert list(table.columns[:3]) == ["system", "doc", "seg"]
    assert table["system"].tolist() == ["hyp"] * len(hyps) + ["degraded"] * len(hyps)
    assert {"consensus_chrf", "best", "chrf_delta", "chrfpp"} <= set(table.columns)
    first = table[table["seg"] == 1]  # consensus: each output's chrF against the other's
    assert first["consensus_chrf"].tolist() == pytest.approx(
        [sacrebleu.sentence_chrf(hyps[0], [bad[0]]).score, sacrebleu.sentence_chrf(bad[0], [hyps[0]]).score], abs=0.01)
    assert (table.groupby("seg")["best"].apply(lambda b: (b == "true").sum()) == 1).all()
    deltas = result.report["deltas"]["degraded"]
    worst = deltas["most_worse"]
    assert 0 < len(worst) <= 10 and [w["chrf_delta"] for w in worst] == sorted(w["chrf_delta"] for w in worst)
    assert deltas["metrics"]["chrf"] == pytest.approx(tests.loc["chrf", "delta"], abs=1e-3)
    assert "flagged_rate" in deltas and isinstance(deltas["issues_by_category"], dict)


def test_system_against_itself_is_not_significant() -> None:
    result = mtaudit.compare([SEG / "hyp.txt", SEG / "hyp.txt"], names=["a", "b"], ref=SEG / "ref.txt",
                             config=CONFIG)
    assert not result.tests["significant"].any()
    assert (result.tests["delta"] == 0).all() and (result.tests["ar_p"] == 1.0).all()
    assert result.report["deltas"]["b"]["most_worse"] == [] == result.report["deltas"]["b"]["most_better"]


@pytest.mark.slow
def test_cli_writes_both_files_and_reads_audit_folders(tmp_path: Path) -> None:
    worse = degraded(tmp_path)
    proc = run("compare", SEG / "hyp.txt", worse, "--ref", SEG / "ref.txt", "--segments", "--grammar", "none",
               "--bootstrap", "200", "--out", tmp_path / "cmp")
    assert proc.returncode == 0, proc.stderr
    assert "degraded vs hyp: chrf" in proc.stdout and "significant" in proc.stdout
    rows = pd.read_csv(tmp_path / "cmp" / "sentences.csv", dtype=str, keep_default_na=False)
    assert rows.columns[0] == "system" and rows.loc[20, "hypothesis"].startswith("'-")
    report = json.loads((tmp_path / "cmp" / "comparison.json").read_text(encoding="utf-8"))
    assert report["format_version"] == 1 and [s["system"] for s in report["systems"]] == ["hyp", "degraded"]
    for name, path in (("hyp", SEG / "hyp.txt"), ("degraded", worse)):  # the same from audit folders
        proc = run("audit", path, "--ref", SEG / "ref.txt", "--segments", "--grammar", "none",
                   "--format", "csv,json,sentences", "--out", tmp_path / name)
        assert proc.returncode == 0, proc.stderr
    again = mtaudit.compare([tmp_path / "hyp", tmp_path / "degraded"], config=CONFIG)
    assert again.report["tests"] == report["tests"]
    assert again.sentences["hypothesis"].tolist() == \
        pd.read_csv(tmp_path / "cmp" / "sentences.csv", keep_default_na=False)["hypothesis"].str.lstrip("'").tolist()


@pytest.mark.slow
@pytest.mark.parametrize("args", [("one.txt",), ("a.txt", "b.txt", "--names", "x"), ("a.txt", "missing.txt")])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "compare", *args, "--segments", "--grammar", "none"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("mtaudit: error:")


def test_compare_scores_with_the_configured_quality_model(two_systems, tmp_path: Path) -> None:
    inputs, shipped = two_systems[0], two_systems[1].sentences
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["models"]["multi_system"]["intercept"] += 0.5  # every estimate higher: lower scores
    model = tmp_path / "quality.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    refit = mtaudit.compare(inputs, ref=SEG / "ref.txt", config=replace(CONFIG, quality_model=str(model))).sentences
    assert (refit["score"] <= shipped["score"]).all() and (refit["score"] < shipped["score"]).any()


def test_compare_flags_under_the_configured_flag_below(two_systems) -> None:
    inputs, shipped = two_systems[0], two_systems[1].sentences
    comparison = mtaudit.compare(inputs, ref=SEG / "ref.txt", config=replace(CONFIG, flag_below=99.9))
    assert comparison.report["flag_below"] == 99.9
    strict = comparison.sentences
    assert strict["score"].tolist() == shipped["score"].tolist()
    before, after = shipped["flagged"] == "true", strict["flagged"] == "true"
    assert (after | ~before).all() and (after & ~before).any()  # more flagged, none unflagged
    lenient = mtaudit.compare(inputs, ref=SEG / "ref.txt", config=replace(CONFIG, flag_below=1.0)).sentences
    # comparing systems, only a critical finding flags whatever the score (a major one weighs in it)
    severe = [any(i.severity == "critical" for i in parse_issues(x)) for x in lenient["issues"]]
    assert ((lenient["flagged"] == "true") == (pd.Series(severe) | (lenient["score"] < 50))).all()


@pytest.mark.slow
def test_cli_flag_below_reaches_the_comparison(two_systems, tmp_path: Path) -> None:
    inputs, shipped = two_systems[0], two_systems[1].sentences
    args = ["compare", *map(str, inputs), "--ref", str(SEG / "ref.txt"), "--segments", "--grammar", "none",
            "--bootstrap", "200"]
    result = CliRunner().invoke(cli, [*args, "--flag-below", "99.9", "--out", str(tmp_path / "cmp")])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(tmp_path / "cmp" / "sentences.csv", dtype=str, keep_default_na=False)
    assert (rows["flagged"] == "true").sum() > (shipped["flagged"] == "true").sum()
    for bad in ("0", "150", "x"):
        result = CliRunner().invoke(cli, [*args, "--flag-below", bad])
        assert result.exit_code == 2 and "Invalid value for '--flag-below'" in result.output


@pytest.mark.parametrize("files, expected", [
    (["ref.A.jsonl", "GPT4.v2.jsonl"], ["ref.A", "GPT4.v2"]),
    (["sys.v1.jsonl", "sys.v2.jsonl"], ["sys.v1", "sys.v2"]),  # no clash: only the extension goes
    (["online-b.hyp.txt", "nllb.hyp.txt"], ["online-b", "nllb"]),
    (["a.TSV", "b.csv", "c.txt", "d.json"], ["a", "b", "c", "d.json"]),  # .json is not read as a table
])
def test_systems_are_named_by_file_less_the_extension_read(tmp_path: Path, files: list[str], expected: list[str]) -> None:
    from mtaudit.read.names import system_names

    paths = [tmp_path / f for f in files]
    for p in paths:
        p.write_text("x\n", encoding="utf-8")
    assert system_names(paths) == expected


def test_same_file_names_are_named_by_their_folders(tmp_path: Path) -> None:
    from mtaudit.read.names import system_names

    paths = [tmp_path / "A" / "hyp.txt", tmp_path / "B" / "hyp.txt"]
    for p in paths:
        p.parent.mkdir()
        p.write_text("x\n", encoding="utf-8")
    assert system_names(paths) == ["A", "B"]
    (tmp_path / "A" / "sys.v1").mkdir()
    assert system_names([tmp_path / "A" / "sys.v1", tmp_path / "B"]) == ["sys.v1", "B"]  # folders keep their dots


def test_consensus_weighs_each_system_by_its_coverage_of_the_sources(tmp_path: Path) -> None:
    # Three systems translate the same 125 Chinese sentences; one drops the second clause of
    # each, so it covers less of the batch's sources and its vote in the agreement counts less.
    from mtaudit.measure.consensus import consensus, trust
    from tests.test_measure_length import BATCH

    pairs = BATCH * (125 // len(BATCH) + 1)
    variants = {"full": lambda h: h, "casual": lambda h: h.replace(" will ", " is going to ", 1),
                "dropped": lambda h: h.split(".")[0] + "."}
    inputs = []
    for name, change in variants.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"doc": "d", "seg": k + 1, "hyp": change(h), "src": s}, ensure_ascii=False)
                                + "\n" for k, (s, h) in enumerate(pairs)), encoding="utf-8")
        inputs.append(path)
    result = mtaudit.compare(inputs, config=AuditConfig(grammar="none", bootstrap=1))
    table = result.sentences
    coverage = [table.loc[table["system"] == n, "src_coverage"].mean() for n in variants]
    assert coverage[2] < min(coverage[:2]) - 0.1
    weights = trust([r.features["batch_coverage"] for r in (result.results[0], result.results[len(pairs)],
                                                            result.results[2 * len(pairs)])])
    assert weights[2] == 0.1 and min(weights[:2]) > 0.5
    assert [r["consensus_weight"] for r in result.report["systems"]] == [round(w, 4) for w in weights]
    first = [table.loc[table["system"] == n, "hypothesis"].iloc[0] for n in variants]
    got = [table.loc[table["system"] == n, "consensus_chrf"].iloc[0] for n in variants]
    assert got == [round(v, 2) for v in consensus(first, weights)]
    assert got[0] > round(consensus(first)[0], 2)  # the dropped version pulls the full one down less


NUMBERS = [("消防员从燃烧的大楼中疏散了210名居民。", ["Firefighters evacuated 210 residents from the burning building.",
                                            "Firefighters evacuated 210 residents from the burning tower block.",
                                            "210 residents were evacuated from the burning building by firefighters.",
                                            "Firefighters evacuated 120 residents from the burning building."]),
           ("暴风雨周一在沿海省份造成12人死亡。", ["The storm killed 12 people in the coastal province on Monday.",
                                          "On Monday the storm killed 12 people in the coastal province.",
                                          "Twelve people died in the storm in the coastal province on Monday.",
                                          "The storm killed people in the coastal province on Monday."]),
           ("会议将于下周举行。", ["The meeting will be held next week.", "The meeting will take place next week.",
                               "The meeting is to be held next week.", "Next week the meeting will be held."])]


def test_a_number_that_departs_from_the_other_systems_is_a_finding_that_leaves_the_score(tmp_path: Path) -> None:
    inputs = []
    for k, name in enumerate("ABCD"):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"doc": "d", "seg": n + 1, "hyp": hyps[k], "src": src}, ensure_ascii=False)
                                + "\n" for n, (src, hyps) in enumerate(NUMBERS)), encoding="utf-8")
        inputs.append(path)
    found = mtaudit.compare(inputs, config=AuditConfig(grammar="none", bootstrap=1))
    table = found.sentences
    codes = {(s, n): str(c).split() for s, n, c in zip(table["system"], table["seg"], table["issue_codes"])}
    assert [key for key, c in codes.items() if "MT501" in c] == [("D", 1), ("D", 2)]
    swapped = next(i for i in found.results[9].issues if i.code == "MT501")  # D's first sentence
    assert (NUMBERS[0][1][3][swapped.start:swapped.end], swapped.suggestion) == ("120", "210")
    assert "“12” is in 3 of the other 3 translations" in table.loc[(table["system"] == "D") & (table["seg"] == 2), "issues"].iloc[0]
    assert [r["departures"] for r in found.report["systems"]] == [0, 0, 0, 2]
    without = mtaudit.compare(inputs, config=AuditConfig(grammar="none", bootstrap=1, ignore=("MT501",)))
    assert not without.sentences["issue_codes"].str.contains("MT501").any()
    assert without.sentences["score"].tolist() == table["score"].tolist()  # a candidate for the reviewer, not a weight
