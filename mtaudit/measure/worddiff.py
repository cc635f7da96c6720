"""Word-level comparison of a hypothesis with its reference: which reference words it is
missing and which of its words the reference does not have (a difflib token diff)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..checks.text import words

Span = tuple[int, int, str]


@dataclass(frozen=True)
class WordDiff:
    """``missing``: reference words absent from the hypothesis, as (start, end, word) spans
    of the reference; ``extra``: hypothesis words absent from the reference, spans of the
    hypothesis. Words are compared case-insensitively. ``ref_words`` and ``hyp_words``
    count the words compared."""

    missing: list[Span] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)
    ref_words: int = 0
    hyp_words: int = 0

    def shares(self) -> dict[str, float]:
        """``diff_missing``: the share of reference words missing; ``diff_extra``: the share
        of hypothesis words the reference lacks (an edit rate without TER's cost)."""
        return {"diff_missing": len(self.missing) / max(1, self.ref_words),
                "diff_extra": len(self.extra) / max(1, self.hyp_words)}

    def as_dict(self) -> dict[str, list[list[int | str]]]:
        """JSON-ready: ``{"missing": [[start, end, word], ...], "extra": [...]}``."""
        return {"missing": [list(s) for s in self.missing], "extra": [list(s) for s in self.extra]}


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
