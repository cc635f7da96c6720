"""The effective configuration of an audit and the decision engine that maps it onto rules."""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .catalog import DEFAULT_METRICS, METRIC_NAMES
from .errors import ConfigError
from .model import SEVERITIES

FORMATS = ("csv", "json", "html", "junit", "markdown", "sentences", "xlsx", "xliff")
DEFAULT_FORMATS = ("csv", "json", "html", "sentences")
GRAMMAR_ENGINES = ("harper", "languagetool", "none")
MAX_BOOTSTRAP = 100_000


@dataclass(frozen=True)
class AuditConfig:
    """Everything that changes what an audit finds or writes (stamped into summary.json).

    ``select``/``ignore`` are code prefixes (``MT1``, ``MT102``, ``harper:SpellCheck``);
    the longest matching prefix decides, as in flake8. ``severity`` overrides a code's
    default severity; ``require`` holds gate requirements (see ``gate/requirements.py``). ``glossary``
    and ``dictionary`` are paths to a terminology CSV and a bilingual dictionary; ``waivers`` is a
    waiver file (see ``checks/waivers.py``) whose findings are suppressed; ``quality_model`` a model
    file refitted by ``mtaudit calibrate`` (default: the one shipped); ``flag_below`` the
    score under which a sentence is flagged (default: each quality model's calibrated line;
    see ``score/scorer.py``); ``src_lang``/``tgt_lang`` the
    language pair read from a TMX (default: its header's source language and its one other);
    ``stdin_name`` the document name of the text read from stdin (the path ``-``);
    ``options`` holds check tunables (``min_zipf`` of MT107, ``max_pmi`` of MT114: what each
    check declares it reads), which reach the checks through their ``options`` parameter.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    grammar: str = "harper"
    languagetool_url: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    metrics: tuple[str, ...] = DEFAULT_METRICS
    bootstrap: int = 1000
    segments: bool = False
    encoding: str = "utf-8"
    errors: str = "strict"
    require: tuple[str, ...] = ()
    glossary: str | None = None
    dictionary: str | None = None
    waivers: str | None = None
    quality_model: str | None = None
    flag_below: float | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    stdin_name: str = "stdin"
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.grammar not in GRAMMAR_ENGINES:
            raise ConfigError(f"unknown grammar engine {self.grammar!r}; choose from {', '.join(GRAMMAR_ENGINES)}")
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise ConfigError(f"unknown output format {bad[0]!r}; choose from {', '.join(FORMATS)}")
        bad = [m for m in self.metrics if m not in METRIC_NAMES]
        if bad:
            raise ConfigError(f"unknown metric {bad[0]!r}; choose from {', '.join(METRIC_NAMES)}")
        if self.errors not in ("strict", "replace"):
            raise ConfigError(f"errors must be 'strict' or 'replace', not {self.errors!r}")
        # as the command line's --bootstrap: 0 resamples would drop the confidence intervals
        if isinstance(self.bootstrap, bool) or not isinstance(self.bootstrap, int) or not 1 <= self.bootstrap <= MAX_BOOTSTRAP:
            raise ConfigError(f"bootstrap must be a whole number from 1 to {MAX_BOOTSTRAP:,}, not {self.bootstrap!r}")
        _text_encoding(self.encoding)
        for code, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity for {code} must be one of {', '.join(SEVERITIES)}, not {sev!r}")
        if self.flag_below is not None:
            object.__setattr__(self, "flag_below", _flag_score(self.flag_below))

    def enabled(self, code: str, default: bool = True) -> bool:
        """Whether a rule with this code runs.

        The longest matching select/ignore prefix wins (a tie goes to ignore). With a
        ``select`` list, a code it does not match is off; without one, a code no ignore
        prefix matches keeps its default (off-by-default rules need selecting).
        """
        sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if sel < 0 and ign < 0:
            return default and not self.select
        return sel > ign

    def check_options(self) -> dict[str, Any]:
        """What checks receive as ``options``: the tunables plus the resource paths."""
        return {**self.options, "glossary": self.glossary, "dictionary": self.dictionary}

    def severity_of(self, code: str, default: str) -> str:
        """The configured severity for a code, else its default."""
        return self.severity.get(code, default)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the summary (requirements as written)."""
        return asdict(self)


def _text_encoding(name: str) -> None:
    """``name`` decodes bytes to text (``rot13`` and ``base64`` are codecs, but not of text)."""
    try:
        b"a".decode(name)  # not b"": an empty input is returned before the codec is asked
    except UnicodeError:
        pass  # a text encoding that cannot decode this byte (UTF-16 needs two)
    except (LookupError, TypeError):
        raise ConfigError(f"{name!r} is not a text encoding Python knows; for example utf-8, latin-1, cp1252, utf-16") from None


def _flag_score(value: Any) -> float:
    """``flag_below``, checked: a score above 0 and at most 100."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise ConfigError(f"flag_below must be a score above 0 and at most 100, not {value!r}")
    return float(value)


CONFIG_FILE = "mtaudit.toml"
_LIST_KEYS = ("select", "ignore", "formats", "require", "metrics")


def find_config_file(start: Path) -> Path | None:
    """``mtaudit.toml``, else a ``pyproject.toml`` with ``[tool.mtaudit]``, in ``start``."""
    own = start / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = start / "pyproject.toml"
    if pyproject.is_file() and "tool" in _read_toml(pyproject) and "mtaudit" in _read_toml(pyproject)["tool"]:
        return pyproject
    return None


def load_config_file(path: Path) -> dict[str, Any]:
    """The settings in a config file, checked: unknown keys and wrong types are errors."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtaudit", {})
    known = {f.name for f in fields(AuditConfig) if f.init}
    settings: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
        settings[name] = _checked(path, key, name, value)
    return settings


def _checked(path: Path, key: str, name: str, value: Any) -> Any:
    if name == "flag_below":  # a score: an integer or a float, not a boolean
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{path}: {key} must be a number, not {type(value).__name__}")
        return value
    expected = {"severity": dict, "options": dict, "bootstrap": int, "segments": bool}.get(
        name, tuple if name in _LIST_KEYS else str)
    if expected is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of strings")
        return tuple(value)
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        raise ConfigError(f"{path}: {key} must be a {expected.__name__}, not {type(value).__name__}")
    return value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
