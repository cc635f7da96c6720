"""An audit folder read back into the in-memory result it was written from.

``summary.json`` becomes the typed ``Summary``; ``sentences.json`` (written by default) the
per-sentence results, with their findings, metrics and features as the audit computed them,
so ``compare`` and the baseline ratchet work on the same objects an audit produces, not on
the text of the CSV. Malformed files are one ``InputError`` naming the file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import jsonio
from ..errors import InputError
from ..model import Issue, Segment, SegmentResult, WordDiff
from ..results import Summary
from .json_report import ISSUE_FIELDS, SENTENCES_FORMAT_VERSION
from .result import AuditResult

SUMMARY, SENTENCES = "summary.json", "sentences.json"


def summary_path(path: Path) -> Path:
    """``path`` itself, or the ``summary.json`` in the folder it names."""
    return path / SUMMARY if path.is_dir() else path


def load_summary(path: Path) -> Summary:
    """A ``summary.json`` (or the one in a folder), checked."""
    file = summary_path(path)
    return Summary.from_dict(_read_json(file, "mtaudit summary"), str(file))


def is_audit_folder(path: Path) -> bool:
    """Whether ``path`` is a folder an audit wrote (it holds ``summary.json``)."""
    return path.is_dir() and (path / SUMMARY).is_file()


def load_audit(path: Path) -> AuditResult:
    """The audit written to a folder (or beside a ``summary.json``): its summary and every
    sentence's results from ``sentences.json``."""
    file = summary_path(path)
    summary = Summary.from_dict(_read_json(file, "mtaudit summary"), str(file))
    sentences = file.with_name(SENTENCES)
    if not sentences.is_file():
        raise InputError(f"{file.parent}: no {SENTENCES} beside {SUMMARY}; audit with --format ...,sentences "
                         f"(a default format) to compare or gate against it")
    data = _read_json(sentences, "mtaudit sentences file")
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise InputError(f"{sentences}: not an mtaudit sentences file (no sentences list)")
    if data.get("format_version") != SENTENCES_FORMAT_VERSION:
        raise InputError(f"{sentences}: format version {data.get('format_version')!r}, this mtaudit reads "
                         f"{SENTENCES_FORMAT_VERSION}; audit again to write it")
    results = [_result(record, f"{sentences}: sentence {k}") for k, record in enumerate(data["sentences"], 1)]
    columns = list(data["sentences"][0].get("columns", {})) if data["sentences"] else []
    return AuditResult(results, summary, columns)


def _read_json(path: Path, what: str) -> Any:
    """Parsed strictly (``jsonio``: no NaN or Infinity, lone surrogates, duplicate keys or
    deep nesting); the shape is the typed readers' to check."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    return jsonio.load(path, what=what)


def _result(record: Any, where: str) -> SegmentResult:
    try:
        seg = Segment(str(record["doc"]), record["seg"], str(record["hypothesis"]), record.get("reference"),
                      record.get("source"), dict(record.get("columns", {})))
        issues = [Issue(**{f: i.get(f) for f in ISSUE_FIELDS}) for i in record.get("issues", [])]
        diff = record.get("diff")
        return SegmentResult(seg, issues, {str(k): float(v) for k, v in record.get("metrics", {}).items()},
                             float(record["score"]), bool(record["flagged"]), record["verdict"],
                             {str(k): float(v) for k, v in record.get("features", {}).items()},
                             WordDiff([tuple(s) for s in diff["missing"]], [tuple(s) for s in diff["extra"]])
                             if isinstance(diff, dict) else None)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{where}: malformed ({type(exc).__name__}: {exc})") from None
