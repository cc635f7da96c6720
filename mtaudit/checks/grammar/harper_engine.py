"""Harper (harper-py), the embedded offline grammar engine, as an mtaudit adapter.

One sentence at a time, first through a prefilter linter that runs only the rules whose
findings this configuration can keep (``checks/grammar/harper_rules.py``): a sentence it
finds nothing in has no finding, any other is linted with every rule as before. A block of
sentences is prefiltered first in one lint (``screen``), each sentence a paragraph: about
twice as fast as one lint each, and a sentence it clears is one the prefilter clears alone.
Harper's rule name becomes the code (``harper:SpellCheck``) and its lint kind is kept in
``Issue.kind``; ``KIND_MAP`` is the one place kinds map to MQM categories and severities.
Spelling and capitalisation lints on names are dropped: a token capitalised mid-sentence,
an acronym or initial, a name particle before a capitalised word, a token the batch uses as
a name, or one that appears in the source or reference.
"""
from __future__ import annotations

import bisect
import functools
import itertools
from typing import Any, Iterator, Sequence

import harper

from ...config import AuditConfig
from ...model import Issue
from ..limits import grammar_skip
from .harper_rules import RulePlan, is_candidate_kind, plan_rules
from .names import is_name_like, words

# Harper lint kind -> (MQM category, severity, on by default). The on/off column is the
# decision of benchmarks/ted_engines.py (WMT21 TED zh-en MQM, benchmarks/README.md): a kind that
# flags >= 5 segments no more precisely than their length-matched base rate, for has_major and
# for fluency_major both, is noise on MT output and off; so are typography, house style and
# sentence length, which point at no error whatever the segment's label. Figures in the
# comments: segments flagged, P(has_major) / base, P(fluency_major) / base.
KIND_MAP: dict[str, tuple[str, str, bool]] = {
    "Agreement": ("Fluency/Grammar", "minor", False),  # 54, .22/.32, .13/.14: "show you images"
    "BoundaryError": ("Fluency/Spelling", "minor", True),
    "Capitalization": ("Fluency/Spelling", "minor", True),
    "Eggcorn": ("Fluency/Grammar", "minor", True),
    "Enhancement": ("Style/Awkward", "minor", False),  # 17, .35/.32, .12/.15
    "Formatting": ("Fluency/Punctuation", "minor", False),  # 181, .49/.39, .19/.17: "--" dashes
    "Grammar": ("Fluency/Grammar", "minor", False),  # 13, .23/.38, .15/.17: "is there" -> "their"
    "Malapropism": ("Accuracy/Mistranslation", "minor", True),
    "Miscellaneous": ("Fluency/Grammar", "minor", True),  # 39, .23/.22, .15/.08
    "Nonstandard": ("Fluency/Grammar", "minor", True),
    "Punctuation": ("Fluency/Punctuation", "minor", True),  # 4
    "Readability": ("Style/Awkward", "minor", False),  # 221, .51/.48, .25/.22: long sentences
    "Redundancy": ("Style/Awkward", "minor", True),  # 9, .44/.40, .11/.18
    "Regionalism": ("Style/Awkward", "minor", False),
    "Repetition": ("Fluency/Repetition", "major", True),  # 8, .38/.32, .00/.13
    "Spelling": ("Fluency/Spelling", "minor", True),  # 75, .37/.27, .08/.12
    "Style": ("Style/Awkward", "minor", False),  # 85, .39/.39, .14/.17: Oxford comma
    "Typo": ("Fluency/Spelling", "minor", True),  # 23, .57/.33, .17/.14
    "Usage": ("Fluency/Grammar", "minor", False),  # 5, .20/.37, .00/.17: "each 10 times"
    "WordChoice": ("Style/Awkward", "minor", True),  # 81, .36/.34, .26/.15
}
UNMAPPED = ("Fluency/Grammar", "minor", True)
_NAME_SENSITIVE_KINDS = {"Spelling", "Typo", "Capitalization"}


@functools.cache
def _linter() -> harper.Linter:
    """One linter per process: construction costs about a second."""
    return harper.Linter(harper.Dialect.AMERICAN)


