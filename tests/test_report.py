"""Reporters: the sentence table, formula-safe CSV, finite JSON, escaped HTML, atomic writes."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mtaudit.errors import ConfigError
from mtaudit.model import finding_id
from mtaudit.model import Issue, Segment, SegmentResult
from mtaudit.report.result import AuditResult
from mtaudit.report import REPORTERS, write_reports
from mtaudit.report.csv_report import render_csv
from mtaudit.report.files import write_atomic
from mtaudit.report.html_data import script_json
from mtaudit.report.html_report import highlight, histogram, render_html
from mtaudit.report.json_report import render_json
from mtaudit.report.table import sentence_table
from mtaudit.results import Summary

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
FORMULAS = ["=1+1", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
METRICS = {"chrf": 55.123, "bleu": 20.0, "ter": 60.456}
SUMMARY = {
    "format_version": 1, "mtaudit_version": "0.1.0", "batch": "news-sample", "inputs": ["corpora/news-sample"],
    "counts": {"documents": 2, "sentences": 3, "rows": 3, "flagged": 2, "issues": 3,
               "by_verdict": {"ok": 1, "review": 1, "reject": 1},
               "by_severity": {"minor": 2, "major": 1, "critical": 0}},
    "flagged_rate": 2 / 3,
    "score": {"mean": 88.1, "median": 96.0, "min": 0.0, "max": 100.0},
    "metrics": {name: {"score": 55.1, "ci_low": 50.2, "ci_high": 60.0, "sentences": 3,
                       "signature": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"}
                for name in ("chrf", "bleu", "ter")},
    "issues_by_code": {"MT103": {"count": 1, "name": "duplicated-attribution", "category": "Fluency/Repetition",
                                 "severity": "major"},
                       "harper:Spelling": {"count": 2, "name": "Spelling", "category": "Fluency/Spelling",
                                           "severity": "minor"}},
    "issues_by_category": {"Fluency/Repetition": 1, "Fluency/Spelling": 2},
    "documents": [{"doc": "a", "sentences": 2, "flagged": 1, "flagged_rate": 0.5, "mean_score": 80.0,
                   "metrics": {"chrf": 50.1, "bleu": 20.0, "ter": 60.0}},
                  {"doc": "b", "sentences": 1, "flagged": 1, "flagged_rate": 1.0, "mean_score": 0.0, "metrics": {}}],
    "findings": [], "config": {}, "gate": {"status": "not-configured", "requirements": [], "breaches": []},
    "invariant": {"input_sentences": 3, "rows": 3, "ok": True},
}


def issue(code: str = "MT103", start: int = 0, end: int = 4, severity: str = "major",
          message: str = "Speech attribution repeated", suggestion: str | None = None) -> Issue:
    return Issue(code, "Fluency/Repetition", severity, start, end, message, suggestion)  # type: ignore[arg-type]


def row(hyp: str, *, doc: str = "a", seg: int = 1, ref: str | None = "The ref.", src: str | None = None,
        issues: list[Issue] | None = None, metrics: dict[str, float] | None = None, score: float = 100.0,
        meta: dict | None = None) -> SegmentResult:
    found = issues or []
    verdict = "reject" if score < 50 else "review" if found else "ok"
    return SegmentResult(Segment(doc, seg, hyp, ref, src, meta or {}), found,
                         METRICS if metrics is None else metrics, score, bool(found), verdict)  # type: ignore[arg-type]


def audit(*rows: SegmentResult, extra: list[str] | None = None, summary: dict | None = None) -> AuditResult:
    return AuditResult(list(rows), Summary.from_dict(SUMMARY if summary is None else summary), extra or [])


def read_back(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


# --- the sentence table ---------------------------------------------------------------------------

def test_columns_in_order_then_carried_through_columns() -> None:
    result = audit(row("A.", meta={"id": "x1", "score": "7"}), row("B.", seg=2), extra=["id", "score"])
    table = sentence_table(result.results, result.extra_columns)
    assert list(table.columns) == ["doc", "seg", "hypothesis", "reference", "source", "score", "flagged",
                                   "verdict", "issue_codes", "issues", "chrf", "bleu", "ter", "chrfpp", "src_coverage",
                                   "flag_score", "id", "input_score"]
    assert table["id"].tolist() == ["x1", ""]
    assert table["input_score"].tolist() == ["7", ""]


def test_table_cells() -> None:
    found = [issue("MT103", 0, 11, suggestion="drop it"), issue("harper:Spelling", 12, 15, "minor", "Misspelt"),
             issue("MT103", 16, 20)]
    result = audit(row("Kirby said. Teh said.", issues=found, score=72.346),
                   row("Fine.", seg=2, ref=None, src=None, metrics={}))
    first, second = sentence_table(result.results, result.extra_columns).to_dict("records")
    assert first["flagged"] == "true" and second["flagged"] == "false"
    assert first["score"] == 72.35
    assert first["issue_codes"] == "MT103 harper:Spelling"
    assert first["issues"] == ("MT103 major 0-11: Speech attribution repeated → drop it; "
                               "harper:Spelling minor 12-15: Misspelt; MT103 major 16-20: Speech attribution repeated")
    assert (first["chrf"], first["bleu"], first["ter"]) == (55.12, 20.0, 60.46)
    assert second["reference"] == "" and second["source"] == "" and second["issues"] == ""
    assert all(math.isnan(second[m]) for m in ("chrf", "bleu", "ter"))


def test_flag_score_is_the_score_whatever_the_units_length() -> None:
    """The number the flag is drawn from; since issue 16 the score itself (a long unit's
    length no longer weighs it), kept as a column so that its readers keep working."""
    long, plain = row("The strike lasted four days and cost millions. " * 4, score=87.5), row("Typical.", seg=2, score=97.5)
    long.features["exposure"] = 3.0  # an old feature, ignored
    table = sentence_table([long, plain], [])
    assert table["flag_score"].tolist() == table["score"].tolist() == [87.5, 97.5]


# --- CSV ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", FORMULAS)
def test_formula_cells_are_neutralised(text: str) -> None:
    result = audit(row(text, ref=text, src=text, meta={"note": text}), extra=["note"])
    back = read_back(REPORTERS["csv"].render(result))
    for col in ("hypothesis", "reference", "source", "note"):
        assert back.loc[0, col] == "'" + text


def test_normal_text_and_numbers_are_untouched() -> None:
    result = audit(row("The port reopened on Monday.", score=-0.0, meta={"n": -5}), extra=["n"])
    text = REPORTERS["csv"].render(result)
    back = read_back(text)
    assert back.loc[0, "hypothesis"] == "The port reopened on Monday."
    assert back.loc[0, "n"] == "-5"
    assert back.loc[0, "chrf"] == "55.12" and back.loc[0, "ter"] == "60.46"
    assert "'" not in text


def test_csv_round_trips_through_pandas() -> None:
    texts = ['Commas, "quotes", and\nnew lines', "He said: \"no\".\r\nThen left.", "plain", "=cmd|' /C calc'!A0",
             "Zürich 已经 “curly”"]
    result = audit(*(row(t, seg=n, ref=t + " ref") for n, t in enumerate(texts, 1)),
                   row("no ref", seg=9, ref=None, metrics={}))
    text = render_csv(sentence_table(result.results, result.extra_columns))
    assert "\r\n" not in text.replace('He said: ""no"".\r\nThen', "")  # line ends are \n
    assert text.startswith('"doc","seg","hypothesis"')
    back = read_back(text)
    assert len(back) == len(result.results)
    for got, want in zip(back["hypothesis"], texts + ["no ref"]):
        assert got in (want, "'" + want)
    assert back.loc[len(texts), "chrf"] == "" and back.loc[len(texts), "reference"] == ""
    assert back["flagged"].tolist() == ["false"] * len(back)


# --- JSON -----------------------------------------------------------------------------------------

def test_json_is_valid_and_nan_becomes_null() -> None:
    data = {"flagged_rate": float("nan"), "score": {"mean": float("inf"), "min": np.float32(1.5), "max": np.int64(3)},
            "batch": "Zürich", "list": [float("-inf"), (1, float("nan"))]}
    text = render_json(data)
    assert text.endswith("}\n") and "Zürich" in text
    back = json.loads(text)
    assert back["flagged_rate"] is None and back["score"] == {"mean": None, "min": 1.5, "max": 3}
    assert back["list"] == [None, [1, None]]
    assert render_json(SUMMARY) == json.dumps(SUMMARY, indent=2, ensure_ascii=False) + "\n"


def test_summary_json_round_trips_through_the_typed_summary() -> None:
    text = REPORTERS["json"].render(audit())
    assert json.loads(text) == Summary.from_dict(json.loads(text)).as_dict()
    assert json.loads(text)["batch"] == "news-sample" and json.loads(text)["counts"]["rows"] == 3


# --- HTML -----------------------------------------------------------------------------------------

TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr", "th", "td",
                 "br", "code", "strong", "ul", "ol", "li", "em", "div", "span", "mark", "label", "input", "select",
                 "option", "button", "header", "nav", "a", "main", "section", "caption", "thead", "tbody",
                 "noscript", "figure", "figcaption", "svg", "g", "rect", "text", "script", "ins", "del", "kbd", "dialog"}
DATA_BLOCK = re.compile(r'<script type="application/json" id="data">(.*?)</script>', re.S)


class Elements(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]


def test_batch_text_is_escaped_everywhere() -> None:
    evil = XSS[0] + XSS[1] + XSS[2] + "<!--"
    summary = {**SUMMARY, "batch": evil, "inputs": [evil], "documents": [{**SUMMARY["documents"][0], "doc": evil}],
               "issues_by_category": {evil: 1}}
    results = [row(x, doc=evil, ref=x, src=x, issues=[issue(start=0, end=5, message=x, suggestion=x)])
               for x in XSS] + [row(x, seg=2, meta={"note": x}) for x in XSS]
    html = render_html(audit(*results, summary=summary))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 2 and html.count("</script") == 2  # the data block and the page's own script
    assert "<img" not in html and "<!--" not in html
    elements = Elements()
    elements.feed(html)
    assert elements.tags <= TEMPLATE_TAGS
    for tag, name, value in elements.attrs:
        assert not name.startswith("on") and name != "src", (tag, name)
        assert name != "href" or (value or "").startswith("#"), (tag, name, value)
        assert name in ("title", "data-value") or "alert" not in (value or ""), (tag, name)
    assert "<title>mtaudit report: &lt;script&gt;" in html
    data = json.loads(DATA_BLOCK.search(html).group(1))
    assert data["docs"] == [evil, "a"] and data["batch"] == evil
    assert [r[5] for r in data["rows"]] == XSS * 2  # the text itself comes back unchanged


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- <script>", "</SCRIPT >", "a & b > c",
                                  "\u2028\u2029", "\\u003c"])
def test_script_json_cannot_break_out(text: str) -> None:
    embedded = script_json({"t": text})
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == {"t": text}


def test_csp_allows_only_the_page_script_and_style() -> None:
    html = render_html(audit(row("A.")))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert policy.startswith("default-src 'none';") and "unsafe" not in policy
    for tag in ("script", "style"):
        content = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_histogram_bins() -> None:
    bars = histogram([0, 9, 10, 49.9, 50, 96, 96.77, 99.5, 100, 100], below=88.55)
    assert [(b.label, b.count) for b in bars if b.count] == [("0–50", 4), ("50–80", 1), ("96–97", 2),
                                                             ("99–100", 3)]
    assert [b.label for b in bars if b.low] == ["0–50", "50–80", "80–88"]  # the bands wholly below the flag line
    assert sum(b.count for b in bars) == 10
    assert max(b.height for b in bars) == 100


def test_overview_shows_figures_metrics_and_signature() -> None:
    html = render_html(audit(row("A.")))
    for text in ("news-sample", "66.7%", "88.1", "55.10 (95% CI 50.20–60.00)", "nrefs:1|case:mixed",
                 "duplicated-attribution", "Fluency/Spelling"):
        assert text in html


def test_html_without_reference_or_optional_keys() -> None:
    bare = {"batch": "bare", "counts": {"sentences": 1}, "findings": [], "documents": [
        {"doc": "a", "sentences": 1, "flagged": 0, "mean_score": 100.0}]}
    html = render_html(audit(row("Fine.", ref=None, metrics={}), summary=bare))
    assert "(corpus)" not in html and "nan" not in html
    assert json.loads(DATA_BLOCK.search(html).group(1))["rows"][0][6:9] == [None, None, ""]  # ref, src, metrics


def test_rows_carry_verdict_flag_and_finding_ids() -> None:
    html = render_html(audit(row("Bad.", score=10, issues=[issue()]), row("Good.", seg=2)))
    data = json.loads(DATA_BLOCK.search(html).group(1))
    fields = data["fields"]
    bad, good = ({f: r[n] for n, f in enumerate(fields)} for r in data["rows"])
    assert (bad["verdict"], bad["flagged"], good["verdict"], good["flagged"]) == ("reject", 1, "ok", 0)
    assert bad["issues"][0][-1] == finding_id("a", "Bad.", issue())  # what an exported waiver names
    assert good["metrics"] == "chrF 55.1\nBLEU 20.0\nTER 60.5"


def test_highlight_wraps_the_issue_span() -> None:
    marked = highlight("Kirby said. Kirby said.", [issue(start=12, end=23)])
    assert marked == ('Kirby said. <mark class="major" title="MT103 major: Speech attribution repeated">'
                      "Kirby said.</mark>")


def test_highlight_escapes_text_and_titles() -> None:
    marked = highlight("<b>x</b> ok", [issue(start=0, end=3, message='"><script>')])
    assert marked.startswith('<mark class="major" title="MT103 major: &#34;&gt;&lt;script&gt;">&lt;b&gt;</mark>')
    assert marked.endswith("x&lt;/b&gt; ok")


def test_highlight_overlapping_and_out_of_range_spans() -> None:
    text = "abcdefghij"
    marked = highlight(text, [issue("A", 0, 6, "minor"), issue("B", 3, 8, "critical"), issue("C", 8, 99),
                              issue("D", -5, 1), issue("E", 50, 60), issue("F", 4, 4)])
    assert re.sub(r"<[^>]+>", "", marked) == text  # every character exactly once, in order
    pieces = re.findall(r'<mark class="(\w+)" title="([^"]*)">([^<]*)</mark>', marked)
    # cut at 0 1 3 6 8 10: a (A+D) | bc (A) | def (A+B) | gh (B) | ij (C); E and F mark nothing
    assert [(p[0], p[2]) for p in pieces] == [("major", "a"), ("minor", "bc"), ("critical", "def"),
                                              ("critical", "gh"), ("major", "ij")]
    assert "A minor" in pieces[2][1] and "B critical" in pieces[2][1]


# --- writing --------------------------------------------------------------------------------------

def test_write_reports_writes_each_requested_format(tmp_path: Path) -> None:
    paths = write_reports(audit(row("A.")), tmp_path / "out", ["csv", "json", "html", "csv"])
    assert [p.name for p in paths] == ["sentences.csv", "summary.json", "report.html"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html", "sentences.csv", "summary.json"]
    with pytest.raises(ConfigError):
        write_reports(audit(row("A.")), tmp_path / "out", ["pdf"])


def test_a_failing_render_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    write_reports(audit(row("Old.")), tmp_path, ["csv", "json"])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(result: AuditResult) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(REPORTERS["json"], "pieces", broken)
    with pytest.raises(RuntimeError):
        write_reports(audit(row("New.")), tmp_path, ["csv", "json"])
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "sentences.csv"
    write_atomic(target, "old\n")
    assert target.read_bytes() == b"old\n"

    def failing_replace(src, dst) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("mtaudit.report.files.os.replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sentences.csv"]  # no temp file left


def test_write_atomic_text_is_utf8_and_bytes_verbatim(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "t.txt", "Zürich\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a" / "t.txt").read_bytes() == "Zürich\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_write_atomic_honours_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644
