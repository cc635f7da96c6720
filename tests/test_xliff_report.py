"""Annotated XLIFF out: flagged units marked for review, findings as notes, and nothing
else in the file changed — read back by the same reader, diffed line by line."""
from __future__ import annotations

import csv
import difflib
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from mtaudit.cli import cli
from mtaudit.model import Issue, Segment, SegmentResult
from mtaudit.read.xliff import parse_xliff
from mtaudit.report.xliff_report import UnitAudit, annotate_xliff, unit_audits, write_annotated_xliff

DATA = Path(__file__).parent / "data" / "translation"
MT205 = Issue("MT205", "Accuracy/Mistranslation", "major", 0, 0, 'source code(s) missing: <x id="2"/>')
MT101 = Issue("MT101", "Fluency/Repetition", "minor", 4, 8, "repeated word “city”", "city")


def audit(hyp: str, flagged: bool, *issues: Issue, verdict: str = "review", score: float = 80.0) -> UnitAudit:
    return UnitAudit(hyp, flagged, verdict if flagged else "ok", score, issues)


def only_states_and_notes(before: str, after: str) -> list[str]:
    """The added note lines, after checking that every other changed line differs from
    its original only in a state/subState attribute."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        (removed if line.startswith("- ") else added if line.startswith("+ ") else []).append(line[2:])
    notes = [a for a in added if re.fullmatch(r"\s*(<note [^>]*>.*</note>|</?notes>)", a)]
    state = re.compile(r' (?:state|subState)="[^"]*"')
    changed = [a for a in added if a not in notes]
    assert [state.sub("", a) for a in changed] == [state.sub("", r) for r in removed]
    return notes


def test_xliff_12_flagged_units_need_review_and_findings_are_notes(tmp_path: Path) -> None:
    audits = {("harbour-strike.html", 3): audit("Details can be found at www.hamburg.de/hafen.", True, MT205),
              ("harbour-strike.html", 5): audit("", True, verdict="reject", score=0.0),   # no <target>
              ("harbour-strike.html", 6): audit("", True, verdict="reject", score=0.0),   # empty <target>
              ("river-flood.html", 2): audit("The city city closed the riverbank.", False, MT101)}
    out = tmp_path / "harbour.xlf"
    write_annotated_xliff(DATA / "harbour.xlf", out, audits)
    before, after = (DATA / "harbour.xlf").read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    notes = only_states_and_notes(before, after)
    assert len(notes) == 5 and all('from="mtaudit"' in n for n in notes)
    # Read back by the same reader: the same rows, the states changed where flagged.
    old, new = parse_xliff(DATA / "harbour.xlf"), parse_xliff(out)
    assert [(r.doc, r.seg, r.unit_id, r.source, r.target) for r in new.rows] == \
           [(r.doc, r.seg, r.unit_id, r.source, r.target) for r in old.rows]
    states = {r.unit_id: r.state for r in new.rows}
    assert (states["p2"], states["p3"], states["p4"], states["title"], states["q1"]) == (
        "needs-review-translation", "", "needs-translation", "translated", "needs-review-translation")
    p2 = next(r.unit for r in new.rows if r.unit_id == "p2")
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert [n.text for n in p2.findall("x:note", ns)] == [
        "mtaudit: needs review (score 80.0, review)", 'MT205 major: source code(s) missing: <x id="2"/>']
    assert [n.get("priority") for n in p2.findall("x:note", ns)] == ["2", "2"]
    river = next(r.unit for r in new.rows if r.doc == "river-flood.html" and r.seg == 2)
    assert river.find("x:target", ns).get("state") == "translated"  # not flagged: a note, no state change
    assert river.find("x:note", ns).text == "MT101 minor: repeated word “city” (at “city”) → city"
    # The unit's own note stays, ours follow it; annotating again replaces ours: the same file.
    q1 = next(r.unit for r in new.rows if r.unit_id == "q1")
    assert [n.get("from") for n in q1.findall("x:note", ns)] == ["editor"]
    assert annotate_xliff(out, audits) == out.read_bytes()


def test_xliff_20_segments_translated_with_substate_and_notes_before_segments(tmp_path: Path) -> None:
    audits = {("shop/checkout.json", 3): audit("Shipping is free.", True, MT205),
              ("shop/checkout.json", 4): audit("", True, verdict="reject", score=0.0),
              ("f2", 7): audit("Thank you for visiting!", True)}
    out = tmp_path / "app.xlf"
    write_annotated_xliff(DATA / "app-strings.xlf", out, audits)
    before, after = (DATA / "app-strings.xlf").read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert len(only_states_and_notes(before, after)) == 2 + 1 + 3 + 2  # notes lines and their containers
    new = parse_xliff(out)
    seg = {r.unit_id: r.segment for r in new.rows}
    assert (seg["cart.items::s2"].get("state"), seg["cart.items::s2"].get("subState")) == ("translated", "mtaudit:needs-review")
    assert (seg["7"].get("state"), seg["7"].get("subState")) == ("translated", "mtaudit:needs-review")  # was reviewed
    assert (seg["cart.empty"].get("state"), seg["cart.empty"].get("subState")) == ("initial", "mtaudit:no-translation")
    assert seg["cart.items::s1"].get("state") == "translated" and seg["cart.items::s1"].get("subState") is None
    q = "{urn:oasis:names:tc:xliff:document:2.0}"
    items = seg["cart.items::s1"].getparent()
    # The schema's order: notes, then originalData, then the segments.
    assert [etree.QName(c).localname for c in items if isinstance(c.tag, str)][:3] == ["notes", "originalData", "segment"]
    assert [n.text for n in items.iter(f"{q}note")] == [
        "segment s2: mtaudit: needs review (score 80.0, review)",
        'segment s2: MT205 major: source code(s) missing: <x id="2"/>']
    empty = seg["cart.empty"].getparent()  # a unit with notes of its own: ours join them
    assert [(n.get("category"), n.text) for n in empty.iter(f"{q}note")] == [
        ("context", "Shown when the cart has nothing in it."), ("mtaudit", "mtaudit: no translation")]
    assert annotate_xliff(out, audits) == out.read_bytes()
    # Notes of a run whose units are now clean go, with the <notes> they alone filled.
    cleaned = annotate_xliff(out, {}).decode("utf-8")
    assert "mtaudit:" not in re.sub(r'subState="mtaudit:[^"]*"', "", cleaned)
    assert only_states_and_notes(before, cleaned) == []


def test_everything_else_keeps_its_bytes(tmp_path: Path) -> None:
    """Single quotes, attribute order, a comment, CDATA, character references, no
    indentation and UTF-16: all as they were; only the state and the note are new."""
    text = ("<?xml version='1.0' encoding='UTF-16'?>\n<!-- exported -->\n<xliff version='1.2' "
            "xmlns='urn:oasis:names:tc:xliff:document:1.2'><file original='a' source-language='de'><body>"
            "<trans-unit id='1'><source>Gr&#252;&#223;e <![CDATA[<b>]]></source><target state='final'>Greetings</target>"
            "</trans-unit><trans-unit id='2'><source>Ja</source><target/></trans-unit></body></file></xliff>\n")
    path = tmp_path / "wide.xlf"
    path.write_bytes(text.encode("utf-16"))
    audits = {("a", 1): audit("Greetings", True, MT101), ("a", 2): audit("", True, verdict="reject", score=0.0)}
    after = annotate_xliff(path, audits)
    assert after.startswith(b"\xff\xfe")  # UTF-16 with its byte-order mark, as it came
    note = ('<note from="mtaudit" annotates="target" priority="{}">{}</note>')
    expected = (text.replace("<target state='final'>", "<target state=\"needs-review-translation\">")
                .replace("<target/>", '<target state="needs-translation"/>')
                .replace("</target></trans-unit><trans-unit", "</target>"
                         + note.format(2, "mtaudit: needs review (score 80.0, review)")
                         + note.format(5, "MT101 minor: repeated word “city” (at “ting”) → city")
                         + "</trans-unit><trans-unit")
                .replace("<target state=\"needs-translation\"/></trans-unit>", "<target state=\"needs-translation\"/>"
                         + note.format(1, "mtaudit: no translation") + "</trans-unit>"))
    assert after.decode("utf-16") == expected


def test_unit_audits_from_results() -> None:
    seg = Segment("harbour-strike.html", 3, "Details can be found.", None, "Details unter.", {"unit_id": "p2"})
    result = SegmentResult(seg, [MT205], {}, 82.5, True, "review")
    assert unit_audits([result]) == {("harbour-strike.html", 3): UnitAudit("Details can be found.", True, "review",
                                                                           82.5, (MT205,))}


def test_format_xliff_writes_each_xliff_input_back_annotated(tmp_path: Path) -> None:
    """The whole way: audit two XLIFF files and a PO file, --format xliff writes the two
    XLIFF files into --out, read back by the same reader: the same units and text, flagged
    units needing review, the findings beside them; nothing else changed."""
    out = tmp_path / "out"
    args = ["audit", str(DATA / "harbour.xlf"), str(DATA / "app-strings.xlf"), str(DATA / "shop.po"),
            "--format", "xliff,csv", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["app-strings.xlf", "harbour.xlf", "sentences.csv"]
    rows = {(r["doc"], int(r["seg"])): r for r in csv.DictReader(open(out / "sentences.csv", encoding="utf-8"))}
    for name, label in (("harbour.xlf", "harbour"), ("app-strings.xlf", "app-strings")):
        before, after = parse_xliff(DATA / name, label), parse_xliff(out / name, label)
        assert [(r.doc, r.seg, r.source, r.target) for r in after.rows] == [
            (r.doc, r.seg, r.source, r.target) for r in before.rows]
        notes = only_states_and_notes((DATA / name).read_text(encoding="utf-8"), (out / name).read_text(encoding="utf-8"))
        assert notes
        for old, new in zip(before.rows, after.rows):
            flagged = rows[(new.doc, new.seg)]["flagged"] == "true"
            assert _state(after, new) == (_flagged_state(after, new) if flagged else _state(before, old)), new.unit_id
    harbour = (out / "harbour.xlf").read_text(encoding="utf-8")
    assert 'MT205 major: source code(s) missing: &lt;x id="2"/&gt;</note>' in harbour
    assert harbour.count("MT208 major: no translation") == 2
    # annotating the annotated file again gives the same bytes
    again = tmp_path / "again"
    assert CliRunner().invoke(cli, ["audit", str(out / "harbour.xlf"), "--format", "xliff", "--out",
                                    str(again)]).exit_code == 0
    single = tmp_path / "single"
    assert CliRunner().invoke(cli, ["audit", str(DATA / "harbour.xlf"), "--format", "xliff", "--out",
                                    str(single)]).exit_code == 0
    assert (again / "harbour.xlf").read_bytes() == (single / "harbour.xlf").read_bytes()


def test_format_xliff_needs_an_xliff_input_and_never_overwrites_one(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["audit", str(DATA / "shop.po"), "--format", "xliff", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--format xliff writes the batch's XLIFF files back annotated, and it has none" in result.output
    assert not (tmp_path / "o").exists()
    shutil.copy(DATA / "harbour.xlf", tmp_path / "harbour.xlf")
    result = runner.invoke(cli, ["audit", str(tmp_path / "harbour.xlf"), "--format", "xliff", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "would write over this input" in result.output
    assert (tmp_path / "harbour.xlf").read_bytes() == (DATA / "harbour.xlf").read_bytes()
    (tmp_path / "b").mkdir()
    shutil.copy(DATA / "harbour.xlf", tmp_path / "b" / "harbour.xlf")
    result = runner.invoke(cli, ["audit", str(tmp_path / "harbour.xlf"), str(tmp_path / "b" / "harbour.xlf"),
                                 "--format", "xliff", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "two XLIFF inputs are named harbour.xlf" in result.output


def _state(x, row) -> str | None:
    if x.version == 2:
        return row.segment.get("subState") or row.segment.get("state")
    target = row.segment.find(x.q("target"))
    return target.get("state") if target is not None else None


def _flagged_state(x, row) -> str | None:
    if x.version == 2:
        return "mtaudit:no-translation" if not row.target else "mtaudit:needs-review"
    if row.segment.find(x.q("target")) is None:
        return None  # no <target> to hold a state: the note says it
    return "needs-translation" if not row.target else "needs-review-translation"
