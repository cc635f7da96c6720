"""Collocation family: adjacent common words that English rarely puts together.

The counts are symspellpy's bundled English frequency lists (offline, installed with the
package): Peter Norvig's unigram and bigram counts from the Google Web Trillion Word Corpus.
Only the counts are used, never SymSpell's spelling correction.
"""
from __future__ import annotations

import functools
import math
from array import array
from bisect import bisect_left
from importlib.resources import files
from typing import Any, Iterator, NamedTuple

from .lexical import _zipf
from .registry import Hit, check
from .text import words

CORPUS_TOKENS = 1_024_908_267_229  # Google Web 1T: tokens behind Norvig's counts
BIGRAM_SCALE = 64  # symspellpy stores each bigram count times 64 ("of the" = 64 x 2,766,332,391)
MIN_ZIPF = 3.5  # both words at least this common (wordfreq), so the pair's absence means something
MAX_PMI = 1.0  # flag an unlisted pair whose PMI can be at most this many bits
_ID_BITS = 17  # 82,765 unigrams fit in 17 bits; a bigram key is (id_a << 17) | id_b
FUNCTION_WORDS = frozenset("""
a an the this that these those my your his her its our their whose which who whom what
i you he she it we they me him us them myself yourself himself herself itself ourselves themselves
and or but nor so yet if then than because as while when where whether although though unless
of to in on at by for with from into onto about over under after before between through during
without within against among up down out off around across along upon toward towards via per
is are was were be been being am has have had having do does did done doing will would shall
should can could may might must not no yes very too also just only even still already
all any some many much more most few less least each every both either neither other another
such same own there here how why now again ever never one
""".split())


class Counts(NamedTuple):
    """The bundled counts, compact: word ids, unigram counts by id, sorted bigram keys and counts."""

    ids: dict[str, int]
    unigrams: array
    keys: array
    bigrams: array
    floor: int  # the smallest listed bigram count: an unlisted bigram occurs less often


class Association(NamedTuple):
    """How strongly two adjacent words go together: PMI in bits, or its upper bound if unlisted."""

    pmi: float
    listed: bool


@functools.lru_cache(maxsize=1)
def counts() -> Counts:
    """Load symspellpy's unigram and bigram lists once (about 0.5 s; 14 MB kept)."""
    data = files("symspellpy")
    ids: dict[str, int] = {}
    unigrams = array("q")
    with (data / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as f:
        for line in f:
            word, count = line.split()
            ids[word] = len(unigrams)
            unigrams.append(int(count))
    pairs = []
    with (data / "frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8") as f:
        for line in f:
            a, b, count = line.split()
            if a in ids and b in ids:
                pairs.append(((ids[a] << _ID_BITS) | ids[b], int(count) // BIGRAM_SCALE))
    pairs.sort()
    bigrams = array("q", (c for _, c in pairs))
    return Counts(ids, unigrams, array("q", (k for k, _ in pairs)), bigrams, min(bigrams))


def association(a: str, b: str) -> Association | None:
    """PMI of the bigram ``a b`` against independence; None if either word is not listed.

    For an unlisted bigram the count is below the list's floor, so the value is an upper
    bound: log2(floor * N / (count(a) * count(b))).
    """
    c = counts()
    if a not in c.ids or b not in c.ids:
        return None
    ia, ib = c.ids[a], c.ids[b]
    key = (ia << _ID_BITS) | ib
    pos = bisect_left(c.keys, key)
    listed = pos < len(c.keys) and c.keys[pos] == key
    joint = c.bigrams[pos] if listed else c.floor
    return Association(math.log2(joint * CORPUS_TOKENS / (c.unigrams[ia] * c.unigrams[ib])), listed)


def _content(word: str) -> bool:
    """A lower-case plain word (no name, number or hyphen), not a function word, common in English."""
    return word.isalpha() and word.islower() and word not in FUNCTION_WORDS and _zipf(word) >= MIN_ZIPF


@check("MT114", name="odd-collocation", category="Accuracy/Mistranslation", severity="minor", enabled=False,
       tunables={"max_pmi": float},
       flags=["In the night they're covered in pollen, sprayed down by them, and then the bristles "
              "we see above get wilted and let these pollen bugs get out -- it's incredible.",
              "But if you look at the spectrum, birds and us, we see red, green and blue to see this spectrum."],
       passes=["Heavy rain fell across the region on Tuesday.",
               "The strikes were a relatively small, carefully calibrated military response.",
               "Dock workers at the port of Hamburg ended a four-day strike.",
               "Insects see ultraviolet light, which we cannot see.",
               "New York Times reporter Farnaz Fassihi said 60 new teachers were hired."])
def odd_collocation(hyp: str, options: dict[str, Any] | None = None) -> Iterator[Hit]:
    """Two adjacent common content words that English rarely puts together.

    MT picks a wrong but common word ("see above get"); the pair then occurs far less than
    its words predict. Flagged: lower-case content words, both with Zipf >= 3.5, no
    punctuation between them, whose bigram is missing from Norvig's Web 1T list (floor
    100,000 in a trillion words) although independence would give it a PMI of at most
    ``max_pmi`` bits (default 1.0). Skipped: names, numbers, function words, hyphenated words.
    Off by default: on WMT21 TED zh-en (7,406 MT segments, benchmarks/ted_collocation.py)
    it flags 1.8% at PMI <= 1 bit with precision 0.43 for has_major (base rate 0.31) and
    0.15 for fluency_major (0.13), below the 0.56 of flagging as many of the longest
    segments, and it flags 2.3% of the human reference translations, more than MT output
    ("the main use of the filter", "see red"): the top-243k bigram list lacks too many
    fluent pairs. Example: "we see above get wilted". Fix: use the verb or adjective
    English pairs with the noun.
    """
    limit = float((options or {}).get("max_pmi", MAX_PMI))
    toks = words(hyp)
    for x, y in zip(toks, toks[1:]):
        if hyp[x.end:y.start].strip() or not (_content(x.text) and _content(y.text)):
            continue
        score = association(x.text, y.text)
        if score is not None and not score.listed and score.pmi <= limit:
            yield Hit(x.start, y.end, f"“{x.text} {y.text}” is a rare pair for two common words "
                      f"(PMI at most {score.pmi:.1f} bits)", None)
