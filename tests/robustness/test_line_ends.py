"""Class 6 (issue 21): line files are cut at LF and CRLF only, as ``wc -l`` and sacreBLEU cut
them — never at U+2028/U+2029, VT, FF, FS/GS/RS, NEL or a lone CR — so row N is line N, and
the line-count error agrees with ``wc -l``."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtaudit.errors import InputError
from mtaudit.read import read_batch
from mtaudit.read.text import TextOptions, lines, split_lines

# Every character str.splitlines cuts at, and CRLF.
SEPARATORS = ["\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def wc_lines(text: str) -> int:
    """Rows a line file has: ``wc -l`` counts LFs; a last line without one is a row too."""
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


def segments(path: Path, ref: Path | None = None) -> list:
    docs: list = []
    read_batch([path], ref, segments=True).scan(lambda: docs.append)
    return docs


TEXTS = st.lists(st.one_of(st.sampled_from(SEPARATORS), st.text("ab .", min_size=1, max_size=4)),
                 min_size=1, max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segment_rows_are_wc_lines(text: str) -> None:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "hyp.txt"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            [doc] = segments(path)
        except InputError as exc:
            assert not text.strip() and ("whitespace" in str(exc) or "empty" in str(exc)), exc
            return
        assert len(doc.hyp) == wc_lines(text)
        assert doc.hyp == split_lines(text)
        assert list(lines(path, TextOptions())) == doc.hyp  # the streaming reader cuts the same
    assert not any("\n" in row for row in doc.hyp)


def test_a_separator_is_text_inside_its_row(audit, tmp_path: Path) -> None:
    rows = [f"Row {k}{sep}still row {k}." for k, sep in enumerate(SEPARATORS[2:], 1)]
    path = tmp_path / "hyp.txt"
    path.write_text("\n".join(rows) + "\r\nlast row.\n", encoding="utf-8", newline="")
    run = audit(path, "--segments", "--grammar", "none")
    assert run.code == 0, run.output
    got = run.rows()
    assert len(got) == len(rows) + 1 == wc_lines(path.read_bytes().decode("utf-8"))
    assert [r["seg"] for r in got] == [str(k) for k in range(1, len(rows) + 2)]
    assert [r["hypothesis"] for r in got[:-1]] == rows and got[-1]["hypothesis"] == "last row."


@pytest.mark.skipif(shutil.which("wc") is None, reason="no wc")
def test_the_line_count_error_agrees_with_wc(audit, tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("One.\u2028Two.\nThree.\x0cFour.\nFive.\n", encoding="utf-8")
    ref.write_text("One.\nTwo.\nThree.\n", encoding="utf-8")
    counts = [int(subprocess.run(["wc", "-l", str(p)], capture_output=True, text=True).stdout.split()[0])
              for p in (hyp, ref)]
    assert counts == [3, 3]
    run = audit(hyp, "--segments", "--ref", ref, "--grammar", "none")
    assert run.code == 0, run.output  # same line count: no drift error
    assert [r["hypothesis"] for r in run.rows()] == ["One.\u2028Two.", "Three.\x0cFour.", "Five."]
    ref.write_text("One.\nTwo.\n", encoding="utf-8")
    run = audit(hyp, "--segments", "--ref", ref, "--grammar", "none")
    assert run.code == 2 and "hyp.txt has 3 lines but " in run.output and "ref.txt has 2;" in run.output


def test_jsonl_rows_may_hold_a_raw_line_separator(audit, tmp_path: Path) -> None:
    """U+2028 is legal inside a JSON string: a JSONL row holding it raw is one row."""
    path = tmp_path / "t.jsonl"
    text = json.dumps({"hyp": "A\u2028B.", "note": "x\u2029y\x85z"}, ensure_ascii=False)
    assert "\u2028" in text
    path.write_text(text + "\r\n" + json.dumps({"hyp": "C."}) + "\n", encoding="utf-8", newline="")
    run = audit(path, "--grammar", "none")
    assert run.code == 0, run.output
    assert [(r["hypothesis"], r["note"]) for r in run.rows()] == [("A\u2028B.", "x\u2029y\x85z"), ("C.", "")]


def test_prose_paragraphs_end_at_line_ends_only(tmp_path: Path) -> None:
    from mtaudit.segment.sentences import split_sentences

    assert split_sentences("Head line\u2028no stop\r\nNext line") == ["Head line\u2028no stop", "Next line"]
    assert split_sentences("A.\r\n\r\nB.\n") == ["A.", "B."]


def test_crlf_across_a_block_boundary(tmp_path: Path) -> None:
    """The reader takes 64 KiB at a time: a CRLF split between two blocks is one line end."""
    path = tmp_path / "hyp.txt"
    first = "x" * (65536 - 1)
    path.write_bytes(first.encode() + b"\r\nsecond\r\nthird\rstill third\n")
    assert list(lines(path, TextOptions())) == [first, "second", "third\rstill third"]
