"""Grammar engine adapters: each turns one engine's findings into mtaudit ``Issue``s."""
from __future__ import annotations

from typing import Protocol

from ...config import AuditConfig
from ...model import Issue


class GrammarEngine(Protocol):
    """What the pipeline needs from an engine: lint one sentence with its context."""

    name: str

    def check(self, hyp: str, *, names: frozenset[str], ref: str | None, src: str | None) -> list[Issue]:
        """Issues for one hypothesis sentence."""
        ...


def build_engine(config: AuditConfig) -> GrammarEngine | None:
    """The engine the configuration asks for, or None for ``--grammar none``."""
    if config.grammar == "harper":
        from .harper_engine import HarperEngine
        return HarperEngine(config)
    if config.grammar == "languagetool":
        from .languagetool_engine import LanguageToolEngine
        return LanguageToolEngine(config)
    return None
