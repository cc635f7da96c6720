"""Structure family: fragments, dangling clauses, comma splices, missing final punctuation."""
from __future__ import annotations

import functools
import re
from typing import Iterator

import lemminflect

from .registry import Hit, check
from .text import SPEECH_VERBS, words

_OPENERS = "“\"‘'([«„"
_SOURCE_FINAL = re.compile(r"[.!?…。！？][”\"’')\]」』）]*\s*$")
_FINAL = re.compile(r"[.!?…][”\"’')\]]*\s*$")
# Leading stage directions and asides: "(applause)", "(laughter) [music]" are not the sentence start.
_ASIDES = re.compile(r"^(?:\s*[(\[][^()\[\]]*[)\]])+\s*")
_BRANDS = re.compile(r"^(?:i[A-Z]|e[A-Z]|x[A-Z]|www\.|https?:|@|#|[a-z]+\.[a-z]{2,}\b)")


@check("MT104", name="lowercase-start", category="Fluency/Sentence structure", severity="major",
       flags=["would not avoid.", "and the ministers left the building.", "the operators would not avoid.",
              "(Laughter) you'd better get away from this sound.",
              "“because the port was closed,” he said."],
       passes=["The port reopened on Monday.", "iPhone sales fell in the third quarter.",
               "eBay said the outage was over.", "18:00 is the deadline for bids.", "“We will act,” she said.",
               "www.example.org has the full list.", "(applause)", "(laughter) Thank you very much.",
               {"hyp": "that we cannot open our eyes.", "prev": "The strong sunlight is so dazzling,"}])
def lowercase_start(hyp: str, prev: str | None = None) -> Iterator[Hit]:
    """A sentence that starts in lower case: a fragment split off its sentence.

    MT output that breaks a clause off its sentence leaves pieces such as "would not
    avoid." standing alone. Brand names (iPhone, eBay), numbers and web addresses are
    not flagged, nor stage directions such as "(applause)", nor a segment that continues
    a previous one ending without a full stop (subtitles and segmented talks). Fix: join
    the fragment to its sentence or rewrite it.
    """
    if prev and not _FINAL.search(prev):
        return
    text = _ASIDES.sub("", hyp.lstrip())
    offset = len(hyp) - len(text)
    body = text.lstrip(_OPENERS + " ")
    if body[:1].islower() and not _BRANDS.match(body):
        start = offset + len(text) - len(body)
        end = start + (words(body)[0].end if words(body) else 1)
        yield Hit(start, end, "sentence starts in lower case: a fragment of another sentence?", body[:1].upper())


_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did",
                "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'s", "’s"}


