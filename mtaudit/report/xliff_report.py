"""The input XLIFF written back with the audit in it, so a CAT tool opens the batch with
the flagged units marked for review and each finding beside its unit.

Only states and notes change, and every other byte of the file stays as it was (the edits
are made in the file's text, see ``xml_patch``). A flagged unit's state becomes
needs-review — XLIFF 1.2 ``state="needs-review-translation"`` on its ``<target>``, 2.0
``state="translated"`` with ``subState="mtaudit:needs-review"`` on its ``<segment>`` — or,
when it has no translation, not-yet-translated (1.2 ``needs-translation``, 2.0 ``initial``
with ``subState="mtaudit:no-translation"``; a 1.2 unit without a ``<target>`` has nowhere to
hold a state and keeps none). Findings become notes with the priority of their severity:
1.2 ``<note from="mtaudit">`` at the end of the ``<trans-unit>``, 2.0 ``<note
category="mtaudit">`` in the unit's ``<notes>`` (made where the schema puts it, before
``<originalData>`` and the segments). Notes of an earlier run are replaced, so annotating an
annotated file again gives the same file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from lxml import etree

from ..errors import ConfigError, InputError
from ..model import Issue, SegmentResult
from ..read.inputs import InputFile, input_files
from ..read.xliff import Xliff, XliffRow, parse_xliff
from ..results import Summary
from .files import write_atomic
from .sink import FileSet, FileSetReporter
from .xml_patch import Span, XmlPatch, element

MTAUDIT = "mtaudit"
_PRIORITY = {"critical": "1", "major": "2", "minor": "5"}


@dataclass(frozen=True)
class UnitAudit:
    """What the audit concluded about one row of an XLIFF file."""

    hypothesis: str
    flagged: bool
    verdict: str
    score: float
    issues: tuple[Issue, ...] = ()


def unit_audits(results: Iterable[SegmentResult]) -> dict[tuple[str, int], UnitAudit]:
    """The audit of each row, by (document, seg) — the key both the reader and the writer use."""
    return {(r.segment.doc, r.segment.seg): UnitAudit(r.segment.hyp, r.flagged, r.verdict, r.score, tuple(r.issues))
            for r in results}


def write_annotated_xliff(path: Path, out: Path, audits: Mapping[tuple[str, int], UnitAudit],
                          label: str = "") -> None:
    """Write ``path`` annotated with ``audits`` to ``out`` (atomically)."""
    write_atomic(out, annotate_xliff(path, audits, label))


def annotate_xliff(path: Path, audits: Mapping[tuple[str, int], UnitAudit], label: str = "") -> bytes:
    """The bytes of ``path`` with states and notes set from ``audits`` (its documents named
    with ``label`` as the batch named them, see ``read.inputs.InputFile``)."""
    xliff = parse_xliff(path, label)
    edit = _Edit(xliff, XmlPatch(path.read_bytes(), xliff.tree.docinfo.encoding, str(path)))
    units = list({id(r.unit): r.unit for r in xliff.rows}.values())
    for unit in units:
        edit.remove_old_notes(unit)
    notes: dict[int, list[str]] = {}
    for row in xliff.rows:
        audit = audits.get((row.doc, row.seg))
        if audit is None:
            continue
        if audit.flagged:
            edit.set_state(row, audit)
        notes.setdefault(id(row.unit), []).extend(_notes(xliff, row, audit))
    for unit in units:
        if notes.get(id(unit)):
            edit.add_notes(unit, notes[id(unit)])
    return edit.patch.result()


class XliffReporter(FileSetReporter):
    """``--format xliff``: each XLIFF input written back with the audit in it, as
    ``<out>/<its file name>``."""

    name = "xliff"

    def open_set(self, out_dir: Path, inputs: Sequence[str]) -> FileSet:
        files = [f for f in input_files([Path(p) for p in inputs]) if f.kind == "xliff"]
        if not files:
            raise ConfigError("--format xliff writes the batch's XLIFF files back annotated, and it has none")
        targets: dict[Path, InputFile] = {}
        for f in files:
            target = out_dir / f.path.name
            if target in targets:
                raise ConfigError(f"--format xliff: two XLIFF inputs are named {f.path.name}; audit them into "
                                  f"separate --out folders")
            if target.resolve() == f.path.resolve():
                raise ConfigError(f"{f.path}: --format xliff would write over this input; choose another --out")
            targets[target] = f
        return _AnnotatedXliff(targets)


class _AnnotatedXliff:
    """The audit of every XLIFF row (rows with a ``state``), written into each file at close."""

    def __init__(self, targets: dict[Path, InputFile]) -> None:
        self.targets = targets
        self.audits: dict[tuple[str, int], UnitAudit] = {}

    def add(self, results: list[SegmentResult]) -> None:
        self.audits.update(unit_audits(r for r in results if "state" in r.segment.meta))

    def close(self, summary: Summary) -> dict[str, bytes]:
        return {target.name: annotate_xliff(f.path, self.audits, f.label) for target, f in self.targets.items()}


def _notes(x: Xliff, row: XliffRow, audit: UnitAudit) -> list[str]:
    """The notes of one row, as XML: why it is flagged, then one per finding (an empty row's
    finding, MT208 or MT303, says why itself)."""
    where = f"segment {row.unit_id.split('::', 1)[1]}: " if x.version == 2 and "::" in row.unit_id else ""
    texts: list[tuple[str, str]] = []
    if audit.flagged and (audit.hypothesis.strip() or not audit.issues):
        why = ("no translation" if not audit.hypothesis.strip()
               else f"needs review (score {audit.score:.1f}, {audit.verdict})")
        texts.append((f"{where}mtaudit: {why}", "1" if audit.verdict == "reject" else "2"))
    texts += [(f"{where}{_describe(i, audit.hypothesis)}", _PRIORITY.get(i.severity, "5")) for i in audit.issues]
    name = f"{row.unit.prefix}:note" if row.unit.prefix else "note"
    attrs = {"from": MTAUDIT, "annotates": "target"} if x.version == 1 else {"category": MTAUDIT, "appliesTo": "target"}
    return [element(name, {**attrs, "priority": priority}, text) for text, priority in texts]


def _describe(issue: Issue, hyp: str) -> str:
    """``MT205 major: message (at “span”) → suggestion``: spans quoted, as offsets mean
    nothing in a CAT tool."""
    span = hyp[issue.start:issue.end] if 0 <= issue.start < issue.end <= len(hyp) else ""
    text = f"{issue.code} {issue.severity}: {issue.message}" + (f" (at “{span}”)" if span else "")
    return f"{text} → {issue.suggestion}" if issue.suggestion else text


class _Edit:
    """The edits of one file, found through its lxml tree (what is where, the indentation)
    and made through its ``XmlPatch`` (where it is in the bytes)."""

    def __init__(self, xliff: Xliff, patch: XmlPatch) -> None:
        self.x, self.patch = xliff, patch
        self.elements = list(xliff.tree.getroot().iter(etree.Element))  # held: ids stay unique
        if len(self.elements) != len(patch.spans):
            raise InputError(f"{xliff.path}: cannot annotate this file (entities expand to elements)")
        self.index = {id(e): i for i, e in enumerate(self.elements)}

    def span(self, e: etree._Element) -> Span:
        return self.patch.spans[self.index[id(e)]]

    def set_state(self, row: XliffRow, audit: UnitAudit) -> None:
        empty = not audit.hypothesis.strip()
        if self.x.version == 1:
            target = row.segment.find(self.x.q("target"))
            if target is not None:
                self.patch.set_attributes(self.index[id(target)], {
                    "state": "needs-translation" if empty else "needs-review-translation"})
            return
        self.patch.set_attributes(self.index[id(row.segment)], {
            "state": "initial" if empty else "translated",
            "subState": f"{MTAUDIT}:{'no-translation' if empty else 'needs-review'}"})

    def remove_old_notes(self, unit: etree._Element) -> None:
        """Delete the notes an earlier run wrote, with the indentation before each (and a
        2.0 ``<notes>`` left empty by it)."""
        if self.x.version == 1:
            for note in unit.findall(self.x.q("note")):
                if note.get("from") == MTAUDIT:
                    self._delete(note)
            return
        container = unit.find(self.x.q("notes"))
        if container is None:
            return
        notes = [n for n in container if isinstance(n.tag, str)]
        ours = [n for n in notes if n.get("category") == MTAUDIT]
        for note in [container] if ours and len(ours) == len(notes) else ours:
            self._delete(note)

    def add_notes(self, unit: etree._Element, notes: list[str]) -> None:
        if self.x.version == 1:
            self._append(unit, notes)
            return
        container = unit.find(self.x.q("notes"))
        if container is not None and any(n.get("category") != MTAUDIT for n in container if isinstance(n.tag, str)):
            self._append(container, notes)
            return
        # A new <notes> before <originalData> and the segments (after module elements such as mtc:matches).
        first = next(c for c in unit if c.tag in (self.x.q("originalData"), self.x.q("segment"), self.x.q("ignorable")))
        indent = unit.text if _blank(unit.text) else ""
        closing = unit[-1].tail if _blank(unit[-1].tail) else ""
        step = indent[len(closing):] if indent.startswith(closing) else ""
        name = f"{unit.prefix}:notes" if unit.prefix else "notes"
        inner = "".join(f"{indent}{step}{n}" for n in notes) if indent else "".join(notes)
        self.patch.insert(self.span(first).start, f"<{name}>{inner}{indent}</{name}>{indent}")

    def _append(self, parent: etree._Element, notes: list[str]) -> None:
        """Add ``notes`` as the last children of ``parent``, indented as its children are."""
        indent = parent.text if _blank(parent.text) else ""
        closing = parent[-1].tail if len(parent) else parent.text
        at = self.span(parent).close
        at = self.patch.text_before(at, closing) if _blank(closing) else at
        self.patch.insert(at, "".join(f"{indent}{n}" for n in notes))

    def _delete(self, e: etree._Element) -> None:
        previous = e.getprevious()
        before = previous.tail if previous is not None else e.getparent().text
        span = self.span(e)
        start = self.patch.text_before(span.start, before) if _blank(before) else span.start
        self.patch.delete(start, span.end)


def _blank(text: str | None) -> bool:
    return bool(text) and not text.strip()  # type: ignore[union-attr]
