"""Inline codes — markup tags and placeholders — and the row text without them.

A translation file's units carry their inline codes as tags (``<g id="1">Monday</g>``,
``<x id="2"/>``, see ``read/units.py``), software strings carry placeholders (``{name}``,
``%d``). The markup check (MT205) compares them; every other check and the grammar engine
read the text with them masked, so a code's attribute quotes are no quotation marks (MT206),
its id no number (MT201), and a unit that is only a placeholder no untranslated text (MT202).

Masking: paired tags and begin/end markers are removed (they format the text between them);
a placeholder — an empty element such as ``<x/>``, ``<ph/>`` or ``<br>``, or a ``{name}`` or
``%s`` — becomes U+FFFC (OBJECT REPLACEMENT CHARACTER): it stands for something, so the
sentence keeps its shape ("for ￼ days."), and it is no letter, digit, space or punctuation
to any check or to Harper. ``Masked.span`` maps a finding's span back to the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Inline tags, printf (also Python's %(name)s) and brace placeholders, template variables, numbered markers.
CODE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|%(?:\d+\$|\(\w+\))?[-+0#]*\d*(?:\.\d+)?[sdifgxXeEc%]"
                  r"|\{\{\s*\w+\s*\}\}|\{\w*\}|\$\{\w+\}|\[\[\w+\]\]")
PLACEHOLDER = "\ufffc"
# Empty elements that only mark where formatting begins or ends (XLIFF 1.2 bx/ex/bpt/ept/it,
# 2.0 sc/ec, TMX bpt/ept/it): no text of their own. HTML's void elements stand for something.
_MARKERS = {"bpt", "ept", "bx", "ex", "it", "sc", "ec"}
_VOID = {"br", "img", "hr", "input", "wbr"}
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)")


@dataclass(frozen=True)
class Masked:
    """A text with its inline codes masked, and where each of its characters came from
    (``None``: nothing masked, offsets are the original's)."""

    text: str
    origin: tuple[tuple[int, int], ...] | None = None
    length: int = 0  # of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a span of the masked text (a placeholder maps to its whole code)."""
        if self.origin is None:
            return start, end
        at = self.origin[start][0] if start < len(self.origin) else self.length
        if end <= start:
            return at, at
        return at, self.origin[min(end, len(self.origin)) - 1][1]


def mask(text: str) -> Masked:
    """``text`` with its inline codes masked (see the module's docstring)."""
    if not CODE.search(text):
        return Masked(text, None, len(text))
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    last = 0
    for m in CODE.finditer(text):
        out.append(text[last:m.start()])
        origin += [(i, i + 1) for i in range(last, m.start())]
        if _is_placeholder(m.group()):
            out.append(PLACEHOLDER)
            origin.append((m.start(), m.end()))
        last = m.end()
    out.append(text[last:])
    origin += [(i, i + 1) for i in range(last, len(text))]
    return Masked("".join(out), tuple(origin), len(text))


def masked_text(text: str | None) -> str | None:
    """The masked text alone (``None`` stays ``None``)."""
    return None if text is None else mask(text).text


def _is_placeholder(code: str) -> bool:
    tag = _TAG.match(code)
    if tag is None:
        return True  # {name}, %s, ${x}, [[x]]
    closing, name = tag.group(1), tag.group(2).split(":")[-1].lower()
    if name in _VOID:
        return True
    return not closing and code.endswith("/>") and name not in _MARKERS
