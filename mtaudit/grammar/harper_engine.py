"""Harper (harper-py), the embedded offline grammar engine, as an mtaudit adapter.

One sentence at a time. Harper's rule name becomes the code (``harper:SpellCheck``) and its
lint kind is kept in ``Issue.kind``; ``KIND_MAP`` is the one place kinds map to MQM
categories and severities. Spelling and capitalisation lints on names are dropped: a token capitalised
mid-sentence, an acronym or initial, a name particle before a capitalised word, a token
the batch uses as a name, or one that appears in the source or reference.
"""
from __future__ import annotations

import functools

import harper

from ..config import AuditConfig
from ..model import Issue
from .names import is_name_like, words

# Harper lint kind -> (MQM category, severity, on by default).
KIND_MAP: dict[str, tuple[str, str, bool]] = {
    "Agreement": ("Fluency/Grammar", "minor", True),
    "BoundaryError": ("Fluency/Spelling", "minor", True),
    "Capitalization": ("Fluency/Spelling", "minor", True),
    "Eggcorn": ("Fluency/Grammar", "minor", True),
    "Enhancement": ("Style/Awkward", "minor", False),
    "Formatting": ("Fluency/Punctuation", "minor", False),
    "Grammar": ("Fluency/Grammar", "minor", True),
    "Malapropism": ("Accuracy/Mistranslation", "minor", True),
    "Miscellaneous": ("Fluency/Grammar", "minor", True),
    "Nonstandard": ("Fluency/Grammar", "minor", True),
    "Punctuation": ("Fluency/Punctuation", "minor", True),
    "Readability": ("Style/Awkward", "minor", False),
    "Redundancy": ("Style/Awkward", "minor", True),
    "Regionalism": ("Style/Awkward", "minor", False),
    "Repetition": ("Fluency/Repetition", "major", True),
    "Spelling": ("Fluency/Spelling", "minor", True),
    "Style": ("Style/Awkward", "minor", False),
    "Typo": ("Fluency/Spelling", "minor", True),
    "Usage": ("Fluency/Grammar", "minor", True),
    "WordChoice": ("Style/Awkward", "minor", True),
}
UNMAPPED = ("Fluency/Grammar", "minor", True)
_NAME_SENSITIVE_KINDS = {"Spelling", "Typo", "Capitalization"}


@functools.cache
def _linter() -> harper.Linter:
    """One linter per process: construction costs about a second."""
    return harper.Linter(harper.Dialect.AMERICAN)


class HarperEngine:
    """Lints sentences with the process's ``harper.Linter``."""

    name = "harper"

    def __init__(self, config: AuditConfig) -> None:
        self._linter = _linter()
        self._config = config

    def check(self, hyp: str, *, names: frozenset[str], ref: str | None, src: str | None) -> list[Issue]:
        """Issues for one sentence, with name-like spelling complaints removed."""
        issues = []
        context_words = words(ref) | words(src)
        for rule, lints in self._linter.organized_lints(hyp, language="plaintext").items():
            for lint in lints:
                code = f"harper:{rule}"
                category, severity, default_on = KIND_MAP.get(lint.lint_kind, UNMAPPED)
                if not self._config.enabled(code, default_on):
                    continue
                if lint.lint_kind in _NAME_SENSITIVE_KINDS and is_name_like(hyp, lint.span.start, lint.span.end, names, context_words):
                    continue
                suggestion = next((s.replacement_text for s in lint.suggestions if s.replacement_text), None)
                issues.append(Issue(code, category, self._config.severity_of(code, severity),
                                    lint.span.start, lint.span.end, lint.message, suggestion,
                                    engine=self.name, kind=lint.lint_kind))
        issues.sort(key=lambda i: (i.start, i.end, i.code))
        return issues
