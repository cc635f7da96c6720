"""Pipes: ``-`` reads stdin (a text document, line input with --segments), ``/dev/stdin`` and
other pipes are read once and kept, ``--out -`` writes one report to stdout and nothing else."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtaudit.cli import cli
from tests.conftest import CORPORA, ROOT

SEGMENTS = CORPORA / "segments"
HYP = SEGMENTS / "hyp.txt"


def shell(command: str) -> subprocess.CompletedProcess[bytes]:
    """``command`` under bash, with the venv's mtaudit first on the PATH."""
    bin_dir = Path(sys.executable).parent
    return subprocess.run(["bash", "-o", "pipefail", "-c", f'PATH="{bin_dir}:$PATH"; {command}'],
                          capture_output=True, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_a_pipe_prints_the_same_csv_as_the_file_based_run(tmp_path: Path) -> None:
    piped = shell("cat corpora/segments/hyp.txt | mtaudit audit - --segments --ref corpora/segments/ref.txt "
                  "--format csv --out -")
    assert piped.returncode == 0, piped.stderr
    filed = shell(f"mtaudit audit corpora/segments/hyp.txt --segments --ref corpora/segments/ref.txt "
                  f"--format csv --out {tmp_path}")
    assert filed.returncode == 0, filed.stderr
    from_file = (tmp_path / "sentences.csv").read_bytes()
    # stdout is the CSV alone; the end-of-run table goes to stderr
    assert piped.stdout.startswith(b'"doc","seg","hypothesis"') and b"20 in 1 document" in piped.stderr
    # the same rows, figures and findings; the document read from stdin is named "stdin", the file "hyp"
    assert piped.stdout.replace(b'\n"stdin",', b'\n"hyp",') == from_file
    assert piped.stdout.count(b'\n"stdin",') == 20
    named = shell("cat corpora/segments/hyp.txt | mtaudit audit - --segments --ref corpora/segments/ref.txt "
                  "--format csv --out - --stdin-name hyp")
    assert named.stdout == from_file  # byte for byte
    # /dev/stdin and process substitution: pipes read once (/dev/stdin was "empty")
    dev = shell("cat corpora/segments/hyp.txt | mtaudit audit /dev/stdin --segments --ref corpora/segments/ref.txt "
                "--format csv --out -")
    assert dev.returncode == 0, dev.stderr
    assert dev.stdout == piped.stdout
    fd = shell("mtaudit audit <(cat corpora/segments/hyp.txt) --segments --ref <(cat corpora/segments/ref.txt) "
               "--format csv --out -")
    assert fd.returncode == 0, fd.stderr
    without_doc = [[row[1:] for row in csv.reader(io.StringIO(p.stdout.decode()))] for p in (fd, piped)]
    assert without_doc[0] == without_doc[1]  # the document is named after the pipe's file (/dev/fd/63: "63")


def invoke(args: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["audit", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_out_dash_writes_one_report_to_stdout() -> None:
    code, out, err = invoke(["-", "--segments", "--grammar", "none", "--out", "-"], HYP.read_bytes())
    assert code == 0, err
    assert out.splitlines()[0].startswith('"doc","seg","hypothesis"')  # the CSV, without --format
    assert len(list(csv.DictReader(io.StringIO(out)))) == 20
    code, out, err = invoke(["-", "--segments", "--grammar", "none", "--out", "-", "--format", "json"], HYP.read_bytes())
    assert code == 0 and json.loads(out)["counts"]["sentences"] == 20
    code, out, err = invoke(["-", "--segments", "--out", "-", "--format", "csv,json"], HYP.read_bytes())
    assert code == 2 and out == ""
    assert err.startswith("mtaudit: error: --out - writes one text report to stdout, not csv, json")


def test_the_gate_still_decides_the_exit_code(tmp_path: Path) -> None:
    code, out, err = invoke([str(HYP), "--segments", "--grammar", "none", "--out", "-",
                             "--require", "flagged_rate <= 0.01", "--junit", str(tmp_path / "junit.xml")])
    assert code == 1 and "gate FAILED" in err and "gate FAILED" not in out
    assert out.startswith('"doc"') and (tmp_path / "junit.xml").exists()


@pytest.mark.parametrize("args, stdin, message", [
    (["-", "--segments"], b"", "mtaudit: error: -: file is empty"),
    (["-"], (ROOT / "tests/data/translation/harbour.xlf").read_bytes(), "mtaudit: error: -: looks like an XLIFF file"),
    (["-", "--segments", "--ref", "-"], b"One.\n", "mtaudit: error: -: stdin can be read only once"),
    (["-", "--stdin-name", "a/b"], b"One.\n", "mtaudit: error: 'a/b' cannot name the document read from stdin"),
])
def test_bad_stdin_is_one_error(args: list[str], stdin: bytes, message: str, tmp_path: Path) -> None:
    code, out, err = invoke([*args, "--out", str(tmp_path / "out")], stdin)
    assert code == 2 and err.startswith(message) and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()
