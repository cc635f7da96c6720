"""gate.md renders as the text it holds: rendered by a CommonMark parser (with GFM tables),
requirements read as written inside their code spans, and text from the batch makes no
link, image, HTML, emphasis, mention or reference."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from markdown_it import MarkdownIt

from mtaudit.cli import cli
from mtaudit.report.markdown_report import _cell, _code

HOSTILE = [
    "See [the report](https://evil.example/x) and ![logo](https://evil.example/i.png) now.",
    "Ping @octocat and fix #123 at www.example.com or mail rathaus@example.org today.",
    "Use <script>alert(1)</script>, *bold*, _it_, `code`, a | pipe, a \\ backslash, &amp; and &#38; in the the end.",
]
ZWSP = "\u200b"


def render(markdown: str) -> list:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown)


def inline_texts(tokens: list) -> list[str]:
    """The rendered text of each inline run (what a reader sees), code spans included."""
    return ["".join(c.content for c in t.children if c.type in ("text", "code_inline", "softbreak"))
            for t in tokens if t.type == "inline"]


def kinds(tokens: list) -> set[str]:
    return {t.type for t in tokens} | {c.type for t in tokens if t.children for c in t.children}


def test_gate_md_renders_requirements_and_batch_text_as_written(tmp_path: Path) -> None:
    hyp = tmp_path / "web_[copy].txt"
    hyp.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")
    markdown = tmp_path / "gate.md"
    requirements = ["mean_score >= 85", "doc:sentences <= 1", "flagged_rate < 0.5"]
    result = CliRunner().invoke(cli, ["audit", str(hyp), "--segments", "--out", str(tmp_path / "out"),
                                      "--markdown", str(markdown), "--format", "json",
                                      *[a for r in requirements for a in ("--require", r)]])
    assert result.exit_code == 1, result.output
    tokens = render(markdown.read_text(encoding="utf-8"))
    codes = [c.content for t in tokens if t.children for c in t.children if c.type == "code_inline"]
    assert codes == requirements  # not "mean_score &gt;= 85"
    assert not kinds(tokens) & {"link_open", "image", "html_inline", "html_block", "em_open", "s_open"}
    assert sum(c.type == "strong_open" for t in tokens if t.children for c in t.children) == 1  # **Requirements:**
    texts = inline_texts(tokens)
    assert "mtaudit: web_[copy] — ❌ failed" in texts
    defanged = [re.sub(r"#(?=\d)", "#" + ZWSP, h).replace("@", "@" + ZWSP).replace("://", ZWSP + "://")
                .replace("www.", "www" + ZWSP + ".") for h in HOSTILE]
    for sentence in defanged:
        assert sentence in texts  # each worst sentence's cell, character for character
    assert any(t.startswith("document web_[copy]: sentences = 3, required <= 1") for t in texts)


def test_cell_and_code_span_edge_cases() -> None:
    cell = _cell("x | y `z` **w** line\nbreak")
    tokens = render(f"| a |\n|---|\n| {cell} |\n\n{_code('a `b` c')} {_code('`x')}\n")
    assert inline_texts(tokens) == ["a", "x | y `z` **w** line break", "a `b` c `x"]
