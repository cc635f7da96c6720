"""Reporters: each renders an ``AuditResult`` to one file; ``write_reports`` owns writing."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol

from ..errors import ConfigError
from ..model import AuditResult
from .csv_report import CsvReporter
from .files import write_atomic
from .html_report import HtmlReporter
from .json_report import JsonReporter, SentencesJsonReporter
from .junit_report import JUnitReporter
from .markdown_report import MarkdownReporter


class Reporter(Protocol):
    """One output format: a name, its file name, and a pure render function."""

    name: str
    filename: str

    def render(self, result: AuditResult) -> str: ...


REPORTERS: dict[str, Reporter] = {r.name: r for r in (
    CsvReporter(), JsonReporter(), HtmlReporter(), JUnitReporter(), MarkdownReporter(), SentencesJsonReporter())}


def write_reports(result: AuditResult, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Render every requested format first, then write each atomically: a rendering error
    writes nothing, an interrupted write leaves the previous file intact."""
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in REPORTERS]
    if unknown:
        raise ConfigError(f"unknown output format {unknown[0]!r}; choose from {', '.join(REPORTERS)}")
    rendered = [(out_dir / REPORTERS[f].filename, REPORTERS[f].render(result)) for f in wanted]
    for path, text in rendered:
        write_atomic(path, text)
    return [path for path, _ in rendered]
