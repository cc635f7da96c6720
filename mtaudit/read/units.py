"""What the translation-file readers (XLIFF, TMX) share: a safe XML parser, inline codes
rendered as placeable text, and row numbers from unit ids."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Mapping

from lxml import etree

from ..errors import InputError

MAX_UNIT_CHARS = 100_000  # as a line of a text file (readers.MAX_LINE_CHARS)

Render = Literal["paired", "empty", "transparent", "drop", "char"]


@dataclass(frozen=True)
class Inline:
    """How one inline element is written into a row's text: ``paired`` (an open and a
    close tag around its content, ``<g id="1">Monday</g>``), ``empty`` (one tag, its
    content — native code — left out: ``<ph id="1"/>``), ``transparent`` (its text only:
    annotations such as ``<mrk>``), ``drop`` (nothing) or ``char`` (the code point of a
    ``<cp hex="…"/>``). ``keys`` are the attributes that identify the code and are kept."""

    render: Render
    keys: tuple[str, ...] = ()


def parser() -> etree.XMLParser:
    """An XML parser that keeps the document as written (comments, CDATA) and never
    fetches anything from outside it: no external DTD, entity or network access (a file
    that needs an external entity is malformed to it); entities the file defines are expanded."""
    return etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False,
                           strip_cdata=False, remove_blank_text=False)


def parse_xml(path: Path) -> etree._ElementTree:
    """The file's XML tree; an unreadable or malformed file is one ``InputError`` naming it."""
    try:
        return etree.parse(str(path), parser())
    except etree.XMLSyntaxError as exc:
        line = f" at line {exc.lineno}" if exc.lineno else ""
        raise InputError(f"{path}: not well-formed XML{line}: {exc.msg}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def inline_text(element: etree._Element | None, codes: Mapping[str, Inline], path: Path, where: str) -> str:
    """The text of a ``<source>``/``<target>``/``<seg>`` element with its inline codes
    written as tags (MT205 compares them between source and translation), in Unicode NFC.
    ``None`` (no such element) is the empty string."""
    if element is None:
        return ""
    text = unicodedata.normalize("NFC", "".join(_pieces(element, codes)))
    if len(text) > MAX_UNIT_CHARS:
        raise InputError(f"{path}: {where} has {len(text):,} characters, more than the "
                         f"{MAX_UNIT_CHARS:,} mtaudit accepts in one unit")
    return text


def _pieces(element: etree._Element, codes: Mapping[str, Inline]) -> list[str]:
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            out.extend(_code(child, codes))
        out.append(child.tail or "")  # a comment's tail is text too
    return out


def _code(child: etree._Element, codes: Mapping[str, Inline]) -> list[str]:
    name = local(child)
    spec = codes.get(name, Inline("paired" if len(child) or child.text else "empty"))
    if spec.render == "transparent":
        return _pieces(child, codes)
    if spec.render == "drop":
        return []
    if spec.render == "char":
        try:
            return [chr(int(child.get("hex", ""), 16))]
        except (ValueError, OverflowError):
            return []
    attrs = "".join(f' {k}="{child.get(k)}"' for k in spec.keys if child.get(k) is not None)
    if spec.render == "empty":
        return [f"<{name}{attrs}/>"]
    return [f"<{name}{attrs}>", *_pieces(child, codes), f"</{name}>"]


def row_numbers(ids: list[str]) -> list[int]:
    """Each row's ``seg``: the unit ids themselves when every one is a whole number and
    none repeats, else the row's position from 1 (the id is kept in the row's meta)."""
    if ids and all(i.isascii() and i.isdigit() for i in ids) and len({int(i) for i in ids}) == len(ids):
        return [int(i) for i in ids]
    return list(range(1, len(ids) + 1))


def unique_names(names: list[str], keys: list[str]) -> list[str]:
    """Document names made unique within one file: a repeated name gets its key appended
    (``page.html (f2)``), since a batch's document names must be unique."""
    seen: dict[str, int] = {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
    return [f"{n} ({k})" if seen[n] > 1 else n for n, k in zip(names, keys)]
