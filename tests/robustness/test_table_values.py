"""Class 4 (issue 21): no table value disappears. Each odd shape is an error naming the file,
row and column, or a documented rule that keeps the value (README, *Inputs*: tables).

Hypothesis generates table shapes and JSON values: every value written comes back, in
``sentences.csv`` or in the error."""
from __future__ import annotations

import csv
import json
import string
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtaudit.errors import InputError
from mtaudit.read import read_batch
from mtaudit.report.table import COLUMNS, extra_headers


def make(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def documents(path: Path) -> list:
    batch = read_batch([path])
    docs: list = []
    batch.scan(lambda: docs.append)
    return docs


@pytest.mark.parametrize("name, text, message", [
    ("dup.csv", "hyp,note,note\nA cat.,first,second\n",
     "dup.csv: header: column 'note' appears twice (columns 2 and 3)"),
    ("duphyp.tsv", "hyp\tref\thyp\nA cat.\tA cat.\tB\n", "column 'hyp' appears twice (columns 1 and 3)"),
    ("short.csv", "hyp,ref,note\nA cat.,A cat.,x\nA dog.,A dog.\n",
     "short.csv: row 2 has fewer fields than the header (2 of 3; no 'note')"),
    ("short.tsv", "hyp\tref\nA cat.\n", "row 1 has fewer fields than the header (1 of 2; no 'ref')"),
    ("float.jsonl", '{"hyp": "A.", "seg": 1.9}\n', "float.jsonl: row 1: column 'seg' must be a whole number, not 1.9"),
    ("bool.jsonl", '{"hyp": "A.", "seg": true}\n', "row 1: column 'seg' must be a whole number, not true"),
    ("text.csv", "hyp,seg\nA.,1.0\n", "row 1: column 'seg' must be a whole number, not 1.0"),
    ("under.csv", "hyp,seg\nA.,1_000\n", "must be a whole number, not 1_000"),
    ("list.jsonl", '{"hyp": ["a", "b"]}\n', "list.jsonl: row 1: column 'hyp' must be text, not [\"a\", \"b\"]"),
    ("obj.jsonl", '{"hyp": "A.", "ref": {"x": 1}}\n', "row 1: column 'ref' must be text, not {\"x\": 1}"),
    ("boolsrc.jsonl", '{"hyp": "A.", "src": false}\n', "row 1: column 'src' must be text, not false"),
    ("docs.jsonl", '{"hyp": "A.", "doc": [1]}\n', "row 1: column 'doc' must be a name, not [1]"),
    ("noref.jsonl", '{"hyp": "A.", "ref": "A."}\n{"hyp": "B."}\n',
     "noref.jsonl: row 2: no 'ref' (the first row has it; use null for no text)"),
    ("nohyp.jsonl", '{"hyp": "A."}\n{"target": "B."}\n', "row 2: no 'hyp'"),
    ("lateref.jsonl", '{"hyp": "A."}\n{"hyp": "B.", "reference": "B."}\n',
     "row 2: column 'reference' is missing from the first row"),
])
def test_a_value_that_would_be_lost_is_an_error(audit, tmp_path: Path, name: str, text: str, message: str) -> None:
    run = audit(make(tmp_path, name, text))
    assert run.code == 2 and message in run.output, run.output
    assert len(run.output.strip().splitlines()) == 1
    assert not run.out.exists()


def test_json_values_are_carried_as_json_and_late_keys_kept(audit, tmp_path: Path) -> None:
    rows = [{"hyp": "A cat.", "doc": 0, "seg": 2.0, "tags": ["a", "b"], "ok": True},
            {"hyp": 42, "doc": 0, "seg": "3", "tags": None, "ok": False, "late": {"k": "é"}, "n": 1.5}]
    path = make(tmp_path, "t.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    run = audit(path)
    assert run.code == 0, run.output
    got = run.rows()
    assert [(r["doc"], r["seg"], r["hypothesis"]) for r in got] == [("0", "2", "A cat."), ("0", "3", "42")]
    assert [r["tags"] for r in got] == ['["a", "b"]', ""]
    assert [r["ok"] for r in got] == ["true", "false"]
    assert [r["late"] for r in got] == ["", '{"k": "é"}'] and [r["n"] for r in got] == ["", "1.5"]
    assert list(got[0])[len(COLUMNS):] == ["tags", "ok", "late", "n"]


def test_doc_zero_and_false_are_names(tmp_path: Path) -> None:
    path = make(tmp_path, "d.jsonl", '{"hyp": "A.", "doc": 0}\n{"hyp": "B.", "doc": false}\n{"hyp": "C.", "doc": ""}\n')
    assert [d.name for d in documents(path)] == ["0", "false", "d"]


def test_an_unused_alias_is_carried_not_dropped(audit, tmp_path: Path) -> None:
    run = audit(make(tmp_path, "a.csv", "hyp,target,ref,reference,src,source\nA cat.,T,R1,R2,S1,S2\n"))
    assert run.code == 0, run.output
    [row] = run.rows()
    assert (row["hypothesis"], row["reference"], row["source"]) == ("A cat.", "R1", "S1")
    assert (row["target"], row["input_reference"], row["input_source"]) == ("T", "R2", "S2")


def test_carried_columns_named_like_outputs_never_collide(audit, tmp_path: Path) -> None:
    run = audit(make(tmp_path, "c.csv", "hyp,score,input_score,input_input_score,flagged\nA cat.,s1,s2,s3,f\n"))
    assert run.code == 0, run.output
    [row] = run.rows()
    assert (row["input_input_input_score"], row["input_score"], row["input_input_score"], row["input_flagged"]) \
        == ("s1", "s2", "s3", "f")
    assert float(row["score"]) >= 0


@given(st.lists(st.sampled_from([*COLUMNS, "input_score", "input_input_score", "x", "input_x", "seg"]),
                unique=True, max_size=8))
def test_extra_headers_are_unique_and_map_back(columns: list[str]) -> None:
    headers = extra_headers(columns)
    assert sorted(headers.values()) == sorted(columns)  # every column has a header
    assert not set(headers) & set(COLUMNS)  # none takes an output column's place


NAMES = st.text(string.ascii_lowercase + "_", min_size=1, max_size=6).filter(
    lambda n: n not in ("hyp", "doc", "seg", "ref", "reference", "src", "source", "hypothesis", "target", "mt"))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(NAMES, VALUES, max_size=4), min_size=1, max_size=6))
