"""Work inside one document grows linearly with it (issue 21, class 7): the document-wide
facts checks use are built once per document, and alignment around a block one side lacks
searches a band that follows the path instead of the whole grid."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mtaudit.segment.align as align_module
from mtaudit.segment.align import align
from mtaudit.checks import REGISTRY
from mtaudit.checks.context import DocContext
from mtaudit.checks.substrings import SentenceIndex

SENTENCES = ["Mr. Biden approved the strikes on Thursday morning.", "Mr Kirby said the U.S. retaliation was small.",
             "The council criticised the plan to close the harbour.", "Residents organized a protest about the color.",
             "“The quote opens here and never closes.", "The milieus of the town were calm."]


def test_document_facts_are_built_once_per_document() -> None:
    calls: list[str] = []
    doc = DocContext("long", tuple(SENTENCES * 200))

    def build(d: DocContext) -> int:
        calls.append(d.doc)
        return len(d.hyps)

    assert [doc.derived(build) for _ in range(5)] == [1200] * 5
    assert calls == ["long"]


def test_consistency_checks_cost_the_same_per_sentence_in_a_long_document() -> None:
    """MT120/MT121 used to hash the whole document for every sentence, MT107 to scan it for
    every rare word, MT106 to search it for every unbalanced quote: what they derive from the
    document is built once, whatever its length, and gives the same findings."""
    for code in ("MT120", "MT121", "MT107", "MT106"):
        check = REGISTRY[code]
        short = DocContext("d", tuple(SENTENCES))
        long = DocContext("d", tuple(SENTENCES * 300))
        found_short = [[(i.start, i.end) for i in check.run({"hyp": h, "doc": short, "prev": None, "next": None})]
                       for h in SENTENCES]
        found_long = [[(i.start, i.end) for i in check.run({"hyp": h, "doc": long, "prev": None, "next": None})]
                      for h in SENTENCES]
        assert len(long._derived) == 1 and len(short._derived) == 1, code  # one build per document
        if code == "MT107":  # a rare word used in more than one sentence is a domain term
            assert found_short[5] == [(4, 11)] and found_long[5] == [], found_short
        else:
            assert found_long == found_short and any(found_short), code


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdeK'’ -İ", max_size=30), max_size=12), st.data())
def test_sentence_index_counts_like_scanning_every_sentence(sentences: list[str], data: st.DataObject) -> None:
    index = SentenceIndex(sentences)
    lowered = [s.lower() for s in sentences]
    pool = [s[a:b] for s in lowered for a in range(len(s)) for b in range(a + 1, len(s) + 1)]
    words = [w for w in pool if w and all(c in "abcdek'’" for c in w)] + ["abcd", "kk", "e"]
    for word in data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=8)):
        assert index.count(word) == min(2, sum(word in s for s in lowered)), word


def _searched(hyp: list[str], ref: list[str]) -> tuple[list, int]:
    """The alignment and how many cells it searched (all bands tried)."""
    searched = [0]
    banded = align_module._banded_path

    def counting(sides, bounds):
        searched[0] += sum(hi - lo + 1 for lo, hi in bounds)
        return banded(sides, bounds)

    align_module._banded_path = counting
    try:
        return align(hyp, ref), searched[0]
    finally:
        align_module._banded_path = banded


def _documents(n: int) -> tuple[list[str], list[str], int]:
    """A reference of ``n`` varied sentences with an unrelated block of n/10 inserted in
    the middle, and the hypothesis without it."""
    rng = random.Random(n)
    places = ["Leeds", "Porto", "Gdansk", "Lyon", "Turin", "Bergen", "Malmo", "Ghent", "Graz", "Cork"]
    hyp = [f"{SENTENCES[k % len(SENTENCES)].rstrip('.')} in {places[k % 10]} with {k} people." for k in range(n)]
    vocab = sorted({w for s in hyp for w in s.split()})
    block = [" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20))) + "." for _ in range(n // 10)]
    return hyp, hyp[:n // 2] + block + hyp[n // 2:], n // 10


# Aligns 1,200 and 2,400 sentences (about 5 s of CPU): slow. That alignment pairs every index
# once and skips an omitted block is tested fast in tests/test_align.py; the cell count only here
# (and in benchmarks/scaling.py).
@pytest.mark.slow
def test_alignment_around_an_inserted_block_searches_linearly_many_cells() -> None:
    """The block needs a band about n/20 wide around the diagonal (the old search doubled it
    to 128 and more at 2,400 sentences: over 230 cells per sentence, growing with n); the
    search around the coarse alignment stays near 120 cells per sentence at any length."""
    per_sentence = []
    for n in (1200, 2400):
        hyp, ref, k = _documents(n)
        beads, cells = _searched(hyp, ref)
        assert [i for b in beads for i in b.hyp] == list(range(len(hyp)))
        assert [j for b in beads for j in b.other] == list(range(len(ref)))
        skipped = [b.other[0] for b in beads if not b.hyp]
        assert skipped == list(range(n // 2, n // 2 + k))  # the block, and only it
        per_sentence.append(cells / (len(hyp) + len(ref)))
    assert max(per_sentence) < 160 and per_sentence[1] < 1.1 * per_sentence[0], per_sentence
