"""Reporters: each writes one file from results streamed to it (see ``sink.py``), or a set
of files named after the inputs (``FILE_SETS``: the annotated XLIFF); ``ReportWriter`` owns
writing them, ``write_reports`` writes finished results."""
from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Iterable, Mapping, Sequence, TextIO

from ..errors import ConfigError
from ..model import SegmentResult
from ..results import Summary
from .csv_report import CsvReporter
from .files import PendingFile
from .folder import ReportFolder
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
    """Writes the requested formats while an audit streams, into a new report folder that
    ``close`` puts in place of the old one at once, once every file is complete (``folder``:
    readers see the previous set or the new one, never a mix). An error or interruption
    (leaving the ``with`` block by an exception) removes the new folder: the previous reports
    stay intact.

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
        self._sinks_open: list[Sink] | None = None
        self._folder: ReportFolder | None = None
        self._sets: list[FileSet] = [FILE_SETS[n].open_set(out_dir, inputs) for n in wanted if n in FILE_SETS]
        self._others: list[PendingFile] = []

    def _sinks(self) -> list[Sink]:
        """The files, opened with the first results (an audit that fails before any
        result creates no folder)."""
        if self._sinks_open is None:
            self._sinks_open = []
            for name in (n for n in self._wanted if n in REPORTERS):
                if self._stream is not None:
                    self._sinks_open.append(REPORTERS[name].open(self._stream, self._extra))
                    continue
                file = self._new_folder().open(REPORTERS[name].filename, binary=REPORTERS[name].binary)
                self._sinks_open.append(REPORTERS[name].open(file, self._extra))
        return self._sinks_open

    def _new_folder(self) -> ReportFolder:
        if self._folder is None:
            self._folder = ReportFolder(self._out_dir)
        return self._folder

    def add(self, results: list[SegmentResult]) -> None:
        for sink in self._sinks():
            sink.add(results)
        for file_set in self._sets:
            file_set.add(results)

    def close(self, summary: Summary, others: Mapping[Path, str | bytes] | None = None) -> list[Path]:
        """Finish every file with the summary, then put them all in place; the paths written.
        ``others``: files outside the reports (``--junit``, ``--markdown``) written with them —
        complete before the folder is swapped in (one inside it is part of its set), renamed
        into place right after."""
        for sink in self._sinks():
            sink.close(summary)
        for file_set in self._sets:
            for name, data in file_set.close(summary).items():
                self._new_folder().write(name, data)
        for path, data in (others or {}).items():
            inside = self._inside(path)
            if inside is not None:
                self._new_folder().write(inside, data)
            else:
                self._others.append(PendingFile(path, binary=True))
                self._others[-1].file.write(data.encode("utf-8") if isinstance(data, str) else data)
        written = self._folder.commit() if self._folder is not None else []
        if self._stream is not None:
            self._stream.flush()
        for pending in self._others:
            pending.commit()
        return written + [pending.path for pending in self._others]

    def _inside(self, path: Path) -> str | None:
        """``path`` relative to the report folder when it lies in it (not for ``--out -``)."""
        if self._stream is not None:
            return None
        real = Path(os.path.realpath(os.path.abspath(path)))
        folder = Path(os.path.realpath(os.path.abspath(self._out_dir)))
        return str(real.relative_to(folder)) if folder in real.parents else None

    def discard(self) -> None:
        if self._folder is not None:
            self._folder.discard()
        for pending in self._others:
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
