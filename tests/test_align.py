"""Sentence alignment: merges, splits, omissions and additions land on the right text."""
from __future__ import annotations

from mtaudit.align import align

REF = ["The council met on Monday.", "It approved the budget of 3 million euros.",
       "The mayor praised the vote.", "Opposition members left the chamber early.",
       "The next session is in May."]


def kinds(beads):
    return [(b.hyp, b.other) for b in beads]


def test_equal_counts_pair_by_position() -> None:
    assert kinds(align(REF, REF)) == [((i,), (i,)) for i in range(5)]


def test_merge_and_omission() -> None:
    hyp = ["The council met on Monday and approved the budget of 3 million euros.",
           "The mayor has praised the vote.", "The next session is in May."]
    assert kinds(align(hyp, REF)) == [((0,), (0, 1)), ((1,), (2,)), ((), (3,)), ((2,), (4,))]


def test_split_and_addition() -> None:
    hyp = ["The council met on Monday.", "It approved the budget of 3 million euros.",
           "Readers can write to the newsroom with questions about the story.",
           "The mayor praised the vote.", "Opposition members left the chamber early.",
           "The next session is in May."]
    ref = REF[:2] + REF[2:]
    beads = align(hyp, ref)
    assert ((2,), ()) in kinds(beads)
    assert sum(len(b.hyp) for b in beads) == len(hyp) and sum(len(b.other) for b in beads) == len(ref)


def test_every_index_exactly_once_on_long_documents() -> None:
    ref = [f"Sentence number {i} talks about topic {i % 17} and place {i % 5}." for i in range(600)]
    hyp = ref[:100] + ref[101:300] + [ref[300] + " " + ref[301]] + ref[302:]
    beads = align(hyp, ref)
    assert [i for b in beads for i in b.hyp] == list(range(len(hyp)))
    assert [j for b in beads for j in b.other] == list(range(len(ref)))
    assert ((), (100,)) in kinds(beads)
    assert ((299,), (300, 301)) in kinds(beads)
