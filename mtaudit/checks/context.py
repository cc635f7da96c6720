"""Document-level context a check can ask for through its ``doc`` parameter."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocContext:
    """What a check may know beyond its own sentence.

    ``hyps`` are the document's hypothesis sentences in order; ``names`` are tokens the
    batch uses as names (capitalised mid-sentence somewhere, or recurring capitalised).
    """

    doc: str
    hyps: tuple[str, ...] = ()
    names: frozenset[str] = field(default_factory=frozenset)
