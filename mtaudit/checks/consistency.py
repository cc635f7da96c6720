"""Consistency family: one document spelling the same name or word two ways."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

from .context import DocContext
from .facts import Fact, fact
from .registry import Hit, check
from .spelling_pairs import SPELLING_PAIRS, SpellingPair
from .spellings import Spellings, name_key, occurrences, shouting, word_key
from .text import words

__all__ = ["SPELLING_PAIRS", "SpellingPair", "Spellings", "Variety", "british_american_mix", "inconsistent_spelling",
           "name_key", "word_key"]


@check("MT120", name="inconsistent-spelling", category="Fluency/Inconsistency", severity="minor",
       flags=[{"hyp": "Mr Kirby said the U.S. retaliation was meant to punish the perpetrators.",
               "doc": {"hyps": ["Mr. Biden approved the strikes on Thursday morning.",
                                "Mr Kirby said the U.S. retaliation was meant to punish the perpetrators.",
                                "Mr. Biden discussed the rocket attacks on Tuesday."]}},
              {"hyp": "Some US officials claim that the group is merely a front.",
               "doc": {"hyps": ["U.S. officials said the attack killed a handful of civilians.",
                                "Some US officials claim that the group is merely a front.",
                                "The U.S. military has reduced the number of troops in Iraq."]}},
              {"hyp": "President Zelenskyy said Ukraine would not give up territory.",
               "doc": {"hyps": ["Volodymyr Zelensky met the French president in Paris.",
                                "President Zelenskyy said Ukraine would not give up territory.",
                                "Zelensky later thanked Paris for its support."]}},
              {"hyp": "The group said it had been in contact with Al Qaeda.",
               "doc": {"hyps": ["The attack bore the hallmarks of al-Qaeda.",
                                "The group said it had been in contact with Al Qaeda."]}},
              {"hyp": "He confirmed the decision in an e-mail.",
               "doc": {"hyps": ["Mulroy said in an email that the strike was smart.",
                                "He confirmed the decision in an e-mail."]}}],
       passes=[{"hyp": "The strikes were just across the border in Syria.",
                "doc": {"hyps": ["The strikes were just across the border in Syria.",
                                 "U.S. officials said the strikes were a calibrated response."]}},
               {"hyp": "Kirby's statement was read out on Friday.",
                "doc": {"hyps": ["Kirby said the strikes were proportionate.", "Kirby's statement was read out on Friday."]}},
               {"hyp": "The president said the group was backed by Iran.",
                "doc": {"hyps": ["President Biden approved the strikes.", "The president said the group was backed by Iran."]}},
               {"hyp": "Al-Qaeda claimed the attack, officials said.",
                "doc": {"hyps": ["The group is an offshoot of al-Qaeda.", "Al-Qaeda claimed the attack, officials said."]}},
               {"hyp": "Let us know what you think, said Ms. Weber.",
                "doc": {"hyps": ["The US is a key partner.", "Let us know what you think, said Ms. Weber.",
                                 "Patients with MS were treated at the clinic."]}},
               {"hyp": "The minister decided to re-sign the treaty.",
                "doc": {"hyps": ["The minister refused to resign.", "The minister decided to re-sign the treaty."]}},
               "Mr. Biden approved the strikes on Thursday morning."])
def inconsistent_spelling(hyp: str, doc: DocContext | None = None) -> Iterator[Hit]:
    """A name, title, abbreviation or word the document spells two ways ("Mr" and "Mr.",
    "US" and "U.S.", "Zelensky" and "Zelenskyy", "al-Qaeda" and "Al Qaeda", "e-mail" and "email").

    MT systems translate sentence by sentence, so nothing keeps a spelling stable across a
    document. The less used spelling is flagged (on a tie, the later one). Capitals at a
    sentence start, possessives and short acronyms of a different case ("MS", "Ms") are not
    variants. Example: "Mr Kirby" in a text that writes "Mr. Biden". Fix: use one spelling.
    """
    if doc is None or shouting(hyp):
        return
    spellings = doc.derived(Spellings)
    for occ in occurrences(hyp):
        found = spellings.classify(occ)
        if found is None or len(spellings.counts.get(found[1], ())) < 2:
            continue
        form, key = found
        best, count = spellings.majority(key)
        if form != best:
            suggestion = best[0].upper() + best[1:] if occ.form[0] != form[0] else best
            yield Hit(occ.start, occ.end, f"“{occ.form}” is spelled “{best}” elsewhere in this document "
                      f"({count} time{'s' if count > 1 else ''})", suggestion)


_BY_FORM: dict[str, tuple[SpellingPair, bool]] = {
    **{p.american: (p, False) for p in SPELLING_PAIRS}, **{p.british: (p, True) for p in SPELLING_PAIRS}}


def _spelled(sentence: str) -> Iterator[tuple[int, str, SpellingPair, bool]]:
    """(offset, word, pair, is British) for each lower-case word or hyphen part in the table;
    capitalised words are names ("Pearl Harbor", "Labour")."""
    for tok in words(sentence):
        offset = tok.start
        for part in tok.text.split("-"):
            if part.islower() and part in _BY_FORM:
                yield (offset, part, *_BY_FORM[part])
            offset += len(part) + 1


@dataclass(frozen=True)
class _Variety:
    """A document's spelling votes and the variety they decide (None: no evidence)."""

    british: int
    american: int
    uses_ise: bool
    variety: Literal["British", "American"] | None


