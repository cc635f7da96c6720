"""Run the CLI in-process and read what it wrote."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtaudit.cli import cli


@dataclass
class Run:
    code: int
    output: str
    out: Path

    def rows(self) -> list[dict[str, str]]:
        with open(self.out / "sentences.csv", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def summary(self) -> dict:
        return json.loads((self.out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def audit(tmp_path: Path):
    """audit(*args) runs `mtaudit audit ARGS --out tmp/out -q` and returns a Run."""
    def run(*args: str | Path, out: Path | None = None) -> Run:
        out = out or tmp_path / "out"
        result = CliRunner().invoke(cli, ["audit", *map(str, args), "--out", str(out), "-q",
                                          "--format", "csv,json", "--bootstrap", "1"])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.output, out)
    return run
