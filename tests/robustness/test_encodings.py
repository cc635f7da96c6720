"""Encodings and line ends: what mtaudit reads, and one clear error for what it cannot."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

TEXT = "The port reopened on Monday.\nCafé owners in Zürich protested. The mayor spoke.\n"
SENTENCES = ["The port reopened on Monday.", "Café owners in Zürich protested.", "The mayor spoke."]


@pytest.mark.parametrize("name, data", [
    ("utf8.txt", TEXT.encode("utf-8")),
    ("bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("utf16.txt", TEXT.encode("utf-16")),                       # with BOM
    ("utf16be.txt", b"\xfe\xff" + TEXT.encode("utf-16-be")),
    ("crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("cr.txt", TEXT.replace("\n", "\r").encode("utf-8")),
    ("nfd.txt", unicodedata.normalize("NFD", TEXT).encode("utf-8")),
])
def test_readable_encodings_give_the_same_rows(audit, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run = audit(path, "--grammar", "none")
    assert run.code == 0, run.output
    assert [r["hypothesis"] for r in run.rows()] == SENTENCES  # NFC, no BOM, no CR


def test_invalid_utf8_names_file_and_offset(audit, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich".encode("latin-1"))
    run = audit(path)
    assert run.code == 2
    assert "latin1.txt" in run.output and "byte offset 1" in run.output
    assert not run.out.exists()


def test_invalid_utf8_with_errors_replace(audit, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich voted.".encode("latin-1"))
    run = audit(path, "--errors", "replace", "--grammar", "none")
    assert run.code == 0
    assert run.rows()[0]["hypothesis"] == "Z\ufffdrich voted."


def test_explicit_encoding(audit, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich voted.".encode("latin-1"))
    run = audit(path, "--encoding", "latin-1", "--grammar", "none")
    assert run.code == 0 and run.rows()[0]["hypothesis"] == "Zürich voted."


def test_nul_bytes_are_an_error_with_offset(audit, tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"The port\x00 reopened.")
    run = audit(path)
    assert run.code == 2 and "NUL byte at byte offset 8" in run.output


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2066", "\ufeff"])
def test_zero_width_and_bidi_characters_are_reported(audit, tmp_path: Path, char: str) -> None:
    path = tmp_path / "hidden.txt"
    path.write_text(f"Pay the invoice to account{char} 0987 today.", encoding="utf-8")
    run = audit(path, "--grammar", "none")
    assert run.code == 0
    (row,) = run.rows()
    assert "MT130" in row["issue_codes"].split()
