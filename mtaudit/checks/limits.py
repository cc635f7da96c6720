"""What each engine and metric is given at most, and the finding when a sentence is more.

Past these limits an engine or metric costs without bound (issue 21, class 2; measured on
Harper 0.2 and sacreBLEU 2.5, two shared cores): Harper's spell checker takes memory that
grows with a word's length — 500 MB for a 1,000-letter word, over 6 GB at 10,000, and it
aborts the process at 99,999 ("memory allocation of 30809600024 bytes failed") — and about
10 ms per unknown word, so a 17,000-character line of invented words takes 40 s; TER's
shift search takes 0.2 s at 200 words, 6 s at 400, 52 s at 1,000. The longest line of the
WMT23 news and TED systems is 1,447 characters and their longest word 27 letters.

A sentence over a limit is not given to that engine or metric: it gets one ``engine-skip``
finding naming the engine and the limit (not evidence of an error: the quality model does
not count it), and the metric's cell stays empty. Everything else about it is still checked.
"""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Issue

SKIP_CODE = "engine-skip"
GRAMMAR_MAX_CHARS = 5_000  # a grammar engine lints sentences up to this many characters
GRAMMAR_MAX_WORD = 64  # ... whose longest run of word characters is at most this long
TER_MAX_WORDS = 200  # TER scores a hypothesis and references up to this many words each
_LONG_WORD = re.compile(rf"\w{{{GRAMMAR_MAX_WORD + 1},}}")


def grammar_skip(engine: str, hyp: str) -> Issue | None:
    """The finding that grammar engine ``engine`` does not lint ``hyp``; None if it may."""
    if long := _LONG_WORD.search(hyp):
        return skip(engine, f"a word of {long.end() - long.start():,} characters (limit {GRAMMAR_MAX_WORD})",
                    long.start(), long.end())
    if len(hyp) > GRAMMAR_MAX_CHARS:
        return skip(engine, f"the sentence has {len(hyp):,} characters (limit {GRAMMAR_MAX_CHARS:,})")
    return None


def metric_skip(metric: str, hyp: str, refs: Sequence[str]) -> Issue | None:
    """The finding that ``metric`` is not computed for ``hyp`` against ``refs``; None if it is."""
    if metric == "ter":
        most = max(len(text.split()) for text in (hyp, *refs))
        if most > TER_MAX_WORDS:
            return skip("ter", f"the hypothesis or a reference has {most:,} words (limit {TER_MAX_WORDS})")
    return None


def skip(engine: str, why: str, start: int = 0, end: int = 0) -> Issue:
    """An ``engine-skip`` finding: ``engine`` did not look at this sentence, and why."""
    return Issue(SKIP_CODE, "Other", "minor", start, end, f"{engine} skipped this sentence: {why}", engine=engine)
