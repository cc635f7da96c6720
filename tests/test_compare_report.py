"""The compare report: its view model, the self-contained page (escaped, CSP-hashed) and the
workbook, from real comparisons of corpora/segments against degraded copies."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

import mtaudit
from mtaudit.compare import FILES
from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from mtaudit.report.compare_html import render_compare_html
from mtaudit.report.compare_view import build
from mtaudit.report.compare_xlsx import render_compare_xlsx
from mtaudit.score.scorer import Scorer
from tests.conftest import CORPORA

SEG = CORPORA / "segments"
ATTACK = "=cmd|' /C calc'!A0"
HOSTILE = ['<script>alert(1)</script><img src=x onerror=alert(2)>', ATTACK]


def systems(folder: Path) -> list[Path]:
    """The sample, a copy with every fourth word dropped and hostile text in its first lines,
    and a copy with 'the' turned into 'a'."""
    lines = (SEG / "hyp.txt").read_text(encoding="utf-8").splitlines()
    worse = [" ".join(w for k, w in enumerate(line.split()) if k % 4 != 1) for line in lines]
    worse[0], worse[1] = f"{HOSTILE[0]} {worse[0]}", f"{ATTACK} {worse[1]}"
    other = [line.replace("the", "a") for line in lines]
    paths = [SEG / "hyp.txt", folder / "degraded.txt", folder / "other.txt"]
    paths[1].write_text("\n".join(worse) + "\n", encoding="utf-8")
    paths[2].write_text("\n".join(other) + "\n", encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory):
    paths = systems(tmp_path_factory.mktemp("systems"))
    config = AuditConfig(segments=True, bootstrap=100)
    two = mtaudit.compare(paths[:2], ref=SEG / "ref.txt", src=SEG / "src.txt", config=config, ar_trials=200)
    three = mtaudit.compare(paths, ref=SEG / "ref.txt", src=SEG / "src.txt", config=config, ar_trials=200)
    return two, three


def test_findings_are_the_audits_own(comparisons) -> None:
    """The page shows each translation's findings as audited (messages, categories, spans),
    and the score, flag and verdict the comparison gave it."""
    comparison = comparisons[1]
    view = build(comparison)
    n = len(view.sentences)
    for k, s in enumerate(view.sentences):
        for j, t in enumerate(s.translations):
            r = comparison.results[j * n + k]
            row = comparison.sentences.iloc[j * n + k]
            assert t.issues == r.issues and t.hypothesis == r.segment.hyp == row["hypothesis"]
            assert (t.score, t.verdict, t.flagged) == (row["score"], row["verdict"], row["flagged"] == "true")
    messages = [i.message for s in view.sentences for t in s.translations for i in t.issues]
    assert messages and all(messages)


def test_write_puts_each_format_beside_the_others(comparisons, tmp_path: Path) -> None:
    comparison = comparisons[0]
    written = comparison.write(tmp_path, ("csv", "json", "html", "xlsx"))
    assert [p.name for p in written] == list(FILES.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES.values())  # no temporary file left
    assert (tmp_path / "compare.xlsx").read_bytes()[:2] == b"PK"
    assert "<!doctype html>" in (tmp_path / "compare.html").read_text(encoding="utf-8").lower()
    with pytest.raises(ConfigError, match="unknown compare format 'pdf'"):
        comparison.write(tmp_path / "other", ("csv", "pdf"))
    assert not (tmp_path / "other").exists()  # refused before writing anything


def test_view_marks_best_outliers_and_disagreement(comparisons) -> None:
    two, three = comparisons
    for comparison, n in ((two, 2), (three, 3)):
        view = build(comparison)
        assert [s.name for s in view.systems] == ["hyp", "degraded", "other"][:n]
        assert len(view.sentences) == 20 and all(len(s.translations) == n for s in view.sentences)
        assert all(sum(t.best for t in s.translations) <= 1 for s in view.sentences)
        assert sum(f.best for f in view.systems) == sum(t.best for s in view.sentences for t in s.translations)
        line = comparison.line  # the multi-system model's calibrated line
        assert line == Scorer.from_config(AuditConfig()).line("multi_system")
        for s in view.sentences:
            for t in s.translations:
                if t.verdict == "ok":  # the shown score explains the verdict, as in the audit report
                    assert not line.flags(float(t.shown))
                elif not t.reason.startswith("critical"):  # comparing systems, a major finding only weighs
                    assert line.flags(float(t.shown)) and str(line) in t.reason
    view = build(three)
    degraded = [s.translations[1] for s in view.sentences]
    assert sum(t.outlier for t in degraded) >= 10  # the degraded system is the odd one out
    assert not any(s.translations[0].outlier for s in view.sentences)
    assert max(view.sentences, key=lambda s: s.disagreement or 0).disagreement > 30
    assert [t.significant for t in view.tests if t.system == "degraded"] == [True, True, True]
    two_view = build(two)  # of two systems, the best is the higher flag score
    for s in two_view.sentences:
        a, b = s.translations
        assert a.best == (a.score > b.score) and b.best == (b.score > a.score)


def test_page_is_self_contained_and_hostile_text_inert(comparisons) -> None:
    html = render_compare_html(comparisons[1])
    assert html.count("<script") == 2 and "<img" not in html and "onerror=alert(2)>" not in html
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"https?://|\ssrc=", markup)  # nothing to fetch
    policy = re.search(r'content="(default-src[^"]*)"', html).group(1)
    for kind in ("style", "script"):
        body = re.search(rf"<{kind}>(.*?)</{kind}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1))
    assert data["systems"] == ["hyp", "degraded", "other"] and len(data["rows"]) == 20
    assert data["lang"] == "de"
    assert HOSTILE[0] in data["rows"][0][5][1][0]  # as text in the JSON, its < escaped in the page
    assert "agreement" in html and "p (bootstrap)" in html


def test_workbook_rows_shading_and_no_formulas(comparisons) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(render_compare_xlsx(comparisons[1])))
    assert book.sheetnames == ["sentences", "systems", "significance"]
    sheet = book["sentences"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 60 and sheet.freeze_panes == "A2" and sheet.auto_filter.ref.endswith("61")
    for r in rows:
        shaded = r["system"].fill.fill_type is not None
        assert shaded == (r["verdict"].value in ("review", "reject"))
    attack = [c for row in rows for c in row.values() if c.value == f"{ATTACK} {''}".strip() or
              (isinstance(c.value, str) and c.value.startswith(ATTACK))]
    assert attack and all(c.data_type == "s" and c.quotePrefix for c in attack)
    assert not any(c.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
