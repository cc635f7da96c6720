"""gate.md from hostile text (issue 21, class 10, Markdown part): whatever a document name or
a sentence holds, rendered as GitHub does (CommonMark, tables, strikethrough, autolinks) it
makes no link, image, HTML, emphasis, code, quote, list or break, and reads as written
(bar the zero-width spaces that break mentions, references and autolinks)."""
from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mtaudit.cli import cli
from mtaudit.report.markdown_report import _cell

ZWSP = "\u200b"
# What a reader must never get from batch text; the document's own table, list and heading aside.
MADE = {"link_open", "image", "html_inline", "html_block", "em_open", "strong_open", "s_open", "code_inline",
        "fence", "code_block", "blockquote_open", "hr", "ordered_list_open", "heading_open", "bullet_list_open",
        "table_open"}
PIECES = ["[", "]", "(", ")", "!", "<", ">", "&", "#", ";", "*", "_", "`", "|", "~", "\\", ":", "/", ".", "@", "-",
          "+", "=", " ", "\n", "\t", "a", "b", "1", "2", "http", "https", "www", "mailto", "com", "example.org",
          "x@y.z", "img", "script", "amp", "#12", "://", "<a href=", "![", "](", "^", "$", "{", "}", '"', "'", "%",
          "?", "ftp", "javascript", "data:", "\u00a0", "é", "\U0001f600"]


def github() -> MarkdownIt:
    """CommonMark with GFM tables, strikethrough and autolinks (www., scheme://, e-mail; GitHub
    links no bare domain, so neither does this)."""
    md = MarkdownIt("gfm-like")
    md.linkify.set({"fuzzy_link": False})
    return md


def made(tokens: list) -> set[str]:
    return {t.type for t in tokens} | {c.type for t in tokens if t.children for c in t.children}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_a_cell_makes_nothing_and_reads_as_written(text: str) -> None:
    cell, md = _cell(text), github()
    for doc, own in ((f"| a |\n|---|\n| {cell} |\n", {"table_open"}), (f"- {cell}\n", {"bullet_list_open"}),
                     (f"## x {cell}\n", {"heading_open"})):
        tokens = md.parse(doc)
        assert not (made(tokens) & MADE) - own, (text, doc)
    tokens = md.parse(f"| a |\n|---|\n| {cell} |\n")
    shown = ["".join(c.content for c in t.children if c.type == "text") for t in tokens if t.type == "inline"]
    flat = text.replace("\n", " ").strip()
    assert shown[-1].replace(ZWSP, "") == flat, (text, cell)


def test_hostile_document_names_through_the_cli(tmp_path: Path) -> None:
    names = ["> quoted", "1) item", "2. item", "- bullet", "+ plus", "--- rule", "\t\tcode", "![i](http://e.vil/i.png)",
             "[x](javascript:alert(1))", "@org/team", "#42", "<img src=x onerror=alert(1)>", "www.e.vil", "a@e.vil",
             "~~gone~~", "`tick`", "https://e.vil/x"]
    table = tmp_path / "batch.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc", "seg", "hyp"])
        for k, name in enumerate(names):
            w.writerow([name, 1, f"{name} said the the thing. ![p](http://e.vil/{k}.png) <b>bold</b> @here #7"])
    gate = tmp_path / "gate.md"
    result = CliRunner().invoke(cli, ["audit", str(table), "--out", str(tmp_path / "out"), "--format", "json",
                                      "--grammar", "none", "--markdown", str(gate), "--require", "doc:sentences <= 0"])
    assert result.exit_code == 1, result.output
    text = gate.read_text(encoding="utf-8")
    tokens = github().parse(text)
    assert not made(tokens) & (MADE - {"table_open", "bullet_list_open", "heading_open", "strong_open", "code_inline"})
    codes = [c.content for t in tokens if t.children for c in t.children if c.type == "code_inline"]
    assert codes == ["doc:sentences <= 0"]  # the one code span is the requirement
    shown = "\n".join("".join(c.content for c in t.children if c.type == "text")
                      for t in tokens if t.type == "inline").replace(ZWSP, "")
    for name in names:
        assert f"document {name}: sentences = 1" in shown  # each breach names its document as written
    lists = [t for t in tokens if t.type == "bullet_list_open"]
    assert len(lists) == 1  # the breaches; no name opened another list, quote or code block
