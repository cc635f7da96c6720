"""Configuration holes (issue 21, class 11): ``options`` in a config file is checked against
the tunables the checks read (``@check(tunables=...)``), with their types; ``bootstrap``
and ``encoding`` are checked as the command line checks them. Each is exit 2, one line."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtaudit.checks import REGISTRY
from mtaudit.cli import cli

RESOURCE_PATHS = {"glossary", "dictionary"}  # top-level settings the checks find in ``options`` too
READS = re.compile(r"options\b[^\n]*?\.get\(\s*[\"'](\w+)[\"']")


def test_every_option_a_check_reads_is_declared_with_its_type_and_only_those() -> None:
    for code, check in REGISTRY.items():
        read = set(READS.findall(inspect.getsource(check.func))) - RESOURCE_PATHS
        assert read == set(check.tunables), f"{code} reads {sorted(read)}, declares {sorted(check.tunables)}"
    assert {name for c in REGISTRY.values() for name in c.tunables} == {"min_zipf", "max_pmi"}


def audit_with(tmp_path: Path, toml: str, *args: str) -> tuple[int, str]:
    (tmp_path / "mtaudit.toml").write_text(toml, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened on Monday. The mandataries were paid.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(doc), "--config", str(tmp_path / "mtaudit.toml"), "--grammar",
                                      "none", "-q", "--out", str(tmp_path / "out"), "--format", "json", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("toml, named", [
    ("options = { min_zip = 1.0 }\n", "unknown key 'min_zip'; the checks read max_pmi (MT114), min_zipf (MT107)"),
    ("options = { glossary = 'terms.csv' }\n", "unknown key 'glossary'"),
    ('options = { min_zipf = "high" }\n', "min_zipf (read by MT107) must be a finite number, not 'high'"),
    ("options = { min_zipf = true }\n", "min_zipf (read by MT107) must be a finite number, not True"),
    ("options = { max_pmi = inf }\n", "max_pmi (read by MT114) must be a finite number, not inf"),
    ("options = { max_pmi = nan }\n", "max_pmi (read by MT114) must be a finite number"),
    ("bootstrap = 0\n", "bootstrap must be a whole number from 1 to 100,000, not 0"),
    ("bootstrap = 100001\n", "bootstrap must be a whole number from 1 to 100,000"),
    ('encoding = "rot13"\n', "'rot13' is not a text encoding"),
    ('encoding = "no-such-codec"\n', "'no-such-codec' is not a text encoding"),
])
def test_a_configuration_hole_is_one_usage_error(tmp_path: Path, toml: str, named: str) -> None:
    code, output = audit_with(tmp_path, toml)
    assert code == 2 and output.startswith("mtaudit: error: ") and output.count("\n") == 1, output
    assert named in output, output
    assert not (tmp_path / "out").exists()


def test_encoding_on_the_command_line_is_checked_too(tmp_path: Path) -> None:
    code, output = audit_with(tmp_path, "", "--encoding", "rot13")
    assert code == 2 and "'rot13' is not a text encoding" in output and "Traceback" not in output


def test_declared_tunables_reach_the_checks(tmp_path: Path) -> None:
    import json

    audit_with(tmp_path, "bootstrap = 1\n")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["issues_by_code"]["MT107"]["count"] == 1  # "mandataries"
    code, output = audit_with(tmp_path, "options = { min_zipf = 0 }\nbootstrap = 1\n")  # no word is rarer
    assert code == 0, output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["config"]["options"] == {"min_zipf": 0} and "MT107" not in summary["issues_by_code"]
