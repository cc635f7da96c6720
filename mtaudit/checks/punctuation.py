"""Punctuation family: quotes and brackets that do not balance."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .context import DocContext
from .facts import Fact, fact
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


@dataclass(frozen=True)
class _Quotes:
    """A document's quote balances: of each sentence whose quotes do not balance (the
    others count 0), and the first position of each such sentence's text."""

    sentences: int
    balances: dict[int, int]
    first: dict[str, int]

    def neighbours(self, hyp: str, step: int) -> list[int]:
        """The balances of the (up to) five sentences after (``step`` 1) or before (-1, nearest
        first) the first sentence of the document written as ``hyp``; none if there is none."""
        i = self.first.get(hyp)
        if i is None:
            return []
        around = range(i + 1, min(i + 6, self.sentences)) if step > 0 else range(i - 1, max(0, i - 5) - 1, -1)
        return [self.balances.get(k, 0) for k in around]


class _QuoteTally:
    def __init__(self) -> None:
        self.sentences, self.balances, self.first = 0, {}, {}  # type: tuple[int, dict[int, int], dict[str, int]]

    def add(self, result: tuple[int, str | None]) -> None:
        balance, text = result
        if balance:
            self.balances[self.sentences] = balance
            self.first.setdefault(text or "", self.sentences)
        self.sentences += 1

    def result(self) -> _Quotes:
        return _Quotes(self.sentences, self.balances, self.first)


@fact
class QuoteBalances(Fact[tuple[int, "str | None"], _Quotes]):
    """MT106's document fact: each sentence's quote balance (and its text, when not 0)."""

    name = "quote-balances"
    codes = frozenset({"MT106"})

    def sentence(self, hyp: str) -> tuple[int, str | None]:
        balance = _quote_balance(hyp)
        return balance, hyp if balance else None

    def tally(self, names: frozenset[str]) -> _QuoteTally:
        return _QuoteTally()


def _neighbours(hyp: str, doc: DocContext | None, step: int) -> list[int]:
    """The quote balances of the sentences after or before ``hyp`` in its document."""
    return doc.derived(QuoteBalances).neighbours(hyp, step) if doc is not None else []


def _closes_later(hyp: str, next: str | None, doc: DocContext | None) -> bool:
    following = _neighbours(hyp, doc, 1) or ([_quote_balance(next)] if next else [])
    balance = _quote_balance(hyp)
    for other in following:
        balance += other
        if balance <= 0:
            return True
    return False


def _opened_earlier(hyp: str, prev: str | None, doc: DocContext | None) -> bool:
    preceding = _neighbours(hyp, doc, -1) or ([_quote_balance(prev)] if prev else [])
    balance = _quote_balance(hyp)
    for other in preceding:
        balance += other
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