Votes = tuple[int, int, bool, "str | None"]  # British and American words, an Oxford -ise, the first variety


def _votes(sentence: str) -> Votes:
    """A sentence's British and American spellings, as MT121's document fact counts them."""
    british = american = 0
    uses_ise, first = False, None
    for _, _, pair, is_british in _spelled(sentence):
        if not is_british and pair.kind != "strict":
            continue  # -ize and "program" are no evidence of American spelling
        british, american = british + is_british, american + (not is_british)
        uses_ise = uses_ise or (is_british and pair.kind == "oxford")
        first = first or ("British" if is_british else "American")
    return british, american, uses_ise, first


class _VarietyTally:
    def __init__(self) -> None:
        self.votes: Votes = (0, 0, False, None)

    def add(self, votes: Votes) -> None:
        b, a, ise, first = self.votes
        self.votes = (b + votes[0], a + votes[1], ise or votes[2], first or votes[3])

    def result(self) -> _Variety:
        british, american, uses_ise, first = self.votes
        variety = "British" if british > american else "American" if american > british else first
        return _Variety(british, american, uses_ise, variety)  # type: ignore[arg-type]


@fact
class Variety(Fact[Votes, _Variety]):
    """MT121's document fact: its British and American spellings and the variety they decide."""

    name = "variety"
    codes = frozenset({"MT121"})

    def sentence(self, hyp: str) -> Votes:
        return _votes(hyp)

    def tally(self, names: frozenset[str]) -> _VarietyTally:
        return _VarietyTally()


@check("MT121", name="british-american-mix", category="Fluency/Inconsistency", severity="minor",
       flags=[{"hyp": "Residents have organized a protest against the color of the new flats.",
               "doc": {"hyps": ["The council criticised the plan to close the harbour.",
                                "The mayor said the neighbourhood would be consulted.",
                                "Residents have organized a protest against the color of the new flats."]}},
              {"hyp": "The ministry's programme of repairs will cost $2 million.",
               "doc": {"hyps": ["The defense ministry said the center would reopen in May.",
                                "Officials analyzed the damage on Tuesday.",
                                "The ministry's programme of repairs will cost $2 million."]}}],
       passes=[{"hyp": "The organization said the colour of the flag was chosen by the council.",
                "doc": {"hyps": ["The organization said the colour of the flag was chosen by the council.",
                                 "The centre will recognize the neighbours' concerns."]}},
               {"hyp": "The software program was written by students at the local college.",
                "doc": {"hyps": ["The council's programme of repairs began in the town centre.",
                                 "The software program was written by students at the local college.",
                                 "The defence ministry welcomed the plan."]}},
               {"hyp": "The colour guard marched at Pearl Harbor on Sunday.",
                "doc": {"hyps": ["The colour guard marched at Pearl Harbor on Sunday.",
                                 "The ceremony was organised by the defence ministry."]}},
               {"hyp": "Officials said the practice of detaining migrants would end.",
                "doc": {"hyps": ["Officials said the practice of detaining migrants would end.",
                                 "The defence secretary said the centre would close."]}},
               "The port reopened on Monday."])
def british_american_mix(hyp: str, doc: DocContext | None = None) -> Iterator[Hit]:
    """A British spelling in an American document, or an American one in a British document.

    MT systems learn from British and American text alike and switch between them from one
    sentence to the next. The document's variety is the majority of its British and American
    spellings (on a tie, the first); -ize is also Oxford British, so it is flagged only beside
    -ise, and "program", "license", "practice" only count as British. Example: "color" in a
    text that writes "colour" and "harbour". Fix: use the document's spelling.
    """
    if doc is None:
        return
    votes = doc.derived(Variety)
    for offset, word, pair, is_british in _spelled(hyp):
        side = "British" if is_british else "American"
        if votes.variety is None or side == votes.variety:
            continue
        if not is_british and (pair.kind == "one-way" or pair.kind == "oxford" and not votes.uses_ise):
            continue
        other = pair.american if is_british else pair.british
        message = (f"“{word}”: -ize beside this document's -ise spellings" if pair.kind == "oxford" and not is_british
                   else f"“{word}” is {side} spelling; this document otherwise uses {votes.variety} spelling")
        yield Hit(offset, offset + len(word), f"{message} ({votes.british} British, {votes.american} American words)",
                  other)
