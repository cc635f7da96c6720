"""Characters family: invisible characters that hide or reorder text."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from .registry import Hit, check

# Zero-width characters, bidirectional embeddings/overrides/isolates, and other format
# controls that render as nothing (Unicode category Cf), except the soft hyphen.
_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u180e]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@check("MT130", name="hidden-characters", category="Fluency/Character encoding", severity="major",
       flags=["The minister\u200b resigned on Monday.", "Pay the invoice to account \u202eRL 0987.",
              "The port reopened\u2066 on Friday.", "Storm\u0007 warnings were lifted."],
       passes=["The minister resigned on Monday.", "Café owners in Zürich protested.",
               "The co\u00adoperative voted.", "“We will act,” she said."])
def hidden_characters(hyp: str) -> Iterator[Hit]:
    """An invisible character: zero-width space or joiner, a bidirectional control, or a
    C0 control character.

    They hide text from a reviewer, can reorder what a reader sees (the "Trojan Source"
    trick with U+202E), and break search, matching and metrics. MT output picks them up
    from scraped sources. Example: ``account \\u202eRL 0987`` displays reversed. Fix:
    delete the character.
    """
    for m in _HIDDEN.finditer(hyp):
        yield Hit(m.start(), m.end(), f"invisible character U+{ord(m.group()):04X} "
                                      f"({unicodedata.name(m.group(), 'format control')})", "")
    for m in _CONTROL.finditer(hyp):
        yield Hit(m.start(), m.end(), f"control character U+{ord(m.group()):04X}", "")
