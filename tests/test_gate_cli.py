"""The gate end to end: exit codes, the printed reasons, config files, JUnit, Markdown, baseline."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from junitparser import Failure, JUnitXml

from mtaudit.cli import cli
from mtaudit.config import AuditConfig, load_config_file
from mtaudit.errors import ConfigError
from tests.conftest import CORPORA

SEGMENTS = CORPORA / "segments"


def invoke(*args: str | Path, cwd: Path | None = None):
    runner = CliRunner()
    argv = [str(a) for a in args]
    if cwd is None:
        return runner.invoke(cli, argv)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(cli, argv)


@pytest.fixture(scope="module")
def clean_batch(tmp_path_factory) -> Path:
    """A small fluent batch with references (the fluent lines of the segments corpus)."""
    folder = tmp_path_factory.mktemp("clean")
    hyp = SEGMENTS.joinpath("ref.txt").read_text(encoding="utf-8").splitlines()[:6]
    folder.joinpath("news.hyp.txt").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    folder.joinpath("news.ref.txt").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    return folder


def audit_segments(tmp_path: Path, *extra: str):
    return invoke("audit", SEGMENTS / "hyp.txt", "--ref", SEGMENTS / "ref.txt", "--src", SEGMENTS / "src.txt",
                  "--segments", "--out", tmp_path / "out", "-q", "--bootstrap", "50",
                  "--metrics", "chrf,chrfpp,bleu,ter", *extra)


def test_clean_batch_passes(clean_batch: Path, tmp_path: Path) -> None:
    result = invoke("audit", clean_batch, "--out", tmp_path / "out", "--bootstrap", "50",
                    "--require", "flagged_rate <= 0.1", "--require", "critical == 0", "--require", "chrf >= 90",
                    "--require", "doc:mean_score >= 90")
    assert result.exit_code == 0, result.output
    assert "gate passed" in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["gate"]["status"] == "passed"


@pytest.mark.parametrize("requirement, reason", [
    ("flagged_rate <= 0.05", "batch: flagged_rate = 0.2, required <= 0.05"),
    ("mean_score >= 99", "batch: mean_score ="),
    ("chrf >= 95", "batch: chrf ="),
    ("ter <= 1", "batch: ter ="),
    ("ter <= 1", "required <= 1"),
    ("major == 0", "batch: major ="),
    ("MT101 == 0", "batch: MT101 = 1, required == 0"),
    ("Accuracy/Mistranslation == 0", "batch: Accuracy/Mistranslation ="),
    ("Fluency/Repetition_rate <= 1%", "batch: Fluency/Repetition_rate ="),
    ("doc:flagged_rate <= 0.1", "document hyp: flagged_rate ="),
])
def test_each_kind_of_threshold_fails(tmp_path: Path, requirement: str, reason: str) -> None:
    result = audit_segments(tmp_path, "--require", requirement)
    assert result.exit_code == 1, result.output
    assert "gate FAILED" in result.output and reason in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["gate"]["status"] == "failed"


def test_invalid_config_file_is_exit_2(tmp_path: Path, clean_batch: Path) -> None:
    (tmp_path / "mtaudit.toml").write_text('ignore = ["MT107"]\nthreshold = 0.2\n', encoding="utf-8")
    result = invoke("audit", clean_batch, "--config", tmp_path / "mtaudit.toml", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown key 'threshold'" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_requirement_is_exit_2(tmp_path: Path, clean_batch: Path) -> None:
    result = invoke("audit", clean_batch, "--require", "flaged_rate < 1", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "unknown gate figure 'flaged_rate'" in result.output


def test_config_file_thresholds_and_cli_override(tmp_path: Path) -> None:
    config = tmp_path / "mtaudit.toml"
    config.write_text('require = ["MT101 == 0"]\nformats = ["csv", "json", "junit"]\nbootstrap = 20\n', encoding="utf-8")
    result = audit_segments(tmp_path, "--config", str(config))
    assert result.exit_code == 1 and "MT101 = 1" in result.output
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["config"]["require"] == ["MT101 == 0"]
    assert summary["config"]["bootstrap"] == 50  # the command line overrides the file
    assert (out / "junit.xml").exists() and not (out / "report.html").exists()
    ignored = audit_segments(tmp_path, "--config", str(config), "--ignore", "MT101,harper:")
    assert ignored.exit_code == 0, ignored.output


def test_flag_below_in_a_config_file(tmp_path: Path) -> None:
    own = tmp_path / "mtaudit.toml"
    own.write_text("flag_below = 90\n", encoding="utf-8")
    assert AuditConfig(**load_config_file(own)).flag_below == 90.0
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.mtaudit]\nflag-below = 92.5\n", encoding="utf-8")
    assert AuditConfig(**load_config_file(pyproject)).flag_below == 92.5


@pytest.mark.parametrize("value, message", [
    ('"x"', "mtaudit.toml: flag_below must be a number, not str"),
    ("true", "mtaudit.toml: flag_below must be a number, not bool"),
    ("0", "flag_below must be a score above 0 and at most 100, not 0"),
    ("150", "flag_below must be a score above 0 and at most 100, not 150"),
])
def test_a_bad_flag_below_in_a_config_file(tmp_path: Path, clean_batch: Path, value: str, message: str) -> None:
    path = tmp_path / "mtaudit.toml"
    path.write_text(f"flag_below = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        AuditConfig(**load_config_file(path))
    result = invoke("audit", clean_batch, "--config", path, "--out", tmp_path / "out")
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists()


def test_flag_below_option_reaches_the_audit_over_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "mtaudit.toml"
    config.write_text("flag_below = 1\n", encoding="utf-8")
    summaries = {}
    for name, extra in (("file", ()), ("option", ("--flag-below", "99.9"))):
        result = invoke("audit", SEGMENTS / "hyp.txt", "--segments", "--grammar", "none", "--format", "csv,json",
                        "-q", "--bootstrap", "1", "--config", config, "--out", tmp_path / name, *extra)
        assert result.exit_code == 0, result.output
        summaries[name] = json.loads((tmp_path / name / "summary.json").read_text(encoding="utf-8"))
    assert summaries["file"]["config"]["flag_below"] == 1.0
    assert summaries["option"]["config"]["flag_below"] == 99.9  # the command line overrides the file
    assert summaries["option"]["counts"]["flagged"] > summaries["file"]["counts"]["flagged"]
    assert set(summaries["option"]["flag_below"].values()) == {99.9}


@pytest.mark.parametrize("value", ["0", "150", "-5", "x"])
def test_a_bad_flag_below_option_is_exit_2(tmp_path: Path, clean_batch: Path, value: str) -> None:
    result = invoke("audit", clean_batch, "--flag-below", value, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "Invalid value for '--flag-below'" in result.output
    assert not (tmp_path / "out").exists()


def test_junit_is_read_by_a_junit_parser(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    markdown = tmp_path / "gate.md"
    result = audit_segments(tmp_path, "--require", "doc:MT101 == 0", "--junit", str(junit), "--markdown", str(markdown))
    assert result.exit_code == 1
    xml = JUnitXml.fromfile(str(junit))
    suites = list(xml)
    assert len(suites) == 1 and suites[0].tests == 2 and suites[0].failures == 1
    cases = {case.name: case for case in suites[0]}
    assert set(cases) == {"batch", "hyp"}
    failures = [r for r in cases["hyp"].result if isinstance(r, Failure)]
    assert failures and "MT101" in failures[0].message and "worst sentences" in failures[0].text
    assert cases["batch"].is_passed
    text = markdown.read_text(encoding="utf-8")
    assert "❌ failed" in text and "document hyp: MT101 = 1, required == 0" in text


def test_gate_command_on_an_existing_summary(tmp_path: Path) -> None:
    assert audit_segments(tmp_path).exit_code == 0
    summary = tmp_path / "out" / "summary.json"
    assert invoke("gate", summary, "--require", "critical == 0").exit_code == 0
    failed = invoke("gate", summary, "--require", "flagged_rate <= 0.01", "--junit", tmp_path / "j.xml")
    assert failed.exit_code == 1 and "flagged_rate" in failed.output
    assert JUnitXml.fromfile(str(tmp_path / "j.xml")).failures == 1
    listing = invoke("gate", "--list")
    for name in ("flagged_rate", "mean_score", "chrf", "bleu", "ter", "critical", "major", "minor", "MT101",
                 "Fluency/Repetition", "doc:<name>"):
        assert name in listing.output


DEGRADE = {  # real MT errors injected into one document
    "The police said the protest was peaceful.": "The police said the the protest was peaceful peaceful peaceful.",
    "Markets reacted calmly to the announcement.": "markets reacted calmly calmly calmly to announcement.",
    "The weather service warned of storms in the north.": "The weather service warned of storms in the north, to renew.",
}


def test_baseline_ratchet(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("hyp", "ref"):
        src = SEGMENTS / f"{name}.txt"
        for doc in ("alpha", "beta"):
            shutil.copy(src, batch / f"{doc}.{name}.txt")
    base = tmp_path / "base"
    assert invoke("audit", batch, "--segments", "--out", base, "-q", "--bootstrap", "20").exit_code == 0
    same = invoke("audit", batch, "--segments", "--out", tmp_path / "same", "-q", "--baseline", base / "summary.json")
    assert same.exit_code == 0, same.output
    beta = batch / "beta.hyp.txt"
    lines = beta.read_text(encoding="utf-8").splitlines()
    beta.write_text("\n".join(DEGRADE.get(l, l) for l in lines) + "\n", encoding="utf-8")
    worse = invoke("audit", batch, "--segments", "--out", tmp_path / "worse", "-q", "--baseline", base)
    assert worse.exit_code == 1
    assert "document beta:" in worse.output and "new finding" in worse.output
    assert "document alpha" not in worse.output
