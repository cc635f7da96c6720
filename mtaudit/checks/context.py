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
    A long document spread over workers has no ``hyps`` here: its facts (``checks.facts``)
    are ``known``, built once from every sentence.
    """

    doc: str
    hyps: tuple[str, ...] | None = ()
    names: frozenset[str] = field(default_factory=frozenset)
    known: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    _derived: dict[Callable[..., Any], Any] = field(default_factory=dict, init=False, repr=False,
                                                    compare=False, hash=False)

    def derived(self, build: Callable[[DocContext], T]) -> T:
        """``build(self)``, computed on the first call and kept with the document; a fact
        ``known`` already (a long document's, see ``checks.facts``) by its name.

        What a check learns from the whole document is built once per document, not once
        per sentence."""
        name = getattr(build, "name", None)
        if self.known is not None and name in self.known:
            return self.known[name]  # type: ignore[no-any-return]
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]  # type: ignore[no-any-return]
