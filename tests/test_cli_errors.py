"""click's usage errors come out as mtaudit's one line, ``mtaudit: error: …``, exit code 2."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from mtaudit.cli import cli


USAGE_ERRORS = [
    (["audit"], "Missing argument 'PATHS...'. (see 'mtaudit audit --help')"),
    (["audit", "x.txt", "--bogus"], "No such option '--bogus'"),
    (["audit", "x.txt", "--grammar", "foo"], "Invalid value for '--grammar': 'foo' is not one of"),
    (["audit", "x.txt", "--require"], "Option '--require' requires an argument."),
    (["nocmd"], "No such command 'nocmd'. (see 'mtaudit --help')"),
]


def _one_error_line(code: int, stdout: str, stderr: str, message: str) -> None:
    assert code == 2 and stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtaudit: error: ") and message in lines[0], stderr


@pytest.mark.parametrize("args, message", USAGE_ERRORS)
def test_a_usage_error_is_one_line(args: list[str], message: str) -> None:
    """In-process, through the command group the console script calls (as ``mtaudit``)."""
    run = CliRunner().invoke(cli, args, prog_name="mtaudit")
    _one_error_line(run.exit_code, run.stdout, run.stderr, message)


def test_the_console_script_says_a_usage_error_in_one_line() -> None:
    """The real entry point (``python -m mtaudit``): one process start (about 1 s) is enough."""
    args, message = USAGE_ERRORS[0]
    run = subprocess.run([sys.executable, "-m", "mtaudit", *args], capture_output=True, text=True)
    _one_error_line(run.returncode, run.stdout, run.stderr, message)


def test_help_and_version_are_untouched() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["audit", "--help"]).output.startswith("Usage: ")
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and "version" in version.output
