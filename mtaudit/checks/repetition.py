"""Repetition family: doubled words, looping phrases, duplicated speech attribution."""
from __future__ import annotations

import re
from typing import Iterator

from .registry import Hit, check
from .text import ATTRIBUTION, SPEAKER, SPEECH_VERBS, words

# Doubles that English allows: "that that", "had had", "is is" is not among them.
# Lexicalised reduplications ("ylang ylang", "mahi mahi") are words, not glitches.
_LEGIT_DOUBLES = {"that", "had", "do", "bye", "no", "very", "so", "knock", "tut", "yes", "ha", "bla", "blah", "chop",
                  "ylang", "mahi", "bora", "walla", "pom", "tom", "yo", "there", "well", "now", "night", "yeah"}


@check("MT101", name="repeated-word", category="Fluency/Repetition", severity="major",
       flags=["Shipping companies warned that the stoppage was costing the the region millions.",
              "The reform is is meant to limit rent increases.",
              "Prices in in the capital rose sharply."],
       passes=["He said that that decision was final.", "She had had enough of the delays.",
               "The vote passed 22 to 22 in the first round.", "Julian E. Barnes contributed reporting.",
               "It was a very, very close vote.", "What we see is ylang ylang, the strongly scented part.",
               "The panda Tian Tian arrived in Edinburgh in 2011."])
def repeated_word(hyp: str) -> Iterator[Hit]:
    """The same word twice in a row ("the the", "is is").

    A decoder glitch typical of MT output, never intended in news copy (a few English
    doubles such as "that that" and "had had" are allowed, and so are capitalised doubles,
    which are names: "Tian Tian", "Bora Bora"). Example: "costing the the region". Fix:
    delete the second word.
    """
    toks = words(hyp)
    low = [t.text.lower() for t in toks] + [""]
    for i, (a, b) in enumerate(zip(toks, toks[1:]), 1):
        word = low[i - 1]
        if (word == low[i] != low[i + 1] and (i < 2 or low[i - 2] != word)  # loops are MT102's
                and not word.isdigit() and word not in _LEGIT_DOUBLES and not b.text[:1].isupper()
                and hyp[a.end:b.start].strip() == ""):
            yield Hit(b.start, b.end, f"word repeated: “{a.text} {b.text}”", "")


@check("MT102", name="repeated-phrase", category="Fluency/Repetition", severity="major",
       flags=["He is a player we have followed for a long time, for a long time, for a long time.",
              "The president said prices were falling falling falling falling.",
              {"hyp": "The strike ended on Tuesday.", "prev": "The strike ended on Tuesday."},
              "The government the government the government has resigned."],
       passes=["Prices rose in January, fell in February and rose again in March.",
               "The small black hole gets faster and faster and louder.",
               "It sounded like ding, ding, ding.", "Thank you. Thank you, everybody.",
               {"hyp": "If the universe was empty, if the universe was empty, it would look like this.",
                "src": "如果宇宙是空的， 如果宇宙是空的， 它将看起来像这样。"},
               "The port reopened on Monday, and the airport reopened on Tuesday.",
               {"hyp": "Weber said.", "prev": "“We will act,” Weber said."},
               "Step by step, the city rebuilt its harbour.",
               "We find that we move along straight lines, along straight lines that cross.",
               "They talked and talked until midnight."])
def repeated_phrase(hyp: str, prev: str | None, src: str | None = None) -> Iterator[Hit]:
    """A phrase that loops ("for a long time, for a long time") or a sentence that repeats
    the previous one word for word.

    Hallucination loops are a known failure of neural MT: the decoder repeats a phrase
    until the length limit. Idioms are not loops: "faster and faster", "ding, ding, ding",
    "Thank you. Thank you" (short phrases repeated across punctuation); nor is a
    repetition the source has too. Example: "prices were falling falling falling
    falling". Fix: keep one occurrence.
    """
    if prev is not None and len(hyp) > 20 and hyp.strip() == prev.strip():
        yield Hit(0, len(hyp), "sentence repeats the previous sentence", "")
        return
    if src and source_repeats(src):
        return
    toks = words(hyp)
    low = [t.text.lower() for t in toks]
    i = 0
    while i < len(toks):
        hit = _loop_at(hyp, toks, low, i)
        if hit:
            n, reps = hit
            end = i + n * reps
            yield Hit(toks[i + n].start, toks[end - 1].end,
                      f"phrase repeated {reps} times: “{' '.join(t.text for t in toks[i:i + n])}”", "")
            i = end
        else:
            i += 1


