"""In how many sentences of a document a lower-case word occurs, even inside longer words,
at a cost per question that does not grow with the document."""
from __future__ import annotations

import re
from typing import Iterable

_RUN = re.compile(r"[a-z'’]+")
_GRAM = 4  # the length of the letter strings that find the runs holding a longer word


def sentence_runs(sentence: str) -> frozenset[str]:
    """The maximal runs of a-z and apostrophes of the lower-cased sentence."""
    return frozenset(_RUN.findall(sentence.lower()))


class SentenceIndex:
    """The first two sentences holding each maximal run of the letters a-z and apostrophes
    of a document's lower-cased sentences.

    A word of those characters occurs in a lower-cased sentence only inside one of its runs,
    so the runs answer ``count`` exactly: the word's own run, then the runs that contain it,
    found through the word's rarest four letters (the other runs cannot hold it). Scanning
    every sentence for every word instead makes a long document quadratic.
    """

    def __init__(self, sentences: Iterable[str] = ()) -> None:
        self._runs: dict[str, tuple[int, ...]] = {}
        self._sentences = 0
        for sentence in sentences:
            self.add(sentence_runs(sentence))
        self._grams: dict[str, list[str]] | None = None
        self._counts: dict[str, int] = {}

    def add(self, runs: frozenset[str]) -> None:
        """The next sentence, by its runs (``sentence_runs``): a long document's chunks send
        their sentences' runs, and the index is built from them in document order."""
        for run in runs:
            held = self._runs.get(run, ())
            if len(held) < 2:
                self._runs[run] = (*held, self._sentences)
        self._sentences += 1
        self._grams = None

    def result(self) -> SentenceIndex:
        return self

    def count(self, word: str) -> int:
        """In how many sentences ``word`` occurs as a substring of the lower-cased sentence
        (0, 1 or 2: counting stops at two). ``word`` is letters a-z and apostrophes."""
        if not _RUN.fullmatch(word):
            raise ValueError(f"not a lower-case word of the letters a-z: {word!r}")
        if word not in self._counts:
            held = set(self._runs.get(word, ()))
            for run in self._candidates(word) if len(held) < 2 else ():
                if run != word and word in run:
                    held.update(self._runs[run])
                    if len(held) >= 2:
                        break
            self._counts[word] = min(len(held), 2)
        return self._counts[word]

    def _candidates(self, word: str) -> list[str]:
        """Runs that may contain ``word``: those sharing its rarest four letters."""
        if len(word) < _GRAM:
            return list(self._runs)
        if self._grams is None:
            self._grams = {}
            for run in self._runs:
                for gram in {run[k:k + _GRAM] for k in range(len(run) - _GRAM + 1)}:
                    self._grams.setdefault(gram, []).append(run)
        found = [self._grams.get(word[k:k + _GRAM], []) for k in range(len(word) - _GRAM + 1)]
        return min(found, key=len)
