"""Line files whose counts differ: the error says where the drift starts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtaudit.read.drift import find_drift
from tests.conftest import CORPORA

SEG = CORPORA / "segments"


def lines(name: str) -> list[str]:
    return (SEG / name).read_text(encoding="utf-8").splitlines()


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_deleted_hypothesis_line_in_the_middle(tmp_path: Path) -> None:
    hyp = lines("hyp.txt")
    hyp_file = write(tmp_path / "hyp.txt", hyp[:6] + hyp[7:])
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", hyp_file, "--ref", SEG / "ref.txt",
                           "--segments", "--out", tmp_path / "out"], capture_output=True, text=True)
    assert proc.returncode == 2
    message = proc.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "hyp.txt has 19 lines but" in message and "ref.txt has 20" in message
    assert "drift apart at line 7" in message
    assert "hyp.txt line 7 matches ref.txt line 8" in message
    assert not (tmp_path / "out").exists()


def test_deleted_reference_line_and_source_side() -> None:
    ref = lines("ref.txt")
    drift = find_drift(lines("hyp.txt"), ref[:12] + ref[13:])
    assert drift is not None and (drift.side, drift.line, drift.resumes) == ("a", 13, (14, 13))
    src = lines("src.txt")  # German source: numbers, names and punctuation still anchor it
    drift = find_drift(lines("hyp.txt"), src[:12] + src[13:])
    assert drift is not None and (drift.side, drift.line) == ("a", 13)


def test_extra_lines_at_the_end() -> None:
    hyp = lines("hyp.txt")
    drift = find_drift(hyp, hyp[:-1])
    assert drift is not None and (drift.side, drift.line, drift.resumes) == ("a", 20, None)