def test_jsonl_values_all_come_back(rows: list[dict]) -> None:
    """Any JSON values in carried columns, keys coming and going between rows: each row's
    meta holds every key it had, its value as the cell the reader documents."""
    with TemporaryDirectory() as tmp:
        lines = [json.dumps({"hyp": f"Row {k}.", **r}) for k, r in enumerate(rows)]
        path = make(Path(tmp), "t.jsonl", "\n".join(lines) + "\n")
        try:
            [doc] = documents(path)
        except InputError as exc:  # only a string with a lone surrogate (not UTF-8) may be refused
            assert "surrogate" in str(exc) or "not valid UTF-8" in str(exc), exc
            return
    for meta, row in zip(doc.meta, rows):
        assert set(meta) == set(row)
        for key, value in row.items():
            assert meta[key] == ("" if value is None else value if isinstance(value, str)
                                 else json.dumps(value, ensure_ascii=False))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(["hyp", "ref", "note", "x", "hyp2"]), min_size=1, max_size=5),
       widths=st.lists(st.integers(0, 7), min_size=1, max_size=5), tsv=st.booleans())
def test_a_table_shape_is_read_whole_or_refused(header: list[str], widths: list[int], tsv: bool) -> None:
    """Any header (duplicates too) and rows of any width: either every cell is in a row's
    hypothesis, reference or meta, or the read fails with one InputError naming the file."""
    sep = "\t" if tsv else ","
    body = [[f"c{r}{k}" for k in range(w)] for r, w in enumerate(widths)]
    with TemporaryDirectory() as tmp:
        path = make(Path(tmp), "t.tsv" if tsv else "t.csv", "\n".join(sep.join(r) for r in [header, *body]) + "\n")
        try:
            docs = documents(path)
        except InputError as exc:
            assert str(exc).startswith(str(path)) or "fewer" in str(exc) or "more" in str(exc), exc
            return
    written = {cell for r in body for cell in r}
    kept = {v for d in docs for v in [*d.hyp, *(d.ref or []), *(v for m in d.meta for v in m.values())]}
    assert written <= kept, written - kept
    assert len(set(header)) == len(header) and all(len(r) in (0, len(header)) for r in body)


def test_a_short_row_in_a_folder_table_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    make(folder, "a.tsv", "hyp\tref\nA.\tA.\nB.\n")
    with pytest.raises(InputError, match=r"a\.tsv: row 2 has fewer fields than the header"):
        documents(folder)


def test_a_csv_that_round_trips_through_sentences_csv(audit, tmp_path: Path) -> None:
    """Every carried value comes back in sentences.csv under its column, byte for byte."""
    source = [{"hyp": "A cat.", "note": "=1+1", "id": "007", "empty": ""},
              {"hyp": "A dog.", "note": "x, \"y\"\nz", "id": "08", "empty": " "}]
    path = tmp_path / "in.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(source[0]))
        writer.writeheader()
        writer.writerows(source)
    run = audit(path)
    assert run.code == 0
    from mtaudit.report.csv_report import restore
    got = [{k: restore(row[k]) for k in ("note", "id", "empty")} for row in run.rows()]
    assert got == [{k: r[k] for k in ("note", "id", "empty")} for r in source]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["hyp", "ref", "src", "doc", "seg"]), VALUES)
def test_any_json_value_in_a_text_doc_or_seg_column_is_kept_or_refused(column: str, value: object) -> None:
    """A JSON value where text, a name or a number belongs: read as documented, or one
    InputError naming the file, the row and the column — never truncated, renamed or repr'd."""
    row = {"hyp": "A cat.", "ref": "A cat.", "src": "Eine Katze.", column: value}
    with TemporaryDirectory() as tmp:
        path = make(Path(tmp), "t.jsonl", json.dumps(row) + "\n")
        try:
            [doc] = documents(path)
        except InputError as exc:
            assert f"t.jsonl: row 1: column {column!r} must be" in str(exc) or "surrogate" in str(exc) \
                or "not valid UTF-8" in str(exc), exc
            return
    cell = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if column == "seg":
        assert doc.segs == [1 if value in (None, "") else int(value)]
        assert not isinstance(value, bool) and (not isinstance(value, float) or value.is_integer())
    elif column == "doc":
        assert doc.name == (cell or "t")
    else:
        assert {"hyp": doc.hyp, "ref": doc.ref, "src": doc.src}[column] == [cell]
        assert not isinstance(value, (bool, list, dict))


def test_a_blank_line_is_no_row_and_a_quoted_empty_cell_is_one(tmp_path: Path) -> None:
    [doc] = documents(make(tmp_path, "one.csv", 'hyp\nA.\n""\n\nB.\n'))
    assert doc.hyp == ["A.", "", "B."] and doc.segs == [1, 2, 3]
