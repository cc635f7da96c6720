"""What a check learns from its whole document (a spelling's majority, the document's
variety, where a quote closes), built from one small result per sentence.

A ``Fact`` says what it needs of one sentence (``sentence``) and how those results add up,
in document order (``Tally``). A document audited whole builds its facts from its own
sentences (``fact(doc)``, through ``DocContext.derived``); a long document spread over
workers has them built once from the results its chunks send back (``combine``) and handed
to every chunk (``DocContext.known``). Both ways run the same code on the same values, so a
finding never depends on how the document was cut.
"""
from __future__ import annotations

from typing import Any, Generic, Iterable, Protocol, Sequence, TypeVar

from .context import DocContext

S = TypeVar("S")
T = TypeVar("T")


class Tally(Protocol[S, T]):
    """A fact being built: sentences' results added in document order, then the fact."""

    def add(self, result: S) -> None: ...

    def result(self) -> T: ...


class Fact(Generic[S, T]):
    """A document fact: ``name`` (its key, the same in every process), the checks that read
    it (``codes``), what it needs of each sentence and how that adds up."""

    name: str = ""
    codes: frozenset[str] = frozenset()

    def sentence(self, hyp: str) -> S:
        raise NotImplementedError

    def tally(self, names: frozenset[str]) -> Tally[S, T]:
        raise NotImplementedError

    def __call__(self, doc: DocContext) -> T:
        """The fact of a document held whole (its sentences in ``doc.hyps``)."""
        tally = self.tally(doc.names)
        for hyp in doc.hyps:
            tally.add(self.sentence(hyp))
        return tally.result()


FACTS: list[Fact[Any, Any]] = []


def fact(cls: type[Fact[S, T]]) -> Fact[S, T]:
    """Register a fact (a class decorator: the registered value is its one instance)."""
    instance = cls()
    if any(f.name == instance.name for f in FACTS):
        raise ValueError(f"duplicate document fact {instance.name!r}")
    FACTS.append(instance)
    return instance


def facts_of(codes: Iterable[str]) -> list[Fact[Any, Any]]:
    """The facts the checks of these codes read, in a fixed order."""
    wanted = set(codes)
    return [f for f in FACTS if f.codes & wanted]


def sentence_facts(facts: Sequence[Fact[Any, Any]], hyps: Iterable[str]) -> list[tuple[Any, ...]]:
    """Each sentence's results, one per fact (what a worker sends back for a chunk)."""
    return [tuple(f.sentence(h) for f in facts) for h in hyps]


def combine(facts: Sequence[Fact[Any, Any]], names: frozenset[str], chunks: Iterable[list[tuple[Any, ...]]]) -> dict[str, Any]:
    """A document's facts from its chunks' sentence results, in document order."""
    tallies = [f.tally(names) for f in facts]
    for chunk in chunks:
        for results in chunk:
            for tally, result in zip(tallies, results):
                tally.add(result)
    return {f.name: t.result() for f, t in zip(facts, tallies)}
