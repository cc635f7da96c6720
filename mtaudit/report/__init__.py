"""Reporters: each writes one file from results streamed to it (see ``sink.py``);
``ReportWriter`` owns writing them, ``write_reports`` writes finished results."""
from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Iterable

from ..errors import ConfigError
from ..model import SegmentResult
from ..results import Summary
from .csv_report import CsvReporter
from .files import PendingFile
from .html_report import HtmlReporter
from .json_report import JsonReporter, SentencesJsonReporter
from .junit_report import JUnitReporter
from .markdown_report import MarkdownReporter
from .result import AuditResult
from .sink import Reporter, Sink
from .xlsx_report import XlsxReporter

REPORTERS: dict[str, Reporter] = {r.name: r for r in (
    CsvReporter(), JsonReporter(), HtmlReporter(), JUnitReporter(), MarkdownReporter(), SentencesJsonReporter(),
    XlsxReporter())}


class ReportWriter:
    """Writes the requested formats while an audit streams: each into a temporary file
    beside its target, all renamed into place by ``close`` once every one is complete.
    An error or interruption (leaving the ``with`` block by an exception) removes them
    all: the previous reports stay intact and no partial file is left."""

    def __init__(self, out_dir: Path, formats: Iterable[str], extra_columns: list[str]) -> None:
        wanted = list(dict.fromkeys(formats))
        unknown = [f for f in wanted if f not in REPORTERS]
        if unknown:
            raise ConfigError(f"unknown output format {unknown[0]!r}; choose from {', '.join(REPORTERS)}")
        self._wanted, self._out_dir, self._extra = wanted, out_dir, extra_columns
        self._open: list[tuple[PendingFile, Sink]] = []

    def _sinks(self) -> list[tuple[PendingFile, Sink]]:
        """The files, opened with the first results (an audit that fails before any
        result creates no folder)."""
        if not self._open:
            for name in self._wanted:
                pending = PendingFile(self._out_dir / REPORTERS[name].filename, binary=REPORTERS[name].binary)
                self._open.append((pending, REPORTERS[name].open(pending.file, self._extra)))
        return self._open

    def add(self, results: list[SegmentResult]) -> None:
        for _, sink in self._sinks():
            sink.add(results)

    def close(self, summary: Summary) -> list[Path]:
        """Finish every file with the summary, then put them all in place; the paths written."""
        for _, sink in self._sinks():
            sink.close(summary)
        for pending, _ in self._open:
            pending.commit()
        return [pending.path for pending, _ in self._open]

    def discard(self) -> None:
        for pending, _ in self._open:
            pending.discard()

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None:
            self.discard()


def write_reports(result: AuditResult, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Write every requested format of finished results (see ``ReportWriter``)."""
    with ReportWriter(out_dir, formats, result.extra_columns) as writer:
        writer.add(result.results)
        return writer.close(result.summary)