# Source units: a CJK character each, else a word.
_UNIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W_]+")
_WORD_CHAR = re.compile(r"\w")


def source_repeats(src: str, longest: int = 24) -> bool:
    """Whether the source repeats a phrase right after itself ("如果宇宙是空的， 如果宇宙是空的";
    "very, very"): a hypothesis that repeats it too is faithful, not looping. The phrase has
    two characters or more and its second copy ends at a word boundary. Linear in the
    source length (a backtracking regex here took seconds per Chinese sentence)."""
    units = [(m.group(), m.end()) for m in _UNIT.finditer(src)]
    texts = [u for u, _ in units]
    for n in range(1, longest + 1):
        for i in range(len(texts) - 2 * n + 1):
            end = units[i + 2 * n - 1][1]
            if (texts[i:i + n] == texts[i + n:i + 2 * n] and sum(map(len, texts[i:i + n])) >= 2
                    and not _WORD_CHAR.match(src, end)):
                return True
    return False


def _loop_at(hyp: str, toks: list, low: list[str], i: int) -> tuple[int, int] | None:
    """(n, repetitions) when the n-gram at ``i`` repeats right after itself.

    Without punctuation between the copies: two words or more twice, or one word three
    times. Across punctuation (commas, full stops), where a phrase said twice is rhetoric
    ("along straight lines, along straight lines that…"): two words or more three times.
    The n-gram must
    not end in a function word ("faster and faster and" is an idiom, not a loop)."""
    for n in range(min(8, (len(low) - i) // 2), 0, -1):
        gram = low[i:i + n]
        if gram[-1] in _FUNCTION or gram[0] in _LEGIT_DOUBLES:
            continue
        reps = 1
        while low[i + reps * n:i + (reps + 1) * n] == gram:
            reps += 1
        if reps < 2:
            continue
        gaps = [hyp[toks[i + k * n - 1].end:toks[i + k * n].start] for k in range(1, reps)]
        punctuated = any(g.strip() for g in gaps)
        if (not punctuated and (n >= 2 or reps >= 3)) or (punctuated and n >= 2 and reps >= 3):
            return n, reps
    return None


_FUNCTION = {"the", "a", "an", "of", "to", "in", "and", "or", "on", "for", "by", "with", "at", "as"}
_ATTR_ONLY = re.compile(rf"^{SPEAKER}\s+(?:{'|'.join(SPEECH_VERBS)})(?:\s+\w+){{0,3}}\s*[.!?]$")
_ENDS_WITH_ATTR = re.compile(rf"[,”\"’]\s*(?:\w+\s+){{1,4}}(?:{'|'.join(SPEECH_VERBS)})(?:\s+\w+){{0,4}}\s*[.!?]$")


@check("MT103", name="duplicated-attribution", category="Fluency/Repetition", severity="major",
       flags=[{"hyp": "Kirby said.",
               "prev": "“We have acted deliberately with the aim of weakening the overall situation,” he said."},
              {"hyp": "Weber said.", "prev": "“Our members have shown that the port does not run without them,” she said."},
              "“We will not give up,” she said. Weber said.",
              "Guided tours are offered in English, the museum said. The museum said."],
       passes=[{"hyp": "Kirby said.", "prev": "The strikes were small and carefully calibrated."},
               {"hyp": "“The port stays open,” she added.", "prev": "“We will act,” Weber said."},
               "“We will act,” Weber said, adding that talks would continue.",
               "He said he would resign, the spokesman said on Monday.",
               {"hyp": "The company said repairs would be finished by 18:00.",
                "prev": "“We apologise,” the spokesman said."}])
def duplicated_attribution(hyp: str, prev: str | None) -> Iterator[Hit]:
    """Speech attributed twice: "…,” he said. Kirby said."

    MT systems that translate a source attribution ("sagte Weber") sometimes emit both a
    pronoun and a name attribution, leaving a stray "Kirby said." after a quote that
    already has one. Fix: keep one attribution ("…,” Kirby said.").
    """
    stripped = hyp.strip()
    if _ATTR_ONLY.match(stripped) and prev and _ENDS_WITH_ATTR.search(prev.strip()):
        yield Hit(hyp.index(stripped[0]), len(hyp.rstrip()),
                  "speech attribution repeated after a sentence that already has one", "")
        return
    found = [m for m in ATTRIBUTION.finditer(hyp)]
    for a, b in zip(found, found[1:]):
        gap = hyp[a.end(1):b.start(1)]
        if gap.strip() in ("", ".", ",") and _ATTR_ONLY.match(b.group(1)):
            yield Hit(b.start(1), b.end(1), "speech attribution repeated", "")
