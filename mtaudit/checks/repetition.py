"""Repetition family: doubled words, looping phrases, duplicated speech attribution."""
from __future__ import annotations

import re
from typing import Iterator

from .registry import Hit, check
from .text import ATTRIBUTION, SPEAKER, SPEECH_VERBS, words

# Doubles that English allows: "that that", "had had", "is is" is not among them.
_LEGIT_DOUBLES = {"that", "had", "do", "bye", "no", "very", "so", "knock", "tut", "yes", "ha", "bla", "blah", "chop"}


@check("MT101", name="repeated-word", category="Fluency/Repetition", severity="major",
       flags=["Shipping companies warned that the stoppage was costing the the region millions.",
              "The reform is is meant to limit rent increases.",
              "Prices in in the capital rose sharply."],
       passes=["He said that that decision was final.", "She had had enough of the delays.",
               "The vote passed 22 to 22 in the first round.", "Julian E. Barnes contributed reporting.",
               "It was a very, very close vote."])
def repeated_word(hyp: str) -> Iterator[Hit]:
    """The same word twice in a row ("the the", "is is").

    A decoder glitch typical of MT output, never intended in news copy (a few English
    doubles such as "that that" and "had had" are allowed). Example: "costing the the
    region". Fix: delete the second word.
    """
    toks = words(hyp)
    low = [t.text.lower() for t in toks] + [""]
    for i, (a, b) in enumerate(zip(toks, toks[1:]), 1):
        word = low[i - 1]
        if (word == low[i] != low[i + 1] and (i < 2 or low[i - 2] != word)  # loops are MT102's
                and not word.isdigit() and word not in _LEGIT_DOUBLES and hyp[a.end:b.start].strip() == ""):
            yield Hit(b.start, b.end, f"word repeated: “{a.text} {b.text}”", "")


@check("MT102", name="repeated-phrase", category="Fluency/Repetition", severity="major",
       flags=["He is a player we have followed for a long time, for a long time, for a long time.",
              "The president said prices were falling falling falling falling.",
              {"hyp": "The strike ended on Tuesday.", "prev": "The strike ended on Tuesday."},
              "The government the government the government has resigned."],
       passes=["Prices rose in January, fell in February and rose again in March.",
               "The port reopened on Monday, and the airport reopened on Tuesday.",
               {"hyp": "Weber said.", "prev": "“We will act,” Weber said."},
               "Step by step, the city rebuilt its harbour.",
               "They talked and talked until midnight."])
def repeated_phrase(hyp: str, prev: str | None) -> Iterator[Hit]:
    """A phrase that loops ("for a long time, for a long time") or a sentence that repeats
    the previous one word for word.

    Hallucination loops are a known failure of neural MT: the decoder repeats a phrase
    until the length limit. Example: "prices were falling falling falling falling". Fix:
    keep one occurrence.
    """
    if prev is not None and len(hyp) > 20 and hyp.strip() == prev.strip():
        yield Hit(0, len(hyp), "sentence repeats the previous sentence", "")
        return
    toks = words(hyp)
    low = [t.text.lower() for t in toks]
    i = 0
    while i < len(toks):
        hit = _loop_at(low, i)
        if hit:
            n, reps = hit
            end = i + n * reps
            yield Hit(toks[i + n].start, toks[end - 1].end,
                      f"phrase repeated {reps} times: “{' '.join(t.text for t in toks[i:i + n])}”", "")
            i = end
        else:
            i += 1


def _loop_at(low: list[str], i: int) -> tuple[int, int] | None:
    """(n, repetitions) when an n-gram starting at ``i`` repeats right after itself:
    n >= 2 once, or a single word three times or more."""
    for n in range(min(8, (len(low) - i) // 2), 0, -1):
        gram = low[i:i + n]
        reps = 1
        while low[i + reps * n:i + (reps + 1) * n] == gram:
            reps += 1
        if (n >= 2 and reps >= 2) or (n == 1 and reps >= 3 and gram[0] not in _LEGIT_DOUBLES):
            if n == 1 or not all(w in _FUNCTION for w in gram):
                return n, reps
    return None


_FUNCTION = {"the", "a", "an", "of", "to", "in", "and", "on", "for", "by", "and"}
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
