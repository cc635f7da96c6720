"""Valid JSON the readers could not survive (issue 21, class 3): lone surrogates, Infinity
and 1e400, NaN, duplicate keys, 5,000-digit integers and deep nesting, in JSONL tables,
waiver files, summaries given to ``gate``, baselines and quality-model files. Each is one
``mtaudit: error:`` line naming the file and the place, exit 2; generated JSON values
through the JSONL reader and the waiver loader end in rows or in that error, nothing else."""
from __future__ import annotations

import json
import os
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtaudit
from mtaudit import jsonio
from mtaudit.api import gate
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.errors import InputError
from mtaudit.checks.waivers import load_waivers

from .test_fuzz import check_outputs

GOLD_SUMMARY = Path(__file__).resolve().parents[1] / "gold" / "segments" / "summary.json"
# (JSON text, what the error names): each is valid JSON to json.loads, and unusable
HOSTILE = {
    "lone surrogate": ('"\\ud800 port"', "lone surrogate \\ud800"),
    "Infinity": ("Infinity", "Infinity is not a finite number"),
    "-Infinity": ("-Infinity", "-Infinity is not a finite number"),
    "NaN": ("NaN", "NaN is not a finite number"),
    "1e400": ("1e400", "1e400 is not a finite number"),
    "5,000 digits": ("9" * 5000, "invalid JSON"),
    "deep nesting": ("[" * 40_000 + "]" * 40_000, "nested deeper"),
    "nesting past the limit": ("[" * 70 + "1" + "]" * 70, "nested more than 64 deep"),
}
SETTINGS = settings(max_examples=int(os.environ.get("MTAUDIT_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ANY_CHAR = st.characters(blacklist_categories=())  # surrogates too
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(ANY_CHAR, max_size=12))
VALUE = st.recursive(SCALAR, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
    st.text(ANY_CHAR, max_size=6), kids, max_size=3), max_leaves=12)
ROW = st.fixed_dictionaries({"hyp": st.one_of(st.text(max_size=40), VALUE)},
                            optional={"seg": VALUE, "doc": VALUE, "ref": VALUE, "note": VALUE})


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def one_error_line(code: int, output: str, *names: str) -> None:
    assert code == 2, output
    assert output.startswith("mtaudit: error: ") and output.count("\n") == 1 and "Traceback" not in output, output
    for name in names:
        assert name in output, output


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_values_in_a_jsonl_table(case: str, tmp_path: Path) -> None:
    text, named = HOSTILE[case]
    table = tmp_path / "t.jsonl"
    table.write_text('{"hyp": "The port reopened."}\n{"hyp": "Fine.", "seg": %s}\n' % text, encoding="utf-8")
    one_error_line(*run("audit", str(table), "--out", str(tmp_path / "o"), "-q", "--grammar", "none"),
                   "t.jsonl:2", named)
    assert not (tmp_path / "o").exists()


def test_the_error_names_the_place_in_a_row(tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text('{"hyp": "A.", "note": {"tags": ["x", 1e400]}}\n{"hyp": "B.", "hyp": "C."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl:1: .*note\.tags\[1\]: 1e400 is not a finite number"):
        mtaudit.audit([table], config=AuditConfig(grammar="none"))
    table.write_text('{"hyp": "B.", "hyp": "C."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl:1: .*the key 'hyp' appears twice"):
        mtaudit.audit([table], config=AuditConfig(grammar="none"))
    table.write_text('["The port reopened."]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl:1: .*expected an object, found a list"):
        mtaudit.audit([table], config=AuditConfig(grammar="none"))


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_values_in_a_waiver_file(case: str, tmp_path: Path) -> None:
    text, named = HOSTILE[case]
    waivers = tmp_path / "w.json"
    waivers.write_text('{"format": "mtaudit-waivers", "waivers": [{"id": "abc", "code": "MT101", "start": %s}]}'
                       % text, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened.\n", encoding="utf-8")
    one_error_line(*run("audit", str(doc), "--waivers", str(waivers), "--out", str(tmp_path / "o"), "-q",
                        "--grammar", "none"), "w.json", named)


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("where", ["flagged_rate", "counts.sentences", "findings[0].doc", "documents[0].metrics.chrf"])
def test_hostile_values_in_a_summary_given_to_gate_or_as_baseline(case: str, where: str, tmp_path: Path) -> None:
    text, named = HOSTILE[case]
    summary = json.loads(GOLD_SUMMARY.read_text(encoding="utf-8"))
    summary["findings"] = summary["findings"] or [{"doc": "d", "id": "x", "code": "MT101", "seg": 1}]
    marker = "@@HOSTILE@@"
    node, *path = where.replace("[0]", ".0").split(".")
    parent = summary
    for key in [node, *path][:-1]:
        parent = parent[int(key)] if key.isdigit() else parent[key]
    last = [node, *path][-1]
    parent[int(last) if last.isdigit() else last] = marker
    bad = tmp_path / "summary.json"
    bad.write_text(json.dumps(summary).replace(f'"{marker}"', text), encoding="utf-8")
    one_error_line(*run("gate", str(bad), "--require", "flagged_rate <= 0.5"), "summary.json", named)
    good = tmp_path / "good"
    good.mkdir()
    (good / "summary.json").write_text(GOLD_SUMMARY.read_text(encoding="utf-8"), encoding="utf-8")
    one_error_line(*run("gate", str(good / "summary.json"), "--baseline", str(bad)), "summary.json", named)


def test_a_summary_of_the_wrong_shape_names_the_place(tmp_path: Path) -> None:
    summary = json.loads(GOLD_SUMMARY.read_text(encoding="utf-8"))
    summary["documents"][0]["tallies"]["code"]["MT101"] = [1, 2, 3]
    bad = tmp_path / "summary.json"
    bad.write_text(json.dumps(summary), encoding="utf-8")
    with pytest.raises(InputError, match=r"documents\[0\]\.tallies\.code\.MT101: expected \[issues, sentences\]"):
        gate(bad, ["doc:MT101 == 0"])
    summary["counts"]["sentences"] = "62"
    bad.write_text(json.dumps(summary), encoding="utf-8")
    with pytest.raises(InputError, match=r"counts\.sentences: expected a whole number"):
        gate(bad, ["sentences >= 1"])


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_values_in_a_quality_model_file(case: str, tmp_path: Path) -> None:
    text, named = HOSTILE[case]
    model = json.loads((Path(mtaudit.__file__).parent / "data" / "quality.json").read_text(encoding="utf-8"))
    model["models"]["reference"]["intercept"] = "@@HOSTILE@@"
    bad = tmp_path / "quality.json"
    bad.write_text(json.dumps(model).replace('"@@HOSTILE@@"', text), encoding="utf-8")
    config = tmp_path / "mtaudit.toml"
    config.write_text(f'quality_model = "{bad}"\n', encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("The port reopened.\n", encoding="utf-8")
    one_error_line(*run("audit", str(doc), "--config", str(config), "--out", str(tmp_path / "o"), "-q",
                        "--grammar", "none"), "quality.json", named)


@SETTINGS
@given(st.lists(st.one_of(ROW, VALUE), min_size=1, max_size=5))
def test_generated_json_values_through_the_jsonl_reader(rows: list) -> None:
    """Any JSON value on a line (NaN, Infinity and lone surrogates included, as json.dumps
    writes them) is read into rows whose reports write, or is one InputError."""
    with TemporaryDirectory() as tmp:
        table = Path(tmp) / "t.jsonl"
        table.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        try:
            result = mtaudit.audit([table], config=AuditConfig(grammar="none", bootstrap=1))
        except InputError as exc:
            assert str(exc).startswith(str(table)), exc
            return
        check_outputs(result)
        for r in result.results:
            r.segment.hyp.encode("utf-8")  # strict: no lone surrogate reached the rows


@SETTINGS
@given(st.one_of(VALUE, st.lists(VALUE, max_size=3).map(lambda w: {"format": "mtaudit-waivers", "waivers": w}),
                 st.lists(st.fixed_dictionaries({"id": VALUE, "code": VALUE}, optional={"decision": VALUE}),
                          max_size=3).map(lambda w: {"format": "mtaudit-waivers", "version": 1, "waivers": w})))
def test_generated_json_values_through_the_waiver_loader(value) -> None:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        try:
            waivers = load_waivers(path)
        except InputError as exc:
            assert str(exc).startswith(str(path)), exc
            return
        json.dumps(waivers.summary(), allow_nan=False).encode("utf-8")


@SETTINGS
@given(VALUE)
def test_strict_reading_returns_only_what_writes_back_as_json(value) -> None:
    """What ``jsonio.loads`` accepts writes back as strict JSON and UTF-8; all else is an
    InputError naming the source."""
    try:
        read = jsonio.loads(json.dumps(value), "value.json")
    except InputError as exc:
        assert str(exc).startswith("value.json: "), exc
        return
    json.dumps(read, allow_nan=False, ensure_ascii=False).encode("utf-8")
    assert read == value
