"""XLIFF 1.2 and 2.0: one ``Document`` per ``<file>``, one row per unit (1.2 ``<trans-unit>``)
or segment (2.0 ``<segment>``).

Source and target come from the file with their inline codes written as tags
(``<g id="1">Monday</g>``, ``<x id="2"/>``, ``<pc id="1">…</pc>``, ``<ph id="2"/>``) so the
markup check (MT205) sees a dropped or invented code; annotations (``<mrk>``) keep only their
text. A unit without a target, or with an empty one, is a row with an empty hypothesis,
never dropped; units marked ``translate="no"`` (on themselves or a group or file around them)
are not for translation and are left out. The unit id is kept in ``meta["unit_id"]``
(``unit::segment`` for a 2.0 unit of several segments), the file's state in ``meta["state"]``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .document import Document
from .units import Inline, inline_text, local, parse_xml, row_numbers, unique_names

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"

CODES_1 = {"g": Inline("paired", ("id",)), "x": Inline("empty", ("id",)), "bx": Inline("empty", ("id",)),
           "ex": Inline("empty", ("id",)), "bpt": Inline("empty", ("id",)), "ept": Inline("empty", ("id",)),
           "ph": Inline("empty", ("id",)), "it": Inline("empty", ("id", "pos")), "mrk": Inline("transparent")}
CODES_2 = {"pc": Inline("paired", ("id",)), "ph": Inline("empty", ("id",)), "sc": Inline("empty", ("id",)),
           "ec": Inline("empty", ("id", "startRef")), "cp": Inline("char"), "mrk": Inline("transparent"),
           "sm": Inline("drop"), "em": Inline("drop")}


@dataclass(frozen=True)
class XliffRow:
    """One row of an XLIFF file and the elements it came from (the writer annotates them)."""

    doc: str
    seg: int
    unit_id: str
    unit: etree._Element      # <trans-unit> (1.2) or <unit> (2.0)
    segment: etree._Element   # the element holding source and target: the unit (1.2) or <segment> (2.0)
    source: str
    target: str
    state: str


@dataclass(frozen=True)
class Xliff:
    """A parsed XLIFF file: its tree, major version (1 or 2), namespace and rows in file order."""

    path: Path
    tree: etree._ElementTree
    version: int
    ns: str
    rows: list[XliffRow]

    def q(self, name: str) -> str:
        """The element name in the file's namespace."""
        return f"{{{self.ns}}}{name}" if self.ns else name


def read_xliff(path: Path, label: str = "") -> list[Document]:
    """The file's documents: one per ``<file>``, named by its ``original`` (2.0: else its id),
    after ``label:`` when there is a label."""
    xliff = parse_xliff(path, label)
    docs: dict[str, Document] = {}
    for row in xliff.rows:
        d = docs.setdefault(row.doc, Document(row.doc, [], None, [], meta=[], segs=[]))
        d.hyp.append(row.target)
        d.src.append(row.source)  # type: ignore[union-attr]
        d.meta.append({"unit_id": row.unit_id, "state": row.state})
        d.segs.append(row.seg)  # type: ignore[union-attr]
    return list(docs.values())


def parse_xliff(path: Path, label: str = "") -> Xliff:
    """Parse an XLIFF 1.x or 2.x file into rows (documents named as ``read_xliff`` names
    them); anything else is an ``InputError``."""
    tree = parse_xml(path)
    root = tree.getroot()
    if local(root) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (its root element is <{local(root)}>, not <xliff>)")
    ns = etree.QName(root).namespace or ""
    version = root.get("version") or ("2" if ":2." in ns else "1" if ns.endswith(("1.1", "1.2")) or not ns else "")
    if not version.startswith(("1.", "2.")) and version not in ("1", "2"):
        raise InputError(f"{path}: XLIFF version {version or '(none)'} is not supported; mtaudit reads 1.2 and 2.0")
    major = int(version[0])
    xliff = Xliff(path, tree, major, ns, [])
    files = list(root.iterchildren(xliff.q("file")))
    names = unique_names([_file_name(f, k, major) for k, f in enumerate(files, 1)],
                         [f.get("id") or str(k) for k, f in enumerate(files, 1)])
    names = [f"{label}:{n}" for n in names] if label else names
    for name, file in zip(names, files):
        units = _units_1(xliff, file) if major == 1 else _units_2(xliff, file)
        for seg, (unit_id, unit, segment, source, target, state) in zip(row_numbers([u[0] for u in units]), units):
            xliff.rows.append(XliffRow(name, seg, unit_id, unit, segment, source, target, state))
    if not xliff.rows:
        raise InputError(f"{path}: XLIFF file has no translation units")
    return xliff


def _file_name(file: etree._Element, k: int, major: int) -> str:
    return file.get("original") or (file.get("id") if major == 2 else None) or f"file {k}"


_Unit = tuple[str, etree._Element, etree._Element, str, str, str]


def _units_1(x: Xliff, file: etree._Element) -> list[_Unit]:
    out = []
    for k, unit in enumerate(file.iter(x.q("trans-unit")), 1):
        if not _translatable(unit):
            continue
        unit_id = unit.get("id") or str(k)
        where = f"trans-unit {unit_id!r}"
        target = unit.find(x.q("target"))
        out.append((unit_id, unit, unit, inline_text(unit.find(x.q("source")), CODES_1, x.path, where),
                    inline_text(target, CODES_1, x.path, where), target.get("state", "") if target is not None else ""))
    return out


def _units_2(x: Xliff, file: etree._Element) -> list[_Unit]:
    out = []
    for k, unit in enumerate(file.iter(x.q("unit")), 1):
        if not _translatable(unit):
            continue
        segments = list(unit.iterchildren(x.q("segment")))
        for j, segment in enumerate(segments, 1):
            unit_id = unit.get("id") or str(k)
            if len(segments) > 1:
                unit_id += f"::{segment.get('id') or f'segment-{j}'}"
            where = f"unit {unit_id!r}"
            out.append((unit_id, unit, segment, inline_text(segment.find(x.q("source")), CODES_2, x.path, where),
                        inline_text(segment.find(x.q("target")), CODES_2, x.path, where), segment.get("state", "")))
    return out


def _translatable(unit: etree._Element) -> bool:
    """``translate`` is inherited from the nearest group or file that sets it (both versions)."""
    for element in (unit, *unit.iterancestors()):
        value = element.get("translate")
        if value is not None:
            return value.strip().lower() != "no"
    return True