# "that" is left out: as a relative pronoun it comes before verbs ("the feelings that drives").
_NOUN_CONTEXT = {"the", "a", "an", "of", "in", "this", "these", "those", "its", "their", "his", "her",
                 "our", "my", "your", "after", "before", "near", "for", "with", "by", "on", "at", "from", "into",
                 "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "several", "some"}
_FINITE_TAGS = ("VBD", "VBZ", "VBP")


@functools.lru_cache(maxsize=50_000)
def _finite_forms(word: str) -> bool:
    """Whether the word is a past, 3rd-person or present form of some verb."""
    for lemma in lemminflect.getAllLemmas(word).get("VERB", ()):
        inflections = lemminflect.getAllInflections(lemma, upos="VERB")
        if any(word in inflections.get(tag, ()) for tag in _FINITE_TAGS):
            return True
    return False


# Contracted auxiliaries: "can't", "I'm", "we're", "they've", "you'll", "he'd"; "'s" after a
# pronoun ("it's", "there's", "that's") but not a possessive ("the Pentagon's").
_CONTRACTED = re.compile(r"(?:n['’]t|['’](?:m|re|ve|ll|d))$")
_S_HOSTS = {"it", "he", "she", "that", "there", "here", "what", "who", "where", "how", "let", "this", "why",
            "when", "everything", "something", "nothing", "everyone", "someone", "nobody", "one"}


def _is_auxiliary(word: str) -> bool:
    """An auxiliary or modal, bare or contracted ("is", "can't", "it's", "I'm")."""
    if word in _AUXILIARIES or _CONTRACTED.search(word):
        return True
    return word[-2:] in ("'s", "’s") and word[:-2] in _S_HOSTS


def _finite_verbs(toks: list) -> int:
    """How many finite verb groups: a modal/auxiliary, or a finite verb form not standing
    where a noun would (after "the", a preposition or a number) nor completing an
    auxiliary ("was closed", "has not reopened")."""
    low = [t.text.lower() for t in toks]
    count, last_aux = 0, -9
    for i, word in enumerate(low):
        if _is_auxiliary(word):
            count += i - last_aux > 2
            last_aux = i
            continue
        prev = low[i - 1] if i else ""
        if (_finite_forms(word) and prev not in _NOUN_CONTEXT and not prev.isdigit()
                and i - last_aux > 2):
            count += 1
    return count


def _has_finite_verb(toks: list) -> bool:
    return _finite_verbs(toks) > 0


# "The more unequal the society, the worse the results.": verbless and idiomatic.
_CORRELATIVE = re.compile(r"^\W*the\s+(?:more|less|worse|\w+er)\b[^,]*,\s*the\s+(?:more|less|worse|\w+er)\b", re.IGNORECASE)


@check("MT105", name="no-verb", category="Fluency/Sentence structure", severity="minor",
       flags=["Of the biggest explosion in years in the north of the city.",
              "A new assessment of the damage in the region after the storm.",
              "Because of the rain and the closure of the two bridges in the old town."],
       passes=["Dock workers end strike at Hamburg port after pay deal",
               "By Julian E. Barnes", "The port reopened on Monday.", "Reporting by Lena Hoffmann; editing by Mark Ellis",
               "Work on the new tram line will begin in the autumn.", "“Never again.”",
               "HAMBURG – The workers voted.", "There's a big difference between the poor and everyone else.",
               "So it's cheating on two levels -- it's unbelievable.", "I'm not using any hypothetical data at all.",
               "We can't say much more about the talks yet.",
               "The more unequal the society, the worse the performance of children.",
               "And those feelings of status competition that comes out of that drives consumerism."])
def no_verb(hyp: str) -> Iterator[Hit]:
    """A sentence of six or more words with no finite verb.

    A translated sentence without a verb is usually a fragment or a garbled clause.
    Headlines, bylines and credit lines (no final period), questions, short exclamations
    and comparative correlatives ("The more…, the better…") are not flagged. Example: "Of the biggest explosion in years in the north of the city." Fix:
    restore the verb the source has.
    """
    text = hyp.strip()
    if not text.endswith((".", "!", "?", ".”", ".\"")) or text.endswith("?") or _CORRELATIVE.match(text):
        return
    toks = [t for t in words(text) if t.text[:1].isalpha()]
    if len(toks) < 6 or _has_finite_verb(toks):
        return
    yield Hit(hyp.index(text[0]), hyp.index(text[0]) + len(text), "no verb in this sentence", None)


_DANGLING = re.compile(r",\s+(?:to|in order to)\s+\w+[.!?]?[”\"]?\s*$")
_SPEECH = re.compile(rf"\b(?:{'|'.join(SPEECH_VERBS)})\b")


@check("MT108", name="dangling-clause", category="Fluency/Sentence structure", severity="major",
       flags=["The Biden government sought to end talks on a nuclear deal that Trump drafted, to renew.",
              "The mayor said the city had prepared for the water, to renew.",
              "The union asked the operators for more money, in order to compensate."],
       passes=["The government wants to renew the deal.", "He went to Paris, to Berlin and to Rome.",
               "It was time, she said, to leave.", "The council met on Monday to vote on the budget.",
               "They came, to be honest, too late."])
def dangling_clause(hyp: str) -> Iterator[Hit]:
    """A bare infinitive tacked onto the end of a sentence after a comma (", to renew.").

    MT systems that cannot place a verb from the source leave it dangling at the end.
    Example: "…a nuclear deal that Trump drafted, to renew." Fix: move the verb into the
    clause it belongs to ("…to renew a nuclear deal that Trump drafted").
    """
    m = _DANGLING.search(hyp)
    comma = hyp.rfind(",", 0, m.start()) if m else -1
    aside = hyp[comma + 1:m.start()] if m and comma >= 0 else ""
    if m and not (_SPEECH.search(aside) and len(aside.split()) <= 4):  # ", she said, to leave."
        yield Hit(m.start() + 1, len(hyp.rstrip()), "a trailing infinitive that belongs elsewhere in the sentence", None)


@check("MT109", name="missing-final-punctuation", category="Fluency/Punctuation", severity="minor",
       flags=["The government announced new rules for rental housing on Monday and the opposition criticised them",
              "Around 4,000 people demonstrated in Berlin on Saturday, the police said,"],
       passes=["Dock workers end strike at Hamburg port after pay deal",
               "The port reopened on Monday.", "“We will act,” she said.", "Did the port reopen?",
               "Reporting by Lena Hoffmann; editing by Mark Ellis",
               {"hyp": "The strong sunlight is so dazzling,", "src": "强烈的阳光是如此地刺眼，"}])
def missing_final_punctuation(hyp: str, src: str | None = None) -> Iterator[Hit]:
    """A long sentence (12+ words) that ends without a full stop, question or exclamation
    mark, or one that ends in a comma.

    Headlines and credit lines are short or title-like and are not flagged, nor a segment
    whose source also ends without a full stop (a segment of a longer sentence). MT
    output truncated by a length limit or split at a comma ends like this. Fix: finish
    the sentence.
    """
    if src and not _SOURCE_FINAL.search(src):
        return
    text = hyp.rstrip()
    if not text or text.endswith((".", "!", "?", "…", "”", "\"", "’", ")", ":")):
        return
    toks = words(text)
    if text.endswith((",", ";")) or (len(toks) >= 12 and not _title_like(toks)):
        yield Hit(len(text) - 1, len(text), "sentence does not end with final punctuation", None)


def _title_like(toks: list) -> bool:
    """Credit lines and headlines: mostly capitalised words, or an editing/reporting credit."""
    capital = sum(t.text[:1].isupper() for t in toks)
    return capital >= len(toks) / 2 or toks[0].text.lower() in {"reporting", "editing", "by", "written"}


_SUBORDINATORS = {"because", "although", "though", "whereas", "unless", "whilst"}
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")
# A piece of text up to its full stop, starting where the previous one ended (as finditer tries):
# unanchored, text with no later full stop was tried from each of its characters (quadratic).
_PIECE = re.compile(r"(?<![^.!?])[^.!?]+[.!?]")


@check("MT111", name="subordinate-fragment", category="Fluency/Sentence structure", severity="minor",
       flags=["Because the airport was closed.", "Although the strike had ended on Monday.",
              "“Because the talks failed,” he said. Unless the council pays more."],
       passes=["Because the airport was closed, flights were diverted to Bremen.",
               "Although small, the strike was costly.", "Because of the storm the port stayed shut.",
               {"hyp": "Because we can.", "prev": "Why do we build these machines?"},
               "Unless the council pays more the workers will strike again."])
def subordinate_fragment(hyp: str, prev: str | None = None) -> Iterator[Hit]:
    """A sentence that is only a subordinate clause: "Because the airport was closed."

    MT systems that split a source sentence at a comma leave the subordinate half
    standing alone, without the main clause it depended on. An answer to a question
    ("Why? Because we can.") is not flagged. Example: "Although the strike had ended on
    Monday." Fix: join it to the sentence it belongs to.
    """
    if prev and prev.rstrip().rstrip("”\"’'").endswith("?"):
        return
    for m in _PIECE.finditer(hyp):
        text = m.group().lstrip(" ”\"’'“‘")
        toks = words(text)
        if (len(toks) >= 3 and toks[0].text.lower() in _SUBORDINATORS and not _CLAUSE_BREAK.search(text)
                and toks[1].text.lower() != "of" and _finite_verbs(toks) <= 1):
            start = m.end() - len(text)
            yield Hit(start, m.end(), f"a “{toks[0].text}” clause without a main clause", None)


_PRONOUN_SUBJECT = r"(?:he|she|it|they|we|i|there|this)"
_SPLICE = re.compile(rf",\s+({_PRONOUN_SUBJECT})\s+(\w+(?:['’]\w+)?)\b(?!,)", re.IGNORECASE)
_SUBORDINATING = _SUBORDINATORS | {"if", "when", "since", "while", "once", "until", "unless", "whether"}
# A sentence opening with one of these starts with a subordinate clause, a conjunction, a
# preposition or an interjection: its first comma is not a splice.
_OPENING_WORDS = _SUBORDINATING | {"after", "before", "as", "where", "so", "then", "now", "however", "yes", "no",
                                   "well", "oh", "but", "and", "or", "with", "in", "on", "at", "for", "from", "by",
                                   "to", "of", "during", "without", "like", "what", "how", "why"}
# The clause before the comma ends in a word that introduces what follows it.
_FUNCTION_END = {"that", "and", "but", "or", "because", "if", "when", "so", "which", "who", "where", "as"}


@check("MT112", name="comma-splice", category="Fluency/Sentence structure", severity="minor",
       flags=["The port reopened on Monday, it had been closed for a week.",
              "The ministers met in Brussels, they agreed on new sanctions.",
              "Prices rose sharply in March, this was the biggest rise in a decade."],
       passes=["When the strike ended, they went home.", "The port, it said, reopened on Monday.",
               "If the talks fail, we will strike again.", "The ministers, they said, had agreed.",
               "The port reopened on Monday, and it was busy at once.",
               "Prices rose, it seems.", "“The port is open,” he said, “and it will stay open.”"])
def comma_splice(hyp: str) -> Iterator[Hit]:
    """Two main clauses joined by a comma alone: "The port reopened, it had been closed."

    Chinese and other languages chain clauses with commas where English needs a full
    stop, a semicolon or a conjunction; MT carries the commas over. Flagged when the
    clause before the comma has its own finite verb and the one after starts with a
    pronoun subject and a finite verb; sentences that open with a subordinate clause
    ("When…, they…"), asides ("it said") and quotes are not. Fix: use a full stop,
    a semicolon or a conjunction.
    """
    if "“" in hyp or '"' in hyp:
        return
    for sentence in re.finditer(r"[^.!?]+(?:[.!?]+|$)", hyp):
        yield from _splices(hyp, sentence.start(), sentence.end())


def _splices(hyp: str, start: int, end: int) -> Iterator[Hit]:
    """Comma splices in one sentence of ``hyp`` (``start``:``end``)."""
    start += len(hyp[start:end]) - len(_ASIDES.sub("", hyp[start:end]))  # "(Music) Like…"
    toks = words(hyp[start:end])
    if len(toks) < 6 or toks[0].text.lower() in _OPENING_WORDS:
        return
    for m in _SPLICE.finditer(hyp, start, end):
        verb = m.group(2).lower()
        before = [t for t in toks if t.end + start <= m.start()]
        if any(t.text.lower() in _SUBORDINATING for t in before):  # "…that if X, it would…"
            continue
        rest = words(hyp[m.end():end])
        if (verb in SPEECH_VERBS or len(rest) < 2 or len(before) < 3 or before[-1].text.lower() in _FUNCTION_END
                or not (_is_auxiliary(verb) or _finite_forms(verb)) or not _has_finite_verb(before)):
            continue
        yield Hit(m.start(), m.start() + 1, "two sentences joined by a comma", ";")
