"""Sentence alignment: merges, splits, omissions and additions land on the right text."""
from __future__ import annotations

from mtaudit.segment.align import align

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


def test_omitted_sentence_is_its_own_row_and_the_rest_pair_right(tmp_path) -> None:
    """A real hypothesis document misses one reference sentence (and, in a copy, one more)."""
    import mtaudit
    from mtaudit.config import AuditConfig
    from tests.conftest import CORPORA

    sample = CORPORA / "news-sample"
    hyp_text = (sample / "river-flood.hyp.txt").read_text(encoding="utf-8")
    weather = next(line for line in hyp_text.splitlines() if line.startswith("Weather forecasters"))
    shorter = tmp_path / "river-flood.txt"
    shorter.write_text(hyp_text.replace(weather + "\n", ""), encoding="utf-8")
    config = AuditConfig(grammar="none", bootstrap=1)
    for hyp, omitted in ((sample / "river-flood.hyp.txt", ["Schools in the old town"]),
                         (shorter, ["Weather forecasters", "Schools in the old town"])):
        rows = mtaudit.audit([hyp], ref=sample / "river-flood.ref.txt", config=config).results
        gaps = [r for r in rows if not r.segment.hyp]
        assert [r.segment.ref[:len(o)] for r, o in zip(gaps, omitted)] == omitted
        assert all("MT303" in {i.code for i in r.issues} for r in gaps)
        for r in rows:
            if r.segment.hyp:  # the sample's translations start with their reference's first words
                assert r.segment.ref.split()[:2] == r.segment.hyp.split()[:2], r.segment.hyp
        assert len(rows) - len(gaps) == len({r.segment.hyp for r in rows if r.segment.hyp})
