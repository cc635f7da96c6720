"""The Python API as a DataFrame user expects it: ``result.sentences.flagged`` is a boolean
column (``df[df.flagged]`` raised KeyError on the strings 'true'/'false'), scores are floats,
codes and findings lists; sentences.csv keeps its text. Every option of ``mtaudit audit`` has
its place in the API, and the README's table says which."""
from __future__ import annotations

import re
from dataclasses import fields

import pytest

import mtaudit
import mtaudit.api
import mtaudit.config
from mtaudit.cli import audit as audit_command
from mtaudit.config import AuditConfig
from mtaudit.report.csv_report import render_csv
from mtaudit.report.table import table_of
from tests.conftest import CORPORA, ROOT

SEGMENTS = CORPORA / "segments"
DATA = ROOT / "tests" / "data" / "translation"


@pytest.fixture(scope="module")
def result():
    return mtaudit.audit(SEGMENTS / "hyp.txt", ref=SEGMENTS / "ref.txt", src=SEGMENTS / "src.txt",
                         config=AuditConfig(segments=True, bootstrap=1, formats=()))


def test_flagged_is_boolean_scores_floats_codes_lists(result) -> None:
    df = result.sentences
    assert df["flagged"].dtype == bool
    flagged = df[df.flagged]
    assert len(flagged) == result.summary.counts.flagged > 0
    assert df["score"].dtype == float and df["chrf"].dtype == float and df["seg"].dtype == "int64"
    codes = df.loc[flagged.index[0], "issue_codes"]
    assert isinstance(codes, list) and codes and all(isinstance(c, str) for c in codes)
    assert (df["issue_codes"].map(len) <= df["issues"].map(len)).all()
    assert df["issues"].map(len).sum() == result.summary.counts.issues
    assert all(isinstance(i, list) for i in df["issues"])


def test_the_csv_keeps_its_text(result) -> None:
    csv = render_csv(table_of(result.results, result.extra_columns))
    assert ',"true",' in csv and ',"false",' in csv
    row = next(r for r in result.results if r.issues)
    assert " ".join(dict.fromkeys(i.code for i in row.issues)) in csv


def test_translation_file_columns_are_typed() -> None:
    df = mtaudit.audit([DATA / "shop.po", DATA / "harbour.xlf"], config=AuditConfig(grammar="none", bootstrap=1,
                                                                                   formats=())).sentences
    assert df["fuzzy"].dtype == "boolean" and df["line"].dtype == "Int64" and df["plural_form"].dtype == "Int64"
    po = df[df.doc == "shop"]
    assert po[po.fuzzy]["hypothesis"].tolist() == ["To the checkout"]
    assert po["plural_form"].isna().tolist()[:4] == [True, True, False, False]
    assert po["plural_form"].tolist()[2:4] == [0, 1]
    assert df[df.doc != "shop"]["fuzzy"].isna().all()  # XLIFF rows have no such column: missing, not False


def test_every_cli_option_has_its_place_in_the_api() -> None:
    """An option is an AuditConfig field, or a parameter of the API's functions: the README
    table lists each option with its place, and the places exist."""
    from mtaudit.api import audit, audit_to_files
    from mtaudit.execution import Plan

    config = {f.name for f in fields(AuditConfig)}
    parameters = set(audit.__code__.co_varnames) | set(audit_to_files.__code__.co_varnames)
    plan = {f.name for f in fields(Plan)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| `mtaudit audit` option | Python API |"):]
    table = table[: table.index("\n\n")]
    rows = {option: place for options, place in re.findall(r"^\| (.+?) \| (.+?) \|$", table, re.M)[1:]
            for option in re.findall(r"`([^`]+)`", options)}
    for param in audit_command.params:
        flag = "PATH..." if param.name == "paths" else next(o for o in param.opts if o.startswith("--"))
        if param.name == "old_backend" or flag == "--help":
            continue  # the hidden, deprecated --engine
        assert flag in rows, f"{flag} is missing from the README's API table"
        place = rows[flag]
        names = [a or b or c for a, b, c in re.findall(r"AuditConfig\.([a-z_]+)|([a-z_]+)=|([a-z_]+)\(", place)]
        assert names, place
        known = config | parameters | plan | {n for n in dir(mtaudit.config) + dir(mtaudit.api) if not n.startswith("_")}
        assert any(n in known for n in names), (flag, place)
        if param.name in config:
            assert f"AuditConfig.{param.name}" in place or f"{param.name}=" in place, (flag, place)
