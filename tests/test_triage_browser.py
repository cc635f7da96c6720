"""report.html's keyboard triage and layout in Chromium: j/k move between flagged sentences,
a/f mark, u undoes, the export holds the marks, progress survives a reload; the narrow layout
has no horizontal overflow at 900 px; empty columns are hidden; sources carry their language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtaudit.api import audit_to_files
from mtaudit.config import AuditConfig
from tests.browser_pages import Page, launch, needs_chromium
from tests.conftest import CORPORA

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("triage") / "report"
    audit_to_files([CORPORA / "news-sample"], None, None, config=AuditConfig(bootstrap=10, formats=("csv", "json", "html")),
                   out=out)
    return out / "report.html", json.loads((out / "summary.json").read_text(encoding="utf-8"))


def current(page) -> int | None:
    k = page.evaluate("document.querySelector('#rows tr.current') && document.querySelector('#rows tr.current').dataset.k")
    return None if k is None else int(k)


def flagged_rows(page) -> list[int]:
    """The flagged rows in table order (every row is drawn: the sample is under a page)."""
    return [int(k) for k in page.eval_on_selector_all(
        "#rows tr.review, #rows tr.reject", "rows => rows.map(r => r.dataset.k)")]


def test_keys_move_mark_undo_and_export(browser, report, tmp_path: Path) -> None:
    path, summary = report
    view = Page(browser, path)
    page = view.page
    flagged = flagged_rows(page)
    assert len(flagged) == summary["counts"]["flagged"] >= 3
    total = f"of {len(flagged)} flagged sentences triaged"
    assert page.locator("#progress").inner_text() == f"0 {total}"

    # j/k move between flagged sentences only, in table order
    page.keyboard.press("j")
    assert current(page) == flagged[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert current(page) == flagged[2]
    page.keyboard.press("k")
    assert current(page) == flagged[1]
    assert page.evaluate("document.activeElement.dataset.k") == str(flagged[1])  # focus follows: Tab goes on from here

    # a accepts every finding of the sentence, f marks the next one's false positives: they look different
    page.keyboard.press("a")
    first = page.locator(f'#rows tr[data-k="{flagged[1]}"]')
    assert "tri-accepted" in first.get_attribute("class")
    assert first.locator(".tri").inner_text() == "✓ accepted"
    page.keyboard.press("j")
    page.keyboard.press("f")
    second = page.locator(f'#rows tr[data-k="{flagged[2]}"]')
    assert "tri-false-positive" in second.get_attribute("class")
    assert second.locator(".tri").inner_text() == "⊘ false positive"
    style = "(r) => getComputedStyle(r.querySelector('td')).borderLeftStyle + ' ' + getComputedStyle(r.querySelector('td')).borderLeftColor"
    assert first.evaluate(style) != second.evaluate(style)
    assert page.locator("#progress").inner_text() == f"2 {total}"

    # u undoes the last decision (and goes back to it); f again
    page.keyboard.press("j")
    page.keyboard.press("u")
    assert current(page) == flagged[2]
    assert "tri-false-positive" not in second.get_attribute("class")
    assert page.locator("#progress").inner_text() == f"1 {total}"
    page.keyboard.press("f")

    # keys typed into the search box are text, not commands
    page.locator("#f-text").focus()
    page.keyboard.type("jk")
    assert page.locator("#f-text").input_value() == "jk" and current(page) == flagged[2]
    page.locator("#f-text").fill("")
    page.wait_for_timeout(250)

    # ? shows the keys; Escape closes them
    page.locator("body").click(position={"x": 2, "y": 2})
    page.keyboard.press("?")
    assert page.locator("#keys").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#keys").is_hidden()

    # the export holds the marks, in the waiver format
    findings = {k: page.locator(f'#rows tr[data-k="{k}"] li[data-n]').count() for k in flagged[1:3]}
    with page.expect_download() as download:
        page.click("#export")
    saved = tmp_path / "waivers.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["format"] == "mtaudit-waivers" and exported["version"] == 1
    decisions = sorted(w["decision"] for w in exported["waivers"])
    assert decisions == sorted(["accepted"] * findings[flagged[1]] + ["false-positive"] * findings[flagged[2]])
    assert {w["id"] for w in exported["waivers"]} <= {f["id"] for f in summary["findings"]}

    # progress is kept for this report: a reload shows it
    page.reload()
    page.wait_for_selector("#rows tr")
    assert page.locator("#progress").inner_text() == f"2 {total}"
    assert "tri-accepted" in page.locator(f'#rows tr[data-k="{flagged[1]}"]').get_attribute("class")
    assert not view.errors and not view.dialogs
    view.context.close()


def test_findings_fold_into_one_control_and_tab_reaches_spans(browser, report) -> None:
    view = Page(browser, report[0])
    page = view.page
    # the untranslated German sentence: nine findings, one control, closed
    german = page.locator("#rows tr", has_text="Das Ministerium wollte")
    assert german.locator("details").count() == 1 and german.locator("select").count() == 0
    assert german.locator("details li").count() >= 5 and not german.locator("details li").first.is_visible()
    assert "major: MT110" in german.locator(".reason").inner_text()  # the verdict's reason
    german.locator("summary").click()
    # Harper's Markdown code spans are code, not backticks
    message = german.locator("li", has_text="Did you mean to spell").first.locator(".msg")
    assert message.locator("code").count() == 1 and "`" not in message.inner_text()
    # from a sentence reached by j, Tab reaches its first highlighted span at once
    page.keyboard.press("j")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert page.locator("#tip").is_visible()
    tip, mark = (page.locator(s).bounding_box() for s in ("#tip", ":focus"))
    assert tip["y"] + tip["height"] <= mark["y"] + 1  # above the span: the next line stays readable
    assert not view.errors
    view.context.close()


def test_columns_languages_and_narrow_layout(browser, report) -> None:
    view = Page(browser, report[0])
    page = view.page
    # council-budget has a source and no reference: no reference column when it is shown alone
    page.select_option("#f-doc", label="council-budget")
    assert page.locator("th.ref").is_hidden() and page.locator("th.src").is_visible()
    assert page.locator("#rows td.src[lang=fr]").count() == view.rows()
    page.select_option("#f-doc", label="court-ruling")  # neither
    assert page.locator("th.ref").is_hidden() and page.locator("th.src").is_hidden()
    page.select_option("#f-doc", value="")
    # the whole batch: a sentence without a reference lends its cell to the sentence, none is empty
    assert page.locator("#rows td.ref:empty, #rows td.src:empty").count() == 0
    view.context.close()

    narrow = Page(browser, report[0], width=900)
    page = narrow.page
    page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true")
    assert narrow.overflow() == 0
    row = page.locator("#rows tr", has_text="mandataries")
    sentence, findings = row.locator("td.hyp").bounding_box(), row.locator("td.findings").bounding_box()
    assert findings["y"] >= sentence["y"] + sentence["height"] - 1  # stacked, not side by side
    assert sentence["width"] > 700
    assert not narrow.errors
    narrow.context.close()


def test_decisions_from_the_older_page_are_picked_up(browser, report) -> None:
    """The previous page kept {finding id: waiver entry} under mtaudit-waivers:<batch>."""
    path, summary = report
    finding = summary["findings"][0]
    entry = {"id": finding["id"], "code": finding["code"], "decision": "accepted", "doc": finding["doc"],
             "seg": finding["seg"]}
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(f"localStorage.setItem('mtaudit-waivers:{summary['batch']}', '{json.dumps({finding['id']: entry})}')")
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("#rows tr")
    assert page.locator("#export").inner_text() == "Export waivers (1)"
    context.close()
