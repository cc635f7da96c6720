"""A gate never passes on a typo: an unknown check code, MQM category or engine rule in a
requirement, or a --select/--ignore/severity code that names no check, is exit 2 with the
nearest names (they used to count 0 findings, or switch every check off, and pass)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mtaudit.checks.known import check_config
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from mtaudit.gate import parse_requirement
from tests.conftest import CORPORA

HYP = CORPORA / "segments" / "hyp.txt"


@pytest.mark.parametrize("requirement, message", [
    ("MT999 == 0", "unknown check code 'MT999'"),
    ("Acuracy/Untranslated == 0", "unknown MQM category 'Acuracy/Untranslated' in 'Acuracy/Untranslated == 0' "
                                  "(did you mean Accuracy/Untranslated or"),
    ("harper:Spelcheck == 0", "unknown Harper rule 'Spelcheck' in 'harper:Spelcheck == 0' (did you mean harper:SpellCheck?)"),
    ("doc:MT1O1_rate <= 0.1", "unknown gate figure 'MT1O1_rate' in 'doc:MT1O1_rate <= 0.1' (did you mean MT101_rate"),
    ("lt:en_a_vs_an == 0", "is not a LanguageTool rule id (capitals, digits and underscores, such as "
                           "lt:EN_A_VS_AN) (did you mean lt:EN_A_VS_AN?)"),
    ("langtool:X == 0", "unknown grammar engine 'langtool'"),
    ("flaged_rate <= 0.2", "unknown gate figure 'flaged_rate' in 'flaged_rate <= 0.2' (did you mean flagged_rate"),
])
def test_a_requirement_naming_nothing_is_an_error_with_a_suggestion(requirement: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_requirement(requirement)
    assert message in str(err.value)


@pytest.mark.parametrize("requirement", [
    "MT101 == 0", "MT208_rate < 0.1", "Accuracy/Omission == 0", "Fluency/Spelling_rate <= 0.5",
    "harper:SpellCheck == 0", "doc:harper:RepeatedWords <= 1", "lt:EN_A_VS_AN == 0", "engine-error == 0",
    "major_rate < 0.5", "chrfpp >= 50"])
def test_every_name_mtaudit_knows_is_accepted(requirement: str) -> None:
    parse_requirement(requirement)


@pytest.mark.parametrize("config, message", [
    (AuditConfig(select=("MT10l",)), "select 'MT10l' matches no check (did you mean MT101 or MT102 or MT103?)"),
    (AuditConfig(ignore=("mt1",)), "ignore 'mt1' matches no check (did you mean MT1?)"),
    (AuditConfig(ignore=("harper:Spel", "harper:Speling")), "ignore 'harper:Speling' matches no Harper rule"),
    (AuditConfig(select=("lt:typos",)), "select 'lt:typos' is not a LanguageTool rule id"),
    (AuditConfig(select=("harpr:",)), "unknown grammar engine 'harpr' (did you mean harper?)"),
    (AuditConfig(severity={"MT99": "minor"}), "unknown check code 'MT99' in severity 'MT99'"),
])
def test_select_ignore_and_severity_codes_must_match_a_check(config: AuditConfig, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        check_config(config)
    assert message in str(err.value)


def test_prefixes_that_match_are_accepted() -> None:
    check_config(AuditConfig(select=("MT1", "MT2", "harper:", "lt:", "harper:Spell", "lt:EN_A"),
                             ignore=("MT107", "engine-error"), severity={"MT105": "major", "harper:SpellCheck": "major"}))


@pytest.mark.parametrize("args", [
    ["--require", "MT999 == 0"], ["--require", "Acuracy/Untranslated == 0"], ["--require", "harper:Spelcheck == 0"],
    ["--select", "MT10l"]])
def test_the_gate_typos_exit_2_before_any_work(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(HYP), "--segments", "--out", str(out), *args])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("mtaudit: error: ") and "did you mean" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_gating_a_summary_checks_the_names_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["audit", str(HYP), "--segments", "--out", str(out), "--format", "json",
                               "--grammar", "none"]).exit_code == 0
    result = runner.invoke(cli, ["gate", str(out / "summary.json"), "--require", "MT999 == 0"])
    assert result.exit_code == 2 and "unknown check code 'MT999'" in result.output
    assert runner.invoke(cli, ["gate", str(out / "summary.json"), "--require", "MT101 == 0"]).exit_code in (0, 1)
