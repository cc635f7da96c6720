"""Punctuation family: quotes and brackets that do not balance."""
from __future__ import annotations

import re
from typing import Iterator

from .context import DocContext
from .registry import Hit, check

_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»", "„": "“"}
_CLOSERS = {v: k for k, v in _PAIRS.items() if k != "„"}


def _quote_balance(text: str) -> int:
    """Open double quotes minus closed ones: curly quotes by direction, straight by parity."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly + straight


@check("MT106", name="unbalanced-quotes", category="Fluency/Punctuation", severity="minor",
       flags=["Deputy mayor Sophie Laurent said the budget was “balanced and responsible.",
              "The minister (who resigned on Monday said nothing.",
              "“This response has been carried out,” he added.”",
              'A spokesman said: "We apologise to our passengers.'],
       passes=["“We will act,” she said.", "The minister (who resigned) said nothing.",
               {"hyp": "“This proportionate response was carried out with our partners,” he added. “The operation",
                "next": "sends a clear message.”"},
               {"hyp": "“The first sentence of a long quote.",
                "next": "The second sentence ends it.”",
                "doc": {"hyps": ["“The first sentence of a long quote.", "The second sentence ends it.”"]}},
               {"hyp": "The second sentence ends it.”",
                "prev": "“The first sentence of a long quote.",
                "doc": {"hyps": ["“The first sentence of a long quote.", "The second sentence ends it.”"]}},
               'He called it "fine" and left.'])
def unbalanced_quotes(hyp: str, prev: str | None, next: str | None, doc: DocContext | None) -> Iterator[Hit]:
    """A quotation mark or bracket that is never closed (or never opened).

    News quotes often span sentences, so a quote opened here may close in a following
    sentence of the document, and one closed here may have opened earlier: only what no
    neighbouring sentence balances is flagged. MT output drops or duplicates closing
    quotes. Example: "the budget was “balanced and responsible." Fix: add or remove the
    quotation mark.
    """
    balance = _quote_balance(hyp)
    if balance > 0 and not _closes_later(hyp, next, doc):
        pos = max(hyp.rfind("“"), hyp.rfind('"'))
        yield Hit(pos, pos + 1, "quotation mark opened but not closed", None)
    elif balance < 0 and not _opened_earlier(hyp, prev, doc):
        pos = hyp.rfind("”")
        yield Hit(pos, pos + 1, "closing quotation mark without an opening one", None)
    yield from _brackets(hyp)


def _first_positions(doc: DocContext) -> dict[str, int]:
    """Each sentence's first position in the document, found once per document (looking
    it up in the sentence list for each sentence made a long document quadratic)."""
    first: dict[str, int] = {}
    for i, sentence in enumerate(doc.hyps):
        first.setdefault(sentence, i)
    return first


def _neighbours(hyp: str, doc: DocContext | None, step: int) -> list[str]:
    i = doc.derived(_first_positions).get(hyp) if doc is not None else None
    if i is None:
        return []
    return list(doc.hyps[i + 1:i + 6]) if step > 0 else list(reversed(doc.hyps[max(0, i - 5):i]))


def _closes_later(hyp: str, next: str | None, doc: DocContext | None) -> bool:
    following = _neighbours(hyp, doc, 1) or ([next] if next else [])
    balance = _quote_balance(hyp)
    for sentence in following:
        balance += _quote_balance(sentence)
        if balance <= 0:
            return True
    return False


def _opened_earlier(hyp: str, prev: str | None, doc: DocContext | None) -> bool:
    preceding = _neighbours(hyp, doc, -1) or ([prev] if prev else [])
    balance = _quote_balance(hyp)
    for sentence in preceding:
        balance += _quote_balance(sentence)
        if balance >= 0:
            return True
    return False


_BRACKET = re.compile(r"[()\[\]]")


def _brackets(hyp: str) -> Iterator[Hit]:
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(hyp):
        ch = m.group()
        if ch in "([":
            stack.append((ch, m.start()))
        elif stack and stack[-1][0] == _CLOSERS[ch]:
            stack.pop()
        elif not re.match(r"^\s*(?:\d+|[a-z])\)", hyp[:m.end()][-4:]):  # list markers "1)" "a)"
            yield Hit(m.start(), m.end(), f"closing “{ch}” without an opening one", None)
    for ch, pos in stack:
        yield Hit(pos, pos + 1, f"“{ch}” opened but not closed", None)


# Tokenised-text artefacts: a space before , . ; : ! ? or a closing bracket/quote, a space after
# an opening bracket, no space after a comma between words, doubled commas or full stops.
_SPACING = (
    (re.compile(r"(?<=[^\W\d_])\s+([,;:!?]|\.(?!\.|\w))"), "space before “{0}”", "{0}"),
    (re.compile(r"([(\[])\s+(?=\w)"), "space after “{0}”", "{0}"),
    (re.compile(r"(?<=\w)\s+([)\]])"), "space before “{0}”", "{0}"),
    (re.compile(r"(?<=[^\W\d_]{2}),(?=[^\W\d_]{2})"), "no space after the comma", ", "),
    (re.compile(r"(?<!\.)(,,|\.\.)(?!\.)"), "doubled “{0}”", "{0[0]}"),
)
# Anchored at the start of a run of non-spaces (where any match of the first two begins anyway):
# unanchored, a 99,999-character token was tried from each of its characters (83 s).
_URLISH = re.compile(r"(?<!\S)(?:\S+\.(?:com|org|net|de|uk|gov|io)\S*|\S+@\S+)|https?://\S+")


@check("MT113", name="punctuation-spacing", category="Fluency/Punctuation", severity="minor",
       flags=["The port , which had been closed for a week , reopened.", "Talks ended on Monday .",
              "The budget ( 3.4 million euros ) was approved.", "The port reopened,the strike ended.",
              "The council met on Monday..", "Why did the port close ?"],
       passes=["The port, which had been closed for a week, reopened.", "Interest rates stayed at 3,5 percent.",
               "The budget (3.4 million euros) was approved.", "Wait... what happened?",
               "Details are at www.example.org/news,today.", "Talks ended at 18:00 on Monday.",
               "The final score was 2 - 1 after extra time."])
def punctuation_spacing(hyp: str) -> Iterator[Hit]:
    """Spacing around punctuation left by tokenisation: "the port , which", "Monday .",
    "( 3.4 million )", "reopened,the", doubled ",," or "..".

    MT systems that translate tokenised text and detokenise it badly leave these marks;
    readers take them as typos and they mark the copy as machine output. Web addresses
    and e-mail addresses are not judged, nor spacing after digits (scores, times).
    Example: "Talks ended on Monday ." Fix: remove or add the space.
    """
    skip = [m.span() for m in _URLISH.finditer(hyp)]
    for pattern, message, fix in _SPACING:
        for m in pattern.finditer(hyp):
            if any(a <= m.start() < b for a, b in skip):
                continue
            mark = m.group(1) if pattern.groups else m.group()
            yield Hit(m.start(), m.end(), message.format(mark), fix.format(mark))
