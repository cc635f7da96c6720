"""Document-level context a check can ask for through its ``doc`` parameter."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class DocContext:
    """What a check may know beyond its own sentence.

    ``hyps`` are the document's hypothesis sentences in order; ``names`` are tokens the
    batch uses as names (capitalised mid-sentence somewhere, or recurring capitalised).
    """

    doc: str
    hyps: tuple[str, ...] = ()
    names: frozenset[str] = field(default_factory=frozenset)
    _derived: dict[Callable[..., Any], Any] = field(default_factory=dict, init=False, repr=False,
                                                    compare=False, hash=False)

    def derived(self, build: Callable[[DocContext], T]) -> T:
        """``build(self)``, computed on the first call and kept with the document.

        What a check learns from the whole document (its spellings, its variety) is built
        once per document, not once per sentence: a cache keyed by the sentences would hash
        the whole document on every call, which makes a long document quadratic.
        """
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]
