"""Inline codes are the markup check's (MT205): every other check and the grammar engine read
the row with them masked, and their findings point at the row's own text."""
from __future__ import annotations

from pathlib import Path

import pytest

from mtaudit.checks.inline_codes import PLACEHOLDER, mask
from mtaudit.checks.runner import CheckRunner
from mtaudit.config import AuditConfig
from mtaudit.model import Segment
from mtaudit.read.translation_files import read_translation_file

DATA = Path(__file__).parent / "data" / "translation"


def test_mask_removes_formatting_and_keeps_a_placeholder_for_what_stands_for_text() -> None:
    text = 'See <g id="1">Monday</g> at <x id="2"/>{url}, <bpt id="3"/>now<ept id="3"/>%d<br>.'
    masked = mask(text)
    assert masked.text == f"See Monday at {PLACEHOLDER}{PLACEHOLDER}, now{PLACEHOLDER}{PLACEHOLDER}."
    monday = masked.text.index("Monday")
    assert masked.span(monday, monday + 6) == (text.index("Monday"), text.index("Monday") + 6)
    x = masked.text.index(PLACEHOLDER)
    assert text[slice(*masked.span(x, x + 1))] == '<x id="2"/>'  # a placeholder maps to its whole code
    assert text[slice(*masked.span(x, x + 2))] == '<x id="2"/>{url}'
    assert masked.span(len(masked.text), len(masked.text)) == (len(text), len(text))
    assert mask("No codes here.").origin is None


def rows(path: Path) -> dict[str, Segment]:
    out = {}
    for d in read_translation_file(path):
        for i, hyp in enumerate(d.hyp):
            out[d.meta[i]["unit_id"]] = Segment(d.name, d.segs[i], hyp, None, d.src[i], dict(d.meta[i]))
    return out


@pytest.fixture(scope="module")
def runner() -> CheckRunner:
    return CheckRunner(AuditConfig(), frozenset())


def codes(runner: CheckRunner, *segs: Segment) -> list[list[str]]:
    return [[i.code for i in issues] for issues in runner.document("d", list(segs)).issues]


def test_a_dropped_code_is_the_markup_checks_alone(runner: CheckRunner) -> None:
    """Before masking: <x id="2"/> dropped was MT201 "source number 2 missing" (which hid MT205)
    and MT206 "the source has quotation marks" (the attribute's)."""
    harbour, app, memory = rows(DATA / "harbour.xlf"), rows(DATA / "app-strings.xlf"), rows(DATA / "memory.tmx")
    assert codes(runner, harbour["p2"]) == [["MT205"]]
    assert codes(runner, app["cart.items::s2"]) == [["MT205"]]
    assert codes(runner, memory["105"]) == [["MT205"]]
    # codes carried over are no untranslated text (MT202 fired on both) and no quotes
    assert codes(runner, app["cart.items::s1"], memory["102"], harbour["q1"], harbour["2"]) == [[], [], [], []]


def test_findings_on_masked_text_point_at_the_rows_own_text(runner: CheckRunner) -> None:
    hyp = 'The <g id="1">the</g> port reopned on <x id="2"/> Monday.'
    [issues] = runner.document("d", [Segment("d", 1, hyp, None, 'Der Hafen öffnete am <x id="2"/> Montag.')]).issues
    spans = {i.code: (i.start, i.end) for i in issues}
    assert spans["MT101"] == (hyp.index("the</g>"), hyp.index("</g>"))  # the repeated word, across the tag
    assert spans["harper:SpellCheck"] == (hyp.index("reopned"), hyp.index(" on"))


def test_a_placeholder_is_no_foreign_language(runner: CheckRunner) -> None:
    """"Hello ￼, welcome back!" read as Chinese by langid until MT110 skipped the placeholder."""
    seg = Segment("d", 1, "Hello {name}, welcome back to the shop!", None, "Hallo {name}, willkommen zurück im Shop!")
    assert codes(runner, seg) == [[]]
