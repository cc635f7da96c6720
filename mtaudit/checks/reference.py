"""Reference family: what the hypothesis changes or leaves out compared with the reference."""
from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Iterator

from .registry import Hit, check
from .numbers import Number, numbers, size
from .text import words


def number_differences(hyp: str, other: str, spelled: bool = True, ignore: frozenset[str] = frozenset(),
                       dates: bool = False) -> tuple[list[Number], list[str]]:
    """Numbers of the hypothesis the other side lacks, and values of the other side the
    hypothesis lacks (multisets: "2 … 2" needs two 2s; a date or weekday once is enough,
    as a dateline repeats the date); values in ``ignore`` are skipped; ``dates``: read
    English dates ("March 5") as dates. A magnitude ("thousands", 数千) or a weak numeral
    (三维) on the other side is never missing; a magnitude covers a number of its size
    ("3,000" for 数千), a weak numeral its value. The hypothesis's magnitudes are extra only
    beside magnitudes of another size ("a few million" for 几千)."""
    hyp_nums = [n for n in numbers(hyp, spelled, dates) if n.value not in ignore]
    other_nums = [n for n in numbers(other, spelled, dates) if n.value not in ignore]
    magnitudes = [size(n.value) for n in other_nums if n.approx]
    have = _once_dated(Counter(n.value for n in hyp_nums if not n.approx))
    want = _once_dated(Counter(n.value for n in other_nums if not n.approx and not n.weak))
    extra_budget = have - want - Counter(n.value for n in other_nums if n.weak and not n.approx)
    extra = []
    for n in reversed(hyp_nums):
        if n.approx:
            own = size(n.value)
            if magnitudes and not any(0.1 < size(o.value) / own < 10 for o in other_nums):
                extra.append(n)
        elif extra_budget[n.value] > 0:
            extra_budget[n.value] -= 1
            if not any(m <= size(n.value) < 10 * m for m in magnitudes):
                extra.append(n)
    return sorted(extra), sorted((want - have).elements())


def _once_dated(counts: Counter[str]) -> Counter[str]:
    """Dates and weekdays ("March 5", "Tuesday") counted once however often they occur."""
    return Counter({v: 1 if v[:1].isalpha() else k for v, k in counts.items()})


@check("MT301", name="number-mismatch-ref", category="Accuracy/Mistranslation", severity="major",
       flags=[{"hyp": "Firefighters evacuated 120 residents.", "ref": "Firefighters evacuated 210 residents."},
              {"hyp": "Around 4,000 people demonstrated.", "ref": "Around 40,000 people demonstrated."},
              {"hyp": "The vote passed by 41 votes.", "ref": "The vote passed by 41 votes to 22."},
              {"hyp": "Two bridges were closed.", "ref": "3 bridges were closed."}],
       passes=[{"hyp": "Around 2500 containers waited.", "ref": "Around 2,500 containers waited."},
               {"hyp": "Two bridges were closed.", "ref": "2 bridges were closed."},
               {"hyp": "Talks ended at 18:00.", "ref": "The talks ended at 18:00."},
               {"hyp": "The port reopened.", "ref": "The port opened again."},
               {"hyp": "Two black holes are approaching each other.", "ref": "Both black holes are approaching each other."},
               {"hyp": "This one doesn't smell so good.", "ref": "This flower does not smell great."},
               {"hyp": "Another project is expected to start within the next decade.",
                "ref": "Another project is expected to start in the next ten years."},
               {"hyp": "Compare the top 20% and the bottom 20% of each country.",
                "ref": "Compare the top and bottom 20% of each country."},
               {"hyp": "Proteins fold in ten thousand nanoseconds.", "ref": "Proteins fold in 10,000 nanoseconds."},
               {"hyp": "It cost €3.4 million.", "ref": "The works took 2 years and cost €3.4 million.",
                "hyp_group": "The works took 2 years. It cost €3.4 million."}])
def number_mismatch_ref(hyp: str, ref: str, hyp_group: str | None = None) -> Iterator[Hit]:
    """A number that differs from the reference: changed, dropped or added.

    Numbers are where a fluent MT sentence is most dangerously wrong ("120" for 210).
    "2,500" equals "2500", "two" equals "2", times stay as written. A number in words
    only counts when a number on the other side is unmatched too ("two" for "3"): words
    are paraphrased ("two" for "both", "a decade" for "ten years", "this one"). A value
    that occurs on both sides, however often, is not flagged. When two hypothesis
    sentences share one reference sentence, their numbers are compared together. Fix:
    copy the number the source gives.
    """
    group = hyp_group or hyp
    offset = group.find(hyp) if hyp in group else 0
    extra, missing = number_differences(group, ref)
    ref_values = {n.value for n in numbers(ref) if not n.approx}
    extra = [n for n in extra if n.value not in ref_values]
    if not extra:  # a reference number only in words is a paraphrase, not a loss
        in_digits = {n.value for n in numbers(ref, spelled=False) if not n.approx}
        missing = [v for v in missing if v in in_digits]
    elif not missing:
        extra = [n for n in extra if not group[n.start:n.end][:1].isalpha()]
    for n in extra:
        if offset <= n.start < offset + len(hyp):
            yield Hit(n.start - offset, n.end - offset, f"number {group[n.start:n.end]} is not in the reference"
                      + (f" (reference has {', '.join(missing)})" if missing else ""), None)
    if missing and not extra and offset == 0:
        yield Hit(0, 0, f"reference number(s) {', '.join(missing)} missing from the translation", None)


_MIN_REF_WORDS = 8  # shorter references are mostly paraphrase (WMT21 TED zh-en)
_MAX_SHARE = 0.5


