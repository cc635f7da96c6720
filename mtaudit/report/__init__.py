"""Reporters: each writes one file from results streamed to it (see ``sink.py``), or a set
of files named after the inputs (``FILE_SETS``: the annotated XLIFF); ``ReportWriter`` owns
writing them, ``write_reports`` writes finished results."""
from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Iterable, Sequence, TextIO

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
from .sink import FileSet, FileSetReporter, Reporter, Sink
from .xliff_report import XliffReporter
from .xlsx_report import XlsxReporter

REPORTERS: dict[str, Reporter] = {r.name: r for r in (
    CsvReporter(), JsonReporter(), HtmlReporter(), JUnitReporter(), MarkdownReporter(), SentencesJsonReporter(),
    XlsxReporter())}
FILE_SETS: dict[str, FileSetReporter] = {r.name: r for r in (XliffReporter(),)}


class ReportWriter:
    """Writes the requested formats while an audit streams: each into a temporary file
    beside its target, all renamed into place by ``close`` once every one is complete.
    An error or interruption (leaving the ``with`` block by an exception) removes them
    all: the previous reports stay intact and no partial file is left.

    ``inputs`` are the audit's paths as given (the annotated XLIFF files are named after
    them); with ``stream`` the one format asked for is written to it instead (``--out -``)."""

    def __init__(self, out_dir: Path, formats: Iterable[str], extra_columns: list[str], *,
                 inputs: Sequence[str] = (), stream: TextIO | None = None) -> None:
        wanted = list(dict.fromkeys(formats))
        unknown = [f for f in wanted if f not in REPORTERS and f not in FILE_SETS]
        if unknown:
            raise ConfigError(f"unknown output format {unknown[0]!r}; choose from {', '.join([*REPORTERS, *FILE_SETS])}")
        text = [name for name, r in REPORTERS.items() if not r.binary]
        if stream is not None and (len(wanted) != 1 or wanted[0] not in text):
            raise ConfigError(f"--out - writes one text report to stdout, not {', '.join(wanted) or 'none'}: choose "
                              f"it with --format ({', '.join(text)})")
        self._wanted, self._out_dir, self._extra, self._stream = wanted, out_dir, extra_columns, stream
        self._open: list[tuple[PendingFile | None, Sink]] = []  # None: the stream
        self._sets: list[FileSet] = [FILE_SETS[n].open_set(out_dir, inputs) for n in wanted if n in FILE_SETS]
        self._set_files: list[PendingFile] = []

    def _sinks(self) -> list[tuple[PendingFile | None, Sink]]:
        """The files, opened with the first results (an audit that fails before any
        result creates no folder)."""
        if not self._open:
            for name in (n for n in self._wanted if n in REPORTERS):
                if self._stream is not None:
                    self._open.append((None, REPORTERS[name].open(self._stream, self._extra)))
                    continue
                pending = PendingFile(self._out_dir / REPORTERS[name].filename, binary=REPORTERS[name].binary)
                self._open.append((pending, REPORTERS[name].open(pending.file, self._extra)))
        return self._open

    def add(self, results: list[SegmentResult]) -> None:
        for _, sink in self._sinks():
            sink.add(results)
        for file_set in self._sets:
            file_set.add(results)

    def close(self, summary: Summary) -> list[Path]:
        """Finish every file with the summary, then put them all in place; the paths written."""
        for _, sink in self._sinks():
            sink.close(summary)
        for file_set in self._sets:
            self._set_files += file_set.close(summary)
        files = [pending for pending, _ in self._open if pending is not None] + self._set_files
        for pending in files:
            pending.commit()
        if self._stream is not None:
            self._stream.flush()
        return [pending.path for pending in files]

    def discard(self) -> None:
        for pending in [p for p, _ in self._open if p is not None] + self._set_files:
            pending.discard()

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None:
            self.discard()


def write_reports(result: AuditResult, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Write every requested format of finished results (see ``ReportWriter``)."""
    with ReportWriter(out_dir, formats, result.extra_columns, inputs=result.summary.inputs) as writer:
        writer.add(result.results)
        return writer.close(result.summary)
