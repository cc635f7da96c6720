"""How a reporter writes: it opens a ``Sink`` on a text file, results are added to it
document by document as the audit streams them, and it is closed with the summary.
Per-sentence formats write rows as they come; summary formats write on close.
``render`` runs the same path into a string, for results held in memory."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, Iterable, Protocol, Sequence, TextIO

from ..model import SegmentResult
from ..results import Summary
from .result import AuditResult


class Sink(Protocol):
    """One output file being written."""

    def add(self, results: list[SegmentResult]) -> None: ...

    def close(self, summary: Summary) -> None: ...


class Reporter:
    """One output format: a name, its file name, and the sink that writes it (into a text
    file, or a binary one when ``binary``)."""

    name: str
    filename: str
    binary = False

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        raise NotImplementedError

    def render(self, result: AuditResult) -> str:
        """The whole file for finished results, as a string."""
        out = io.StringIO(newline="")
        sink = self.open(out, result.extra_columns)
        sink.add(result.results)
        sink.close(result.summary)
        return out.getvalue()


class SummaryReporter(Reporter):
    """A format drawn from the summary alone (``summary.json``, JUnit, Markdown)."""

    def pieces(self, summary: Summary) -> Iterable[str]:
        """The file's text, in pieces written one after the other."""
        raise NotImplementedError

    def open(self, out: TextIO, extra_columns: list[str]) -> Sink:
        return _SummarySink(out, self.pieces)


class _SummarySink:
    def __init__(self, out: TextIO, pieces: Callable[[Summary], Iterable[str]]) -> None:
        self.out, self.pieces = out, pieces

    def add(self, results: list[SegmentResult]) -> None:
        return None

    def close(self, summary: Summary) -> None:
        self.out.writelines(self.pieces(summary))


class FileSet(Protocol):
    """Files written beside the reports, one per input that calls for one (the annotated
    XLIFF files): results are added as the audit streams them; ``close`` returns each file's
    bytes by its name in the report folder — the writer puts them in place with the reports."""

    def add(self, results: list[SegmentResult]) -> None: ...

    def close(self, summary: Summary) -> dict[str, bytes]: ...


class FileSetReporter:
    """An output format written as a set of files named after the batch's inputs."""

    name: str

    def open_set(self, out_dir: Path, inputs: Sequence[str]) -> FileSet:
        """The set for these inputs (the paths the audit was given); a batch that has nothing
        to write is a ``ConfigError``, raised before the audit starts."""
        raise NotImplementedError
