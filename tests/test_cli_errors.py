"""click's usage errors come out as mtaudit's one line, ``mtaudit: error: …``, exit code 2."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from mtaudit.cli import cli


@pytest.mark.parametrize("args, message", [
    (["audit"], "Missing argument 'PATHS...'. (see 'mtaudit audit --help')"),
    (["audit", "x.txt", "--bogus"], "No such option '--bogus'"),
    (["audit", "x.txt", "--grammar", "foo"], "Invalid value for '--grammar': 'foo' is not one of"),
    (["audit", "x.txt", "--require"], "Option '--require' requires an argument."),
    (["nocmd"], "No such command 'nocmd'. (see 'mtaudit --help')"),
])
def test_a_usage_error_is_one_line(args: list[str], message: str) -> None:
    run = subprocess.run([sys.executable, "-m", "mtaudit", *args], capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtaudit: error: ") and message in lines[0], run.stderr


def test_help_and_version_are_untouched() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["audit", "--help"]).output.startswith("Usage: ")
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and "version" in version.output
