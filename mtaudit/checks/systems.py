"""Systems family: where a translation departs from the other systems' translations of the same
sentence (``compare`` only: an audit of one system has no others)."""
from __future__ import annotations

from typing import Iterator, Sequence

from .numbers import numbers, size
from .registry import Hit, check

# Measured on the MQM sets (benchmarks/README.md, "Where the judgment stops"): the segments it
# finds have a major error 89 % of the time on WMT23 news (37 of 1,890; base 61 %) and 64 % on
# WMT21 TED (66 of 7,406; base 31 %). Three others at least, so that "the others" is a majority
# and not one system.
MIN_OTHERS = 3
RARE = 0.2
COMMON = 0.8
_REVENUE = ["Quarterly revenue reached 4.5 billion yuan, the company said.",
            "The company said quarterly revenue reached 4.5 billion yuan.",
            "Revenue for the quarter was 4.5 billion yuan, according to the company."]


def _numbers(text: str) -> dict[str, str]:
    """A translation's exact numbers (magnitudes such as "thousands" left out): value → as written."""
    found: dict[str, str] = {}
    for n in numbers(text, dates=True):
        if not n.approx:
            found.setdefault(n.value, text[n.start:n.end])
    return found


@check("MT501", name="number-departs-from-others", category="Accuracy/Mistranslation", severity="minor",
       flags=[{"hyp": "Firefighters evacuated 120 residents from the burning tower.",
               "others": ["Firefighters evacuated 210 residents from the burning tower.",
                          "Fire crews evacuated 210 residents from the tower that was on fire.",
                          "210 residents were evacuated from the burning tower by firefighters."]},
              {"hyp": "Quarterly revenue reached 45 billion yuan, the company said.", "others": _REVENUE},
              {"hyp": "The storm killed people in the coastal province on Monday.",
               "others": ["The storm killed 12 people in the coastal province on Monday.",
                          "On Monday the storm killed 12 people in the coastal province.",
                          "Twelve people were killed by the storm in the coastal province on Monday.",
                          "The storm left 12 dead in the coastal province on Monday."]}],
       passes=[{"hyp": "Quarterly revenue was 4.5 billion yuan, the company said.", "others": _REVENUE},
               {"hyp": "Three people died when the bus left the road.",
                "others": ["3 people died when the bus left the road.", "Three people were killed when the bus crashed.",
                           "The bus crash killed three people."]},
               {"hyp": "Firefighters evacuated 120 residents from the burning tower.",
                "others": ["Firefighters evacuated 210 residents from the burning tower.",
                           "Fire crews evacuated 210 residents from the tower that was on fire."]},
               {"hyp": "The three ministers met in Beijing on Monday.", "src": "三位部长周一在北京会面。",
                "others": ["The ministers met in Beijing on Monday.", "Ministers met in Beijing on Monday.",
                           "The ministers held a meeting in Beijing on Monday."]},
               {"hyp": "Thousands of people marched through the capital on Feb. 11.",
                "others": ["About 3,000 people marched through the capital on February 11.",
                           "Some 3,000 people marched in the capital on 11 February.",
                           "On February 11, around 3,000 people marched through the capital."]}])
def number_departs(hyp: str, others: Sequence[str], src: str | None = None) -> Iterator[Hit]:
    """A number that at most one in five of the other systems' translations of the sentence
    has, or one that four in five of them have and this one lacks (``compare``, with three
    other systems at least; a number the source has is never a departure).

    Systems that agree on a number are rarely all wrong: "120 residents" where every other
    system wrote 210 is a swapped digit, a dropped "12 people" an omission. The others can be
    wrong together, so this is a candidate (minor) for the reviewer to check against the
    source; it does not move the score. Fix: check the number against the source.
    """
    if len(others) < MIN_OTHERS:
        return
    theirs = [_numbers(o) for o in others]
    source = set(_numbers(src)) if src else set()
    mine = _numbers(hyp)
    magnitudes = [size(n.value) for n in numbers(hyp, dates=True) if n.approx]  # "thousands" covers 3,000
    support = {v: sum(v in t for t in theirs) for t in theirs for v in t}
    missing = [(v, next(t[v] for t in theirs if v in t)) for v, k in support.items()
               if v not in mine and k >= COMMON * len(others) and not any(m <= size(v) < 10 * m for m in magnitudes)]
    near = f" (the others have {', '.join(w for _, w in missing)})" if missing else ""
    extra = False
    for n in numbers(hyp, dates=True):
        if n.approx or n.value in source or support.get(n.value, 0) > RARE * len(others):
            continue
        extra = True
        yield Hit(n.start, n.end, f"“{hyp[n.start:n.end]}” is in {support.get(n.value, 0) or 'none'} of the "
                                  f"other {len(others)} translations{near}", missing[0][1] if missing else None)
    if not extra:
        for value, written in missing:
            yield Hit(0, 0, f"“{written}” is in {support[value]} of the other {len(others)} translations "
                            f"but not in this one", None)
