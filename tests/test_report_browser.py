"""report.html in a real browser: Debian's Chromium driven by Playwright's Python API.

Skips when /usr/bin/chromium is absent (``.ci/run`` installs it). ``MTAUDIT_SCREENSHOTS=DIR``
also saves screenshots of the overview and the sentence table there.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from mtaudit.api import audit_to_files
from mtaudit.config import AuditConfig
from mtaudit.model import Issue, Segment, SegmentResult
from mtaudit.report.result import AuditResult
from mtaudit.api import audit
from mtaudit.report import write_reports
from mtaudit.score.scorer import Scorer
from mtaudit.report.summary import build_summary
from tests.browser_pages import Page, launch, needs_chromium
from tests.conftest import CORPORA

pytestmark = [pytest.mark.slow, needs_chromium]
XSS_DOC = '"><img src=x onerror=alert(1)>'
XSS_LINES = ["<script>alert(1)</script> The council met on Monday.",
             'He wrote "><img src=x onerror=alert(1)> in the the minutes.',
             "See <a href=\"javascript:alert(1)\">the link</a> and javascript:alert(1) for details."]
FAST = AuditConfig(bootstrap=100, formats=("csv", "json", "html"))


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """corpora/news-sample plus a document whose name and sentences are XSS strings."""
    batch = tmp_path_factory.mktemp("batch") / "news-sample"
    shutil.copytree(CORPORA / "news-sample", batch)
    (batch / f"{XSS_DOC}.hyp.txt").write_text("\n".join(XSS_LINES) + "\n", encoding="utf-8")
    out = batch.parent / "report"
    audit_to_files([batch], None, None, config=FAST, out=out)
    return batch, out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_sample_report(browser, sample, tmp_path: Path) -> None:
    batch, out, summary = sample
    view = Page(browser, out / "report.html")
    page = view.page
    figure = lambda key: page.locator(f'[data-figure="{key}"]').inner_text()  # noqa: E731
    counts = summary["counts"]
    assert figure("sentences") == str(counts["sentences"])
    assert figure("documents") == str(counts["documents"])
    assert figure("flagged") == f"{counts['flagged']} ({100 * summary['flagged_rate']:.1f}%)"
    assert figure("score").startswith(f"{summary['score']['mean']:.1f} / ")
    assert figure("metric-chrf").startswith(f"{summary['metrics']['chrf']['score']:.2f} (95% CI "
                                            f"{summary['metrics']['chrf']['ci_low']:.2f}")
    assert f"reject {counts['by_verdict']['reject']}" in figure("verdicts")
    assert view.rows() == counts["sentences"]  # fewer than a page: every row drawn

    # the XSS strings are text: no dialog, no element they could have made
    table = page.locator("#rows").inner_text()
    for line in XSS_LINES:
        assert line in table
    assert page.locator("img, iframe, a[href^='javascript']").count() == 0
    assert page.locator("script").count() == 2

    # filter by a category: the rows are the sentences with such an issue
    category, (_, sentences) = next(iter(summary["tallies"]["category"].items()))
    page.select_option("#f-category", category)
    assert view.rows() == sentences
    assert f"of {sentences} matching" in page.locator("#count").inner_text()

    # hover a highlighted span, then reach one by keyboard: the tooltip shows its message
    mark = page.locator("#rows mark").first
    message = page.locator(f"#{mark.get_attribute('aria-describedby').split()[0]} .msg").inner_text()
    mark.hover()
    assert page.locator("#tip").is_visible()
    assert message.split(" → ")[0] in page.locator("#tip").inner_text()
    page.mouse.move(0, 0)
    assert page.locator("#tip").is_hidden()
    page.locator("#reset").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.locator("#tip").is_visible()

    # triage two findings (open a sentence's findings, decide one each way) and export the waiver file
    page.click("#reset")
    found = page.locator("#rows details").first
    found.locator("summary").click()
    found.locator("li").nth(0).locator("button.dec.false-positive").click()
    row = page.locator("#rows tr[data-k]").filter(has=page.locator("details")).nth(1)
    accepted = row.locator("details li").count()  # a row's decision takes each of its findings
    assert accepted >= 1
    row.locator(".decide .accepted").click()
    assert page.locator("#export").inner_text() == f"Export waivers ({1 + accepted})"
    with page.expect_download() as download:
        page.click("#export")
    waiver_path = tmp_path / "waivers.json"
    download.value.save_as(waiver_path)
    exported = json.loads(waiver_path.read_text(encoding="utf-8"))
    assert exported["format"] == "mtaudit-waivers" and exported["batch"] == "news-sample"
    assert sorted(w["decision"] for w in exported["waivers"]) == ["accepted"] * accepted + ["false-positive"]
    assert not view.errors and not view.dialogs
    view.context.close()

    # re-audit with the exported file: exactly those findings are gone
    again = audit([batch], config=AuditConfig(bootstrap=1, waivers=str(waiver_path)))
    waived = {w["id"] for w in exported["waivers"]}
    assert waived <= {f["id"] for f in summary["findings"]}
    assert sorted(f["id"] for f in again.summary.as_dict()["findings"]) == sorted(
        f["id"] for f in summary["findings"] if f["id"] not in waived)
    assert again.summary.waivers["waived"] == 1 + accepted


def test_screenshots(browser, sample) -> None:
    """Not an assertion of looks: saves the pictures a person checks (MTAUDIT_SCREENSHOTS=DIR),
    at 1400 and 900 px: the overview, the documents, the sentences while triaging, the keys, print."""
    folder = os.environ.get("MTAUDIT_SCREENSHOTS")
    if not folder:
        pytest.skip("set MTAUDIT_SCREENSHOTS=DIR to save screenshots")
    for width in (1400, 900):
        view = Page(browser, sample[1] / "report.html", width=width)
        page = view.page
        page.screenshot(path=f"{folder}/report-{width}-overview.png")
        page.evaluate("document.getElementById('documents').scrollIntoView()")
        page.screenshot(path=f"{folder}/report-{width}-documents.png")
        for key in ("j", "j", "a", "j", "f", "j", "o"):
            page.keyboard.press(key)
        page.locator("#rows tr.current mark").first.hover()
        page.screenshot(path=f"{folder}/report-{width}-triage.png")
        page.keyboard.press("?")
        page.screenshot(path=f"{folder}/report-{width}-keys.png")
        page.keyboard.press("Escape")
        page.emulate_media(media="print")
        page.screenshot(path=f"{folder}/report-{width}-print.png")
        assert not view.errors
        view.context.close()


def large_result(n: int = 10_000, seed: int = 7) -> AuditResult:
    """A synthetic batch of n sentences, a fifth with a finding, shaped like a real audit."""
    rng = random.Random(seed)
    scorer = Scorer.from_config(AuditConfig())
    words = [w for w in (CORPORA / "news-sample" / "harbour-strike.hyp.txt").read_text(encoding="utf-8").split()]
    kinds = [("MT101", "Fluency/Repetition", "major"), ("MT107", "Accuracy/Mistranslation", "minor"),
             ("harper:SpellCheck", "Fluency/Spelling", "minor"), ("MT303", "Accuracy/Omission", "critical")]
    results = []
    for k in range(n):
        hyp = " ".join(rng.choices(words, k=rng.randint(8, 28)))
        ref = " ".join(rng.choices(words, k=rng.randint(8, 28)))
        issues = []
        if rng.random() < 0.2:
            code, category, severity = rng.choice(kinds)
            start = rng.randrange(0, len(hyp) - 5)
            issues.append(Issue(code, category, severity, start, start + 5, f"{code} found something here",
                                "a suggestion"))
        score, flagged, verdict = scorer.score(hyp, issues)
        results.append(SegmentResult(Segment(f"doc{k // 100:03d}", k % 100 + 1, hyp, ref, None), issues,
                                     {"chrf": rng.uniform(20, 90), "bleu": rng.uniform(5, 60)}, score, flagged, verdict))
    summary = build_summary("large", ["synthetic"], results, AuditConfig(), corpus={}, doc_metrics={},
                            failures=[], input_sentences=n)
    return AuditResult(results, summary)


def test_ten_thousand_sentences_open_and_filter_quickly(browser, tmp_path: Path) -> None:
    result = large_result()
    (path,) = write_reports(result, tmp_path, ["html"])
    size_per_1000 = path.stat().st_size / 10
    started = time.perf_counter()
    view = Page(browser, path)
    load = time.perf_counter() - started
    page = view.page
    # the script runs before DOMContentLoaded: this includes parsing the JSON and drawing the first rows
    ready_ms = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert view.rows() == 200  # a page of rows, not 10,000
    filter_ms = page.evaluate("""() => {
        const select = document.getElementById('f-category');
        const t = performance.now();
        select.value = 'Fluency/Repetition';
        select.dispatchEvent(new Event('change'));
        return performance.now() - t;
    }""")
    expected = result.summary.tallies.category["Fluency/Repetition"][1]
    assert f"of {expected:,} matching" in page.locator("#count").inner_text()
    search_ms = page.evaluate("""() => {
        const box = document.getElementById('f-text');
        box.value = 'the';
        const t = performance.now();
        box.dispatchEvent(new Event('input'));
        return new Promise(done => setTimeout(() => done(performance.now() - t - 150), 150));
    }""")
    page.click("#more")
    assert view.rows() == min(400, int(page.locator("#count").inner_text().split(" of ")[1].split()[0].replace(",", "")))
    print(f"\n10,000 sentences: {path.stat().st_size / 1e6:.1f} MB ({size_per_1000 / 1e3:.0f} kB per 1,000); "
          f"open {load * 1000:.0f} ms (DOMContentLoaded {ready_ms:.0f} ms); category filter {filter_ms:.0f} ms; text search ~{max(search_ms, 0):.0f} ms")
    assert load < 3 and ready_ms < 3000 and filter_ms < 1000
    assert size_per_1000 < 600_000
    assert not view.errors
