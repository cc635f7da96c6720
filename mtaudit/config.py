"""The effective configuration of an audit and the decision engine that maps it onto rules."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import ConfigError
from .model import SEVERITIES

FORMATS = ("csv", "json", "html")
GRAMMAR_ENGINES = ("harper", "languagetool", "none")


@dataclass(frozen=True)
class AuditConfig:
    """Everything that changes what an audit finds or writes (stamped into summary.json).

    ``select``/``ignore`` are code prefixes (``MT1``, ``MT102``, ``harper:Spelling``);
    the longest matching prefix decides, as in flake8. ``severity`` overrides a code's
    default severity.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    grammar: str = "harper"
    languagetool_url: str | None = None
    formats: tuple[str, ...] = FORMATS
    bootstrap: int = 1000
    segments: bool = False

    def __post_init__(self) -> None:
        if self.grammar not in GRAMMAR_ENGINES:
            raise ConfigError(f"unknown grammar engine {self.grammar!r}; choose from {', '.join(GRAMMAR_ENGINES)}")
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise ConfigError(f"unknown output format {bad[0]!r}; choose from {', '.join(FORMATS)}")
        for code, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity for {code} must be one of {', '.join(SEVERITIES)}, not {sev!r}")

    def enabled(self, code: str, default: bool = True) -> bool:
        """Whether a rule with this code runs: longest matching select/ignore prefix wins."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if sel < 0 and ign < 0:
            return default
        return sel > ign

    def severity_of(self, code: str, default: str) -> str:
        """The configured severity for a code, else its default."""
        return self.severity.get(code, default)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the summary."""
        return asdict(self)
