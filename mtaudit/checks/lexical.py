"""Lexical family: words that are rare or do not exist in the target language."""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from wordfreq import zipf_frequency

from .context import DocContext
from .facts import Fact, fact
from .inline_codes import PLACEHOLDER
from .language import identifier
from .registry import Hit, check
from .substrings import SentenceIndex, sentence_runs
from .text import words

MIN_ZIPF = 1.7  # wordfreq Zipf scale: 1.7 is about once in 50 million words
_PLAIN = re.compile(r"^[a-z]+(?:['’][a-z]+)?$")


@functools.lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _rare(word: str, limit: float) -> bool:
    """Rare in English: the word, its possessive-free form and each hyphen part are all rare."""
    base = re.sub(r"['’]s$", "", word)
    if _zipf(word) >= limit or _zipf(base) >= limit:
        return False
    return True


@check("MT107", name="rare-word", category="Accuracy/Mistranslation", severity="major", tunables={"min_zipf": float},
       flags=["Biden orders air strike in Syria targeting Iran-backed milieus",
              "The city will hire 60 new teachers' mandataries and buy 25 electric buses.",
              "Workers at the harbour ended the stevedorage on Tuesday."],
       passes=["The strikes were a relatively small, carefully calibrated military response.",
               "Dock workers at the port of Hamburg ended a four-day strike.",
               {"hyp": "The attack on Erbil airport was claimed by Awliya al Dam.", "doc": {"names": ["Awliya"]}},
               {"hyp": "The spadix heats up at night.", "ref": "The spadix warms up at night."},
               {"hyp": "Its mouthparts are long.",
                "doc": {"hyps": ["Its mouthparts are long.", "The mouthparts pierce the leaf."]}},
               "The figures were published at 18:00 on ver.di's website."])
def rare_word(hyp: str, ref: str | None = None, src: str | None = None, doc: DocContext | None = None,
              options: dict[str, Any] | None = None) -> Iterator[Hit]:
    """A word that is rare or non-existent in English (wordfreq Zipf frequency below 1.7).

    A wrong-sense or invented word is the clearest lexical sign of MT: "Iran-backed
    milieus" for militias. Skipped: capitalised words (names), the batch's names, words
    with digits or inner periods, words found in the source or reference, and words the
    document uses in more than one sentence (domain terms). Major: on WMT21 TED zh-en,
    over half of the segments it flags have a major error (base rate 31%). Example:
    "milieus". Fix: use the word the source means.
    """
    limit = float((options or {}).get("min_zipf", MIN_ZIPF))
    context = f"{ref or ''} {src or ''}".lower()
    names = doc.names if doc else frozenset()
    for tok in words(hyp):
        for part, offset in _parts(tok.text):
            if not _PLAIN.match(part) or len(part) < 4 or part in names or not _rare(part, limit):
                continue
            if part in context or (doc and doc.derived(SentenceRuns).count(part) > 1):
                continue
            start = tok.start + offset
            yield Hit(start, start + len(part), f"“{part}” is rare or unknown in English", None)


@fact
class SentenceRuns(Fact[frozenset[str], SentenceIndex]):
    """MT107's document fact: which sentences hold each word, even inside a longer one
    (``SentenceIndex``), from each sentence's runs of letters. Built once per document:
    counting a word by scanning every sentence made a long document quadratic."""

    name = "sentence-runs"
    codes = frozenset({"MT107"})

    def sentence(self, hyp: str) -> frozenset[str]:
        return sentence_runs(hyp)

    def tally(self, names: frozenset[str]) -> SentenceIndex:
        return SentenceIndex()


def _parts(word: str) -> list[tuple[str, int]]:
    """Lower-case hyphen parts of a word with their offsets; capitalised parts are names."""
    out, pos = [], 0
    for part in word.split("-"):
        if part and not part[0].isupper():
            out.append((part, pos))
        pos += len(part) + 1
    return out


_SURE = 0.99
_ENGLISH_ZIPF = 3.0


@functools.lru_cache(maxsize=100_000)
def _zipf_in(word: str, lang: str) -> float:
    """The word's frequency in another language (0 where wordfreq has no list for it)."""
    try:
        return zipf_frequency(word, lang)
    except LookupError:
        return 0.0


@check("MT110", name="wrong-language", category="Accuracy/Untranslated", severity="major",
       flags=["Der Bau wurde vorerst gestoppt.", "Le conseil municipal a adopté jeudi un budget.",
              "我们站在地球上仰望夜空。", "La huelga terminó el martes por la noche."],
       passes=["The port reopened on Monday.", "Anna K. Weber and Jens Paulsen met in Hamburg.",
               "Japan is quite different.", "(applause)", "Reporting by Lena Hoffmann; editing by Mark Ellis",
               "Mustafa al-Kadhimi met Farnaz Fassihi in Baghdad."])
def wrong_language(hyp: str) -> Iterator[Hit]:
    """A sentence that is not in English: untranslated or mistranslated into another language.

    Flagged only when the language identifier (langid, offline) is sure (p >= 0.99) and
    most lower-case words are not common English words (or are commoner in the other
    language), so names and short English lines do not trip it. Example: "Der Bau wurde vorerst gestoppt." Fix: translate it.
    """
    if len(hyp.strip()) < 12:
        return
    lower = [t.text for t in words(hyp) if t.text[:1].islower() and t.text.isalpha()]
    if len(lower) >= 3 and sum(_zipf(w) < _ENGLISH_ZIPF for w in lower) <= len(lower) / 5:
        return  # nearly all common English words: no need to ask the identifier (the slow part)
    # Masked inline codes (U+FFFC, see inline_codes) are no text: langid reads its bytes as CJK.
    lang, prob = identifier().classify(hyp.replace(PLACEHOLDER, " "))
    if lang == "en" or prob < _SURE:
        return
    english = sum(_zipf(w) >= _ENGLISH_ZIPF and _zipf(w) >= _zipf_in(w, lang) for w in lower)
    if lang in ("zh", "ja", "ko") or (len(lower) >= 2 and english < len(lower) / 2):
        yield Hit(0, len(hyp), f"this sentence looks like {lang}, not English (p = {prob:.2f})", None)
