"""Word alignment between a source and its translation: an IBM Model 1 lexical table trained
on the batch itself (expectation-maximisation over its sentence pairs), with a bilingual
dictionary as prior, so that which source words the translation leaves out can be told
word by word — beyond dictionary look-ups: names, terms and synonyms the dictionary lacks
are learnt from the batch (ten systems' translations of the same name teach it well; one
system's batch less so).

``LexicalModel.train(pairs, prior)`` fits ``t(f | e)``, the probability that target word
``e`` (or NULL: left untranslated) produces source word ``f``; ``model.coverage(src, hyp)``
is each source word's posterior probability of being aligned to some word of the
translation rather than to NULL. Pure Python; tokenisers for Chinese sources (jieba) and
English targets are here too.
"""
from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

NULL = ""  # the empty target word: a source word aligned to it is left untranslated
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[^\W\d_\u3400-\u4dbf\u4e00-\u9fff]+|\d+(?:[.,]\d+)*")
_TARGET_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# jieba tags of words a translation need not render word for word: particles, prepositions,
# conjunctions, pronouns, adverbs, directions, modal particles, interjections, onomatopoeia,
# punctuation. Names (nr, ns, nt), numerals (m) and Latin words are kept: they are content.
_FUNCTION_TAGS = ("u", "p", "c", "r", "d", "f", "y", "e", "o", "x", "w")
_FUNCTION_WORDS = frozenset("""
让 使 令 叫 被 把 给 到 来 去 要 会 能 能够 可以 应该 应当 需要 将 将会 不会 没有 有 是 成 成为 进行 加以 作出 做出
起来 出来 下来 上来 下去 过来 出去 时 时候 当 之后 以后 之前 以前 觉得 认为 知道 说 表示 称
""".split())


@lru_cache(maxsize=1)
def _jieba() -> tuple[Callable[[str], Iterable[tuple[str, int, int]]], Mapping[str, str]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.tokenize, jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=65536)
def source_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """A Chinese source's content words with spans: jieba words less function words and
    punctuation; numbers and Latin-script words as they are (lowercased). Other sources:
    their Latin-script words and numbers."""
    if not _CJK.search(text):
        return tuple((m.start(), m.end(), m.group().lower()) for m in _LATIN.finditer(text))
    tokenize, tags = _jieba()
    out = []
    for word, start, end in tokenize(text):
        if _CJK.search(word):
            if word not in _FUNCTION_WORDS and not tags.get(word, "n").startswith(_FUNCTION_TAGS):
                out.append((start, end, word))
        else:
            out.extend((start + m.start(), start + m.end(), m.group().lower()) for m in _LATIN.finditer(word))
    return tuple(out)


