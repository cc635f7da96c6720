"""Odd shapes of input: each one clear error and exit 2, or a documented behaviour."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def make(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "file is empty"),
    ("spaces.txt", b"   \n\t\n  \n", "file is empty"),
    ("huge.txt", b"x" * 1_048_576, "longer than"),
    ("binary.txt", bytes(range(256)) * 64, "NUL byte"),
    ("binary.bin", bytes(range(256)) * 64, "unknown file type .bin"),
    ("nohyp.tsv", "id\ttext\n1\thello\n", "no hypothesis column"),
    ("dups.csv", "doc,seg,hyp\nd,1,Hello.\nd,1,Bye.\n", "duplicate doc/seg id"),
    ("header.csv", "hyp,ref\n", "no rows"),
    ("ragged.tsv", "hyp\tref\nHello.\tHallo.\textra\n", "more fields than the header"),
])
def test_bad_shapes_exit_2_with_one_line(audit, tmp_path: Path, name: str, data: bytes | str, message: str) -> None:
    run = audit(make(tmp_path, name, data))
    assert run.code == 2
    assert message in run.output
    assert len(run.output.strip().splitlines()) == 1
    assert not run.out.exists()


def test_folder_without_documents(audit, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    make(folder, "notes.md", "no documents here")
    run = audit(folder)
    assert run.code == 2 and "no documents found" in run.output


def test_segments_of_different_lengths(audit, tmp_path: Path) -> None:
    hyp = make(tmp_path, "hyp.txt", "One.\nTwo.\n")
    src = make(tmp_path, "src.txt", "Eins.\n")
    run = audit(hyp, "--src", src, "--segments")
    assert run.code == 2 and "hyp.txt has 2 lines" in run.output and "src.txt has 1" in run.output


def test_whitespace_only_lines_in_segments_are_rows(audit, tmp_path: Path) -> None:
    hyp = make(tmp_path, "hyp.txt", "One.\n   \nThree.\n")
    run = audit(hyp, "--segments", "--grammar", "none")
    assert run.code == 0
    assert [r["hypothesis"] for r in run.rows()] == ["One.", "   ", "Three."]


def test_whitespace_only_lines_in_prose_are_paragraph_breaks(audit, tmp_path: Path) -> None:
    run = audit(make(tmp_path, "doc.txt", "One.\n   \nThree.\n"), "--grammar", "none")
    assert [r["hypothesis"] for r in run.rows()] == ["One.", "Three."]


def test_two_inputs_with_the_same_document_name(audit, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make(tmp_path / "a", "story.txt", "One.")
    second = make(tmp_path / "b", "story.txt", "Two.")
    run = audit(first, second)
    assert run.code == 2 and "'story'" in run.output


@pytest.mark.slow
def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    path = make(tmp_path, "binary.bin", bytes(range(256)))
    proc = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(path), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.startswith("mtaudit: error:") and "Traceback" not in proc.stderr
