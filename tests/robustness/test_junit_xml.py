"""junit.xml stays well-formed whatever the input holds (issue 21, class 10, the JUnit part):
C0 control characters in a document name or a sentence used to reach the file raw, and
expat and lxml rejected it. They are shown as control pictures (U+2400 + code)."""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from mtaudit.cli import cli
from mtaudit.report.junit_report import render_junit
from mtaudit.results import Summary

GOLD_SUMMARY = Path(__file__).resolve().parents[1] / "gold" / "segments" / "summary.json"
CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"


def parsed(xml: str) -> list[ElementTree.Element]:
    """The test cases, read by expat (ElementTree) and, where installed, by lxml."""
    root = ElementTree.fromstring(xml.encode("utf-8"))
    lxml = pytest.importorskip("lxml.etree")
    assert lxml.fromstring(xml.encode("utf-8")).tag == "testsuites"
    return root.findall(".//testcase")


def test_every_character_xml_cannot_hold_becomes_visible() -> None:
    gold = json.loads(GOLD_SUMMARY.read_text(encoding="utf-8"))
    summary = {**gold, "batch": f"b{CONTROLS}", "documents": [{**gold["documents"][0], "doc": f"d{CONTROLS}", "worst": [
                   {"seg": 1, "score": 50.0, "issue_codes": ["MT101"], "hypothesis": f"The{CONTROLS} the port."}]}],
               "gate": {"status": "failed", "requirements": ["doc:MT101 == 0"], "breaches": [
                   {"requirement": "doc:MT101 == 0", "scope": f"d{CONTROLS}", "value": 1,
                    "message": f"document d{CONTROLS}: MT101 = 1"}]}}
    xml = render_junit(Summary.from_dict(summary))
    cases = parsed(xml)
    assert [c.get("name") for c in cases] == ["batch", "d" + "".join(chr(0x2400 + ord(c)) for c in CONTROLS[:-2]) + "\ufffd\ufffd"]
    failure = cases[1].find("failure")
    assert "␀␁" in failure.get("message") and "The␀␁" in failure.text and "\t" not in failure.get("message")


def test_the_cli_writes_well_formed_junit_for_a_hostile_table(tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    rows = [{"doc": "news\x01\x1b[31m", "hyp": "The the port reopened\x0b on Monday\x07."},
            {"doc": "news\x01\x1b[31m", "hyp": "The mayor spoke."},
            {"doc": "clean", "hyp": "The council met."}]
    table.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    junit = tmp_path / "junit.xml"
    result = CliRunner().invoke(cli, ["audit", str(table), "--grammar", "none", "-q", "--out", str(tmp_path / "o"),
                                      "--require", "doc:MT101 == 0", "--junit", str(junit), "--format", "json,junit"])
    assert result.exit_code == 1, result.output
    for xml in (junit.read_text(encoding="utf-8"), (tmp_path / "o" / "junit.xml").read_text(encoding="utf-8")):
        names = {c.get("name"): c for c in parsed(xml)}
        assert set(names) == {"batch", "news␁␛[31m", "clean"}
        assert "The the port reopened␋ on Monday␇." in names["news␁␛[31m"].find("failure").text