@functools.cache
def _prefilter(plan: RulePlan) -> harper.Linter:
    """One prefilter linter per process and rule plan (a second linter shares the first's
    dictionary: it costs milliseconds)."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config(dict(plan.rules))
    return linter


SEPARATOR = "\n\n"  # a paragraph break: no sentence reads on into the next
JOINED_CHARS = 2_000  # a screened text's length, at most (600 to 2,000 were as fast; 4,000 slower)


def _joinable(hyps: Sequence[str]) -> Iterator[tuple[int, int]]:
    """``hyps`` in runs of at most ``JOINED_CHARS`` characters joined (a longer one alone)."""
    first, size = 0, 0
    for i, hyp in enumerate(hyps):
        if i > first and size + len(hyp) > JOINED_CHARS:
            yield first, i
            first, size = i, 0
        size += len(hyp) + len(SEPARATOR)
    if first < len(hyps):
        yield first, len(hyps)


class HarperEngine:
    """Lints sentences with the process's ``harper.Linter``."""

    name = "harper"

    def __init__(self, config: AuditConfig) -> None:
        self._linter = _linter()
        self._config = config
        self._plan = plan_rules(self._linter.get_default_lint_config(), KIND_MAP, UNMAPPED, config.enabled)

    def check(self, hyp: str, *, names: frozenset[str], ref: str | None, src: str | None) -> list[Issue]:
        """Issues for one sentence, with name-like spelling complaints removed."""
        if skipped := grammar_skip(self.name, hyp):  # a long word can abort the process
            return [skipped]
        issues = []
        context_words = words(ref) | words(src)
        if self._plan is not None and not self._may_have_findings(hyp, names, context_words, self._plan):
            return []
        # lint() is ~15x faster than organized_lints(), which builds a dict of every rule;
        # the rule names are only needed when a lint survives the name filter.
        if all(self._is_name(hyp, lint, names, context_words) for lint in self._linter.lint(hyp)):
            return []
        for rule, lints in self._linter.organized_lints(hyp, language="plaintext").items():
            for lint in lints:
                code = f"harper:{rule}"
                category, severity, default_on = KIND_MAP.get(lint.lint_kind, UNMAPPED)
                if not self._config.enabled(code, default_on):
                    continue
                if self._is_name(hyp, lint, names, context_words):
                    continue
                suggestion = next((s.replacement_text for s in lint.suggestions if s.replacement_text), None)
                issues.append(Issue(code, category, self._config.severity_of(code, severity),
                                    lint.span.start, lint.span.end, lint.message, suggestion,
                                    engine=self.name, kind=lint.lint_kind))
        issues.sort(key=lambda i: (i.start, i.end, i.code))
        return issues

    def screen(self, hyps: Sequence[str]) -> list[bool]:
        """Which of these sentences (none that ``grammar_skip`` skips) may have findings:
        linted together, a paragraph each, with the prefilter; one with a lint of a kind this
        configuration keeps in its span may (``check`` decides), any other has none. Of the
        6,668 distinct MT sentences of the two MQM sets and the seed article, none that the
        prefilter holds alone was cleared together (1,279 held; 4 more held together)."""
        if self._plan is None or not self._plan.running:
            return [self._plan is None] * len(hyps)
        held = [False] * len(hyps)
        for first, last in _joinable(hyps):
            starts = list(itertools.accumulate((len(h) + len(SEPARATOR) for h in hyps[first:last - 1]), initial=0))
            for lint in _prefilter(self._plan).lint(SEPARATOR.join(hyps[first:last]), language="plaintext", dedup=False):
                if is_candidate_kind(lint.lint_kind, self._plan, KIND_MAP):
                    held[first + bisect.bisect_right(starts, lint.span.start) - 1] = True
        return held

    def _may_have_findings(self, hyp: str, names: frozenset[str], context_words: set[str], plan: RulePlan) -> bool:
        """Whether the prefilter finds a lint that could be kept. No de-duplication: a lint
        kept after Harper drops overlaps is among the lints before it."""
        lints = _prefilter(plan).lint(hyp, language="plaintext", dedup=False) if plan.running else []
        return any(is_candidate_kind(lint.lint_kind, plan, KIND_MAP)
                   and not self._is_name(hyp, lint, names, context_words) for lint in lints)

    @staticmethod
    def _is_name(hyp: str, lint: Any, names: frozenset[str], context_words: set[str]) -> bool:
        """A spelling or capitalisation lint about a name (see ``names.is_name_like``)."""
        return lint.lint_kind in _NAME_SENSITIVE_KINDS and is_name_like(
            hyp, lint.span.start, lint.span.end, names, context_words)