@check("MT302", name="missing-content-ref", category="Accuracy/Omission", severity="minor",
       flags=[{"hyp": "The mayor said the city had prepared.",
               "ref": "The mayor said the city had prepared for the high water and would renew its flood defences next year."},
              {"hyp": "Markets reacted.", "ref": "Markets reacted calmly to the announcement by the central bank."}],
       passes=[{"hyp": "The port reopened on Monday.", "ref": "The port opened again on Monday."},
               {"hyp": "It rained.", "ref": "It rained all day."},
               {"hyp": "Economists had expected this decision for weeks.", "ref": "Economists had expected the decision."},
               {"hyp": "Weber said.", "ref": "“Our members have shown that the port does not run without them,” Weber said.",
                "hyp_group": "“Our members have shown that the port does not run without them,” she said. Weber said."}])
def missing_content_ref(hyp: str, ref: str, hyp_group: str | None = None) -> Iterator[Hit]:
    """A translation with less than half the words of its reference: an omission candidate.

    Dropped clauses are the most frequent major accuracy error of fluent MT; length
    against the reference is the cheapest sign of one. Sentences aligned together to one
    reference sentence are measured together. Fix: compare with the source and translate
    what is missing.
    """
    n_ref = len(words(ref))
    n_hyp = len(words(hyp_group or hyp))
    if hyp.strip() and n_ref >= _MIN_REF_WORDS and n_hyp < _MAX_SHARE * n_ref:
        yield Hit(0, len(hyp), f"translation has {n_hyp} words, the reference {n_ref}: something omitted?", None)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;)\]]\s+|[“\"‘(]\s*)$")
_JOINERS = {"of", "the", "and", "for", "de", "von", "van", "al", "bin"}


def _reference_names(ref: str) -> list[list[str]]:
    """Names of the reference: runs of capitalised words ("Milky Way", "National Aeronautics
    and Space Administration"), sentence starts and "I", "I'd" left out."""
    names: list[list[str]] = []
    run: list[str] = []
    last_end = -1
    for tok in words(ref):
        text = tok.text.rstrip(".")
        is_name = (len(text) > 1 and text[:1].isupper() and not re.match(r"I['’]", text)
                   and not _SENTENCE_START.search(ref[:tok.start]))
        if is_name and run and ref[last_end:tok.start].strip() == "" and not (text.isupper() or run[-1].isupper()):
            run.append(text)
        elif run and text.lower() in _JOINERS and ref[last_end:tok.start].strip() == "":
            run.append(text)
        else:
            if run:
                names.append(run)
            run = [text] if is_name else []
        last_end = tok.end
    if run:
        names.append(run)
    return [[w for w in n if w.lower() not in _JOINERS] or n for n in names]


def _similar(a: str, b: str) -> bool:
    """Spelling variants ("Zelensky"/"Zelenskyy"): difflib ratio >= 0.8, cheap bounds first."""
    if 2 * min(len(a), len(b)) < 0.8 * (len(a) + len(b)):
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _acronyms(name: list[str]) -> set[str]:
    """How a name may be abbreviated or written out: "USA" for United States (of America)."""
    if len(name) == 1:
        return {name[0]} if name[0].isupper() else set()
    initials = "".join(w[0] for w in name).upper()
    return {initials, initials + "A"}


def _present(name: list[str], hyp_words: set[str], hyp_acronyms: set[str]) -> bool:
    """Any word of the name in the hypothesis (allowing spelling variants and
    possessives), or the name as an acronym or the acronym spelled out."""
    if _acronyms(name) & hyp_acronyms:
        return True
    for word in name:
        low = re.sub(r"['’]s$", "", word.lower())
        if low in hyp_words or any(w.startswith(low) or _similar(w, low) for w in hyp_words):
            return True
    return False


@check("MT305", name="missing-name-ref", category="Accuracy/Omission", severity="minor",
       flags=[{"hyp": "The spokesman said the strikes were a response.",
               "ref": "Pentagon spokesman John Kirby said the strikes were a response."},
              {"hyp": "The talks ended on Tuesday.", "ref": "The talks in Brussels ended on Tuesday."}],
       passes=[{"hyp": "Kirby said the strikes were a response.", "ref": "Kirby said the strikes were a response."},
               {"hyp": "President Zelensky spoke in Kyiv.", "ref": "President Zelenskyy spoke in Kyiv."},
               {"hyp": "The port reopened on Monday.", "ref": "“The port reopened on Monday,” she said."},
               {"hyp": "Kirby's statement was short.", "ref": "The statement by Kirby was short."},
               {"hyp": "The simulation was run at NASA.", "ref": "The National Aeronautics and Space Administration ran it."},
               {"hyp": "Incomes in the USA rose.", "ref": "(Laughter) Incomes in the United States rose, I'd say."}])
def missing_name_ref(hyp: str, ref: str, hyp_group: str | None = None) -> Iterator[Hit]:
    """A name of the reference (a capitalised word not at a sentence start) that the
    translation does not contain in any spelling close to it.

    Dropped or garbled names are omissions a reader cannot recover: "the spokesman said"
    for "Pentagon spokesman John Kirby said". Spelling variants (Zelensky/Zelenskyy) and
    possessives count as present. Fix: restore the name the source gives.
    """
    text = hyp_group or hyp
    hyp_words = {w.text.lower().rstrip(".") for w in words(text)}
    hyp_words |= {re.sub(r"['’]s$", "", w) for w in hyp_words}
    acronyms = set().union(*(_acronyms(n) for n in _reference_names(text)))
    missing = list(dict.fromkeys(" ".join(n) for n in _reference_names(ref) if not _present(n, hyp_words, acronyms)))
    if missing and hyp.strip():
        yield Hit(0, 0, f"name(s) of the reference missing: {', '.join(missing)}", None)
