"""Edit an XML file in place as text, so that everything not edited keeps its bytes.

An XML library re-serialises the whole document (attribute quotes, namespace order,
``<a></a>`` as ``<a/>``, character references); a reviewer diffing an annotated file
should see only what was changed. expat reports where each element's tags start in the
bytes; the edits — set an attribute, insert text, delete a span — are applied to those
bytes. Elements are numbered in document order, as lxml's ``root.iter()`` numbers them.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from ..errors import InputError


@dataclass(frozen=True)
class Span:
    """Byte offsets of one element: its start tag ``[start, open_end)`` and its end tag
    ``[close, end)`` (for ``<a/>``, ``close == end == open_end``)."""

    start: int
    open_end: int
    close: int
    end: int


class XmlPatch:
    """Edits of one XML file's text; ``result`` applies them and encodes as the file was."""

    def __init__(self, raw: bytes, encoding: str | None, name: str) -> None:
        self.bom = next((b for b in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                         if raw.startswith(b)), b"")
        self.codec = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}.get(
            self.bom, encoding or "utf-8")
        # Work on UTF-8 bytes (a UTF-8 file as it is): '<', '>' and quotes are single bytes there.
        self.data = raw[len(self.bom):].decode(self.codec).encode("utf-8") if self.codec.lower().replace(
            "_", "-") not in ("utf-8", "utf8") else raw[len(self.bom):]
        self.spans = _spans(self.data, name)
        self.edits: list[tuple[int, int, bytes]] = []

    def text_before(self, offset: int, text: str | None) -> int:
        """``offset`` moved back over ``text`` when the bytes before it are exactly that text."""
        raw = (text or "").encode("utf-8")
        return offset - len(raw) if raw and self.data[offset - len(raw):offset] == raw else offset

    def set_attributes(self, index: int, values: dict[str, str]) -> None:
        """Set attributes on element ``index``'s start tag: a value replaced where it was,
        a new attribute added after the others."""
        span = self.spans[index]
        tag = self.data[span.start:span.open_end].decode("utf-8")
        for name, value in values.items():
            found = re.search(rf"(\s{re.escape(name)}\s*=\s*)(\"[^\"]*\"|'[^']*')", tag)
            if found:
                tag = tag[:found.start(2)] + quoteattr(value) + tag[found.end(2):]
            else:
                cut = len(tag) - (2 if tag.endswith("/>") else 1)
                cut = len(tag[:cut].rstrip()) if tag[:cut].endswith(("\n", " ", "\t")) else cut
                tag = f"{tag[:cut]} {name}={quoteattr(value)}{tag[cut:]}"
        self.edits.append((span.start, span.open_end, tag.encode("utf-8")))

    def insert(self, offset: int, text: str) -> None:
        self.edits.append((offset, offset, text.encode("utf-8")))

    def delete(self, start: int, end: int) -> None:
        self.edits.append((start, end, b""))

    def result(self) -> bytes:
        """The edited file, in its own encoding (characters it cannot hold as references)."""
        data = self.data
        for start, end, text in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            data = data[:start] + text + data[end:]
        if self.codec.lower().replace("_", "-") in ("utf-8", "utf8"):
            return self.bom + data
        return self.bom + data.decode("utf-8").encode(self.codec, errors="xmlcharrefreplace")


def element(name: str, attributes: dict[str, str], text: str) -> str:
    """``<name a="v">text</name>``, escaped."""
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
    return f"<{name}{attrs}>{escape(text)}</{name}>"


def _spans(data: bytes, name: str) -> list[Span]:
    """Each element's tag offsets, in document order."""
    parser = expat.ParserCreate(encoding="UTF-8")
    starts: list[list[int]] = []
    open_stack: list[int] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        open_stack.append(len(starts))
        begin = parser.CurrentByteIndex
        starts.append([begin, _tag_end(data, begin), -1, -1])

    def end(tag: str) -> None:
        entry = starts[open_stack.pop()]
        at = parser.CurrentByteIndex
        if at == entry[1] and data[at - 2:at] == b"/>":  # <a/>: the end event comes after the tag
            entry[2] = entry[3] = at
        else:
            entry[2], entry[3] = at, _tag_end(data, at)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"{name}: not well-formed XML at line {exc.lineno}: {expat.ErrorString(exc.code)}") from None
    return [Span(*s) for s in starts]


def _tag_end(data: bytes, start: int) -> int:
    """The offset just after the tag starting at ``start`` ('>' inside quoted values skipped)."""
    quote = None
    for i in range(start + 1, len(data)):
        c = data[i]
        if quote is not None:
            if c == quote:
                quote = None
        elif c in (0x22, 0x27):  # " '
            quote = c
        elif c == 0x3E:  # >
            return i + 1
    return len(data)
