"""Word-level comparison of a hypothesis with its reference: which reference words it is
missing and which of its words the reference does not have (a difflib token diff)."""
from __future__ import annotations

import difflib

from ..checks.text import words
from ..model import Span, WordDiff


def word_diff(hyp: str, ref: str) -> WordDiff:
    """The token diff of ``hyp`` against ``ref`` (words as the checks see them)."""
    hyp_words, ref_words = words(hyp), words(ref)
    matcher = difflib.SequenceMatcher(None, [t.text.casefold() for t in ref_words],
                                      [t.text.casefold() for t in hyp_words], autojunk=False)
    missing: list[Span] = []
    extra: list[Span] = []
    for op, r1, r2, h1, h2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            missing.extend((t.start, t.end, t.text) for t in ref_words[r1:r2])
        if op in ("insert", "replace"):
            extra.extend((t.start, t.end, t.text) for t in hyp_words[h1:h2])
    return WordDiff(missing, extra, len(ref_words), len(hyp_words))