@lru_cache(maxsize=65536)
def target_words(text: str, stopwords: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """An English translation's words, lowercased and stemmed (``dictionary.stem``), less
    ``stopwords``; hyphenated words in parts."""
    from ..checks.dictionary import stem

    out = []
    for m in _TARGET_WORD.finditer(text.lower().replace("’", "'")):
        for part in m.group().split("-"):
            part = part.removesuffix("'s")
            if part and part not in stopwords:
                out.append(part if part.isdigit() else stem(part))
    return tuple(out)


def dictionary_prior(translations: Callable[[str], Iterable[str]]) -> Callable[[str, str], float]:
    """A prior ``(f, e) -> weight``: 1 when the dictionary lists ``e`` (a stemmed word) among
    ``f``'s translations, or ``f`` is ``e`` itself (numbers, Latin names); else 0."""
    from ..checks.dictionary import stem

    @lru_cache(maxsize=None)
    def stems(f: str) -> frozenset[str]:
        return frozenset(stem(w) for w in translations(f))

    def prior(f: str, e: str) -> float:
        return 1.0 if f == e or e in stems(f) else 0.0
    return prior


@dataclass
class LexicalModel:
    """IBM Model 1: ``table[f][e]`` = t(f | e), target word ``e`` (``NULL`` included)
    producing source word ``f``; unseen pairs get ``floor``."""

    table: dict[str, dict[str, float]] = field(default_factory=dict)
    floor: float = 1e-6
    # The last EM step's counts, their per-target totals and the table they were computed
    # with: what ``held_out`` needs to take one pair's own counts back out.
    counts: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    totals: dict[str, float] = field(default_factory=dict, repr=False)
    previous: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    @classmethod
    def train(cls, pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
              prior: Callable[[str, str], float] | None = None, prior_weight: float = 2.0,
              iterations: int = 5) -> LexicalModel:
        """EM over ``(source words, target words)`` pairs. The prior adds ``prior_weight``
        pseudo-counts to each dictionary pair in every M step (a Dirichlet prior, so the
        batch can outweigh the dictionary where they disagree)."""
        prior = prior or (lambda f, e: 0.0)
        cooc: dict[str, set[str]] = defaultdict(set)
        for src, tgt in pairs:
            for f in src:
                cooc[f].update(tgt)
                cooc[f].add(NULL)
        bonus = {f: {e: prior_weight * w for e in es if (w := prior(f, e)) > 0} for f, es in cooc.items()}
        # Start from the prior plus a uniform share: words the dictionary pairs begin aligned.
        table = {f: {e: 1.0 + bonus[f].get(e, 0.0) for e in es} for f, es in cooc.items()}
        model = cls(_normalised_by_target(table)[0])
        for _ in range(iterations):
            counts: dict[str, dict[str, float]] = {f: dict(b) for f, b in bonus.items()}
            for src, tgt in pairs:
                targets = (*tgt, NULL)
                for f in src:
                    row = model.table[f]
                    probs = [row.get(e, model.floor) for e in targets]
                    total = sum(probs)
                    out = counts[f]
                    for e, p in zip(targets, probs):
                        out[e] = out.get(e, 0.0) + p / total
            normalised, totals = _normalised_by_target(counts)
            model = cls(normalised, model.floor, counts, totals, model.table)
        return model

    def prob(self, f: str, e: str) -> float:
        """t(f | e)."""
        return self.table.get(f, {}).get(e, self.floor)

    def rows(self, src: Sequence[str], tgt: Sequence[str], held_out: bool = False) -> dict[str, dict[str, float]]:
        """t(· | e) rows of the source words of a pair; ``held_out``: as if the pair had not
        been in training (its share of the last E step taken back out of the counts). A pair
        scored by the model it trained would find its own rare words explained by each
        other — a name met once aligned to whatever word it met."""
        if not held_out:
            return {f: self.table.get(f, {}) for f in src}
        mine: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        targets = (*tgt, NULL)
        for f in src:
            row = self.previous.get(f, {})
            probs = [row.get(e, self.floor) for e in targets]
            total = sum(probs)
            for e, p in zip(targets, probs):
                mine[f][e] += p / total
        lost: dict[str, float] = defaultdict(float)
        for row in mine.values():
            for e, c in row.items():
                lost[e] += c
        # What is left below 1e-6 is rounding: no evidence beyond the pair itself.
        return {f: {e: (c - row.get(e, 0.0)) / max(self.totals[e] - lost[e], 1e-9)
                    for e, c in self.counts.get(f, {}).items() if c - row.get(e, 0.0) > 1e-6}
                for f, row in mine.items()}

    def coverage(self, src: Sequence[str], tgt: Sequence[str], held_out: bool = False) -> list[float]:
        """How well the translation renders each source word: t(f | its best word in
        ``tgt``, or NULL) over t(f | its best word anywhere in the table). 1.0 when the
        word's usual translation is there, or when the word is usually left untranslated
        (NULL is its best); near 0 when only loosely associated words are. (Not IBM-1's
        posterior against NULL: summed over a long translation, weak associations with
        every word outweigh NULL, and a dropped word looks covered.) ``held_out``: by the
        model without this pair's own counts (see ``rows``)."""
        rows = self.rows(src, tgt, held_out)
        out = []
        for f in src:
            row = rows[f]
            best = max(row.values(), default=0.0)
            here = max([row.get(e, self.floor) for e in tgt] + [row.get(NULL, self.floor)])
            out.append(min(1.0, here / best) if best > 0 else 0.0)
        return out

    def log_likelihood(self, src: Sequence[str], tgt: Sequence[str]) -> float:
        """Mean over source words of log p(f | translation): how well the translation
        explains the source, per word (0.0 for a source without words)."""
        if not src:
            return 0.0
        total = 0.0
        for f in src:
            row = self.table.get(f, {})
            total += math.log((sum(row.get(e, self.floor) for e in tgt) + row.get(NULL, self.floor)) / (len(tgt) + 1))
        return total / len(src)


def _normalised_by_target(counts: Mapping[str, Mapping[str, float]]
                          ) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """t(f | e) = count(f, e) / sum over f' of count(f', e), and those sums."""
    totals: dict[str, float] = defaultdict(float)
    for row in counts.values():
        for e, c in row.items():
            totals[e] += c
    return {f: {e: c / totals[e] for e, c in row.items()} for f, row in counts.items()}, dict(totals)
