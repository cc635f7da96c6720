"""Grammar-engine results shared between workers (checks.runner.CheckRunner.known/learnt,
execution.EngineRelay): a sentence one worker linted is not linted again by another, and
the findings are the same as if it had been."""
from __future__ import annotations

import pytest

from mtaudit import execution
from mtaudit.checks.runner import CheckRunner
from mtaudit.config import AuditConfig
from mtaudit.execution import EngineRelay, Piece
from mtaudit.model import Segment

ROWS = ["We will recieve the report tomorrow.", "The port reopened on Monday.",
        "The minister adressed the parliament on Tuesday.", "The talks ended without an agreement."]


def segments(doc: str = "d") -> list[Segment]:
    return [Segment(doc, k + 1, hyp, src="港口周一重新开放。" if k == 1 else None) for k, hyp in enumerate(ROWS)]


def test_a_worker_reports_what_it_linted_and_another_takes_it_without_linting() -> None:
    config = AuditConfig()
    first = CheckRunner(config, frozenset())
    first.known({})  # results are shared from now on
    found = first.document("d", segments())
    learnt = first.learnt()
    assert set(learnt) == {s.text_key for s in segments()}
    assert [bool(learnt[s.text_key]) for s in segments()] == [True, False, True, False]
    assert first.learnt() == {}  # each result reported once

    second = CheckRunner(config, frozenset())
    second.known(learnt)
    assert second.engine is not None

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("linted again")
    second.engine.check = fail  # type: ignore[method-assign]
    second.engine.screen = fail  # type: ignore[attr-defined]
    again = second.document("d", segments())
    assert again.issues == found.issues and not again.failures
    assert second.learnt() == {}  # nothing new was linted


def test_a_runner_that_shares_nothing_keeps_nothing_for_others() -> None:
    runner = CheckRunner(AuditConfig(), frozenset())
    runner.document("d", segments())
    assert runner.learnt() == {}


def test_text_keys_tell_rows_apart_by_every_text() -> None:
    row = Segment("d", 1, "The port reopened.", ref="The port opened again.", src=None)
    keys = {row.text_key, Segment("other", 9, "The port reopened.", "The port opened again.").text_key,
            Segment("d", 1, "The port reopened.", ref=None, src="The port opened again.").text_key,
            Segment("d", 1, "The port reopened.", ref="", src=None).text_key,
            Segment("d", 1, "The port reopened.", ref=None, src=None).text_key}
    assert len(keys) == 4  # doc and seg do not count; which text is which, and none against empty, do


def test_the_relay_hands_a_chunk_what_is_known_of_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    relay = EngineRelay()
    segs = segments()
    relay.add({segs[0].text_key: [], segs[2].text_key: []})
    given = relay.given([Piece("d", segs[:2]), Piece("e", segs[2:])])
    assert [p.engine for p in given] == [{segs[0].text_key: []}, {segs[2].text_key: []}]
    assert [p.segs for p in given] == [segs[:2], segs[2:]]
    monkeypatch.setattr(execution, "RELAYED", 3)
    relay.add({segs[1].text_key: [], segs[3].text_key: []})  # past the bound: the older ones go
    assert set(relay.known) == {segs[1].text_key, segs[3].text_key}
