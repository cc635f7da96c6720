"""report.xlsx opened with openpyxl: every sentence a row, flagged rows shaded, the header
frozen and filtered, the summary on its own sheet, and no cell a formula."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is a dev dependency (pip install -e '.[dev]')")

from mtaudit.api import audit_to_files  # noqa: E402
from mtaudit.config import AuditConfig  # noqa: E402
from mtaudit.report.table import parse_issues  # noqa: E402
from mtaudit.report.xlsx_report import SHADES  # noqa: E402
from mtaudit.score.scorer import Scorer  # noqa: E402
from tests.conftest import CORPORA  # noqa: E402

ATTACK = "=cmd|' /C calc'!A0"
HOSTILE = [ATTACK, "+1+1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> tuple[Path, list[dict[str, str]]]:
    """corpora/table/sample.tsv plus rows whose sentence and carried column are formulas."""
    folder = tmp_path_factory.mktemp("xlsx")
    table = folder / "batch.tsv"
    shutil.copy(CORPORA / "table" / "sample.tsv", table)
    with open(table, "a", encoding="utf-8") as f:
        for n, text in enumerate(HOSTILE):
            f.write(f"X{n}\t{text}\tThe council met on Monday.\t\t{text}\n")
    out = folder / "out"
    audit_to_files([table], None, None, config=AuditConfig(bootstrap=10, formats=("csv", "xlsx")), out=out)
    with open(out / "sentences.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return out / "report.xlsx", rows


def cells(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def test_every_sentence_is_a_row_and_flagged_rows_are_shaded(workbook) -> None:
    path, rows = workbook
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["sentences", "summary"]
    sheet = book["sentences"]
    found = cells(sheet)
    assert len(found) == len(rows) == 15
    assert [(c["doc"].value, str(c["seg"].value), c["hypothesis"].value or "") for c in found] == [
        (r["doc"], r["seg"], r["hypothesis"].lstrip("'") if r["hypothesis"][1:2] in "=+-@" else r["hypothesis"])
        for r in rows]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}16"
    flagged = 0
    for c, r in zip(found, rows):
        assert c["verdict"].value == r["verdict"] and c["score"].value == float(r["score"])
        fills = {cell.fill.fgColor.rgb for cell in c.values()}
        if r["flagged"] == "true":
            flagged += 1
            assert fills == {"FF" + SHADES[r["verdict"]].lstrip("#").upper()}, (r["seg"], fills)
            assert c["reason"].value  # the verdict's reason is named
        else:
            assert all(cell.fill.fill_type is None for cell in c.values())
    assert 0 < flagged < len(rows)


def test_no_cell_is_a_formula(workbook) -> None:
    book = openpyxl.load_workbook(workbook[0])
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell)
    attack = [c for c in texts if c.value == ATTACK]
    assert len(attack) == 2  # the sentence and the carried-through column
    assert all(c.data_type == "s" and c.quotePrefix for c in attack)  # text, and stays text when edited
    for text in HOSTILE:
        assert any(c.value == text for c in texts)


def test_summary_sheet_and_findings(workbook) -> None:
    book = openpyxl.load_workbook(workbook[0])
    figures = {row[0]: row[1:] for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert figures["sentences"][0] == 15 and figures["batch"][0] == "batch"
    assert figures["flag line (reference)"][0] == Scorer.from_config(AuditConfig()).thresholds()["reference"]
    chrf = figures["chrf (corpus)"]
    assert chrf[1] <= chrf[0] <= chrf[2] and chrf[3].startswith("nrefs:1")
    found = cells(book["sentences"])
    counts = [len(parse_issues(r["issues"])) for r in workbook[1]]
    assert any(n > 1 for n in counts)  # a finding a line
    assert [len(c["findings"].value.split("\n")) if c["findings"].value else 0 for c in found] == counts
    assert "client" in [c.value for c in book["sentences"][1]]


def test_flag_line_follows_flag_below(tmp_path: Path) -> None:
    out = tmp_path / "out"
    audit_to_files([CORPORA / "table" / "sample.tsv"], None, None,
              config=AuditConfig(bootstrap=10, formats=("xlsx",), flag_below=97.5), out=out)
    found = cells(openpyxl.load_workbook(out / "report.xlsx")["sentences"])
    assert {c["flag_line"].value for c in found} == {"< 97.50"}
    by_score = [c for c in found if c["verdict"].value == "review" and "< 97.50" in (c["reason"].value or "")]
    assert by_score and all(c["score"].value < 97.5 for c in by_score)
    assert all(c["score"].value >= 97.5 for c in found if c["verdict"].value == "ok")
