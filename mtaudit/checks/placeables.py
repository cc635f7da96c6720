"""Placeables family: what a translation must carry over unchanged — web and e-mail
addresses, handles, markup tags and format placeholders (Okapi and Xbench call them
placeables or inline codes)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from .registry import Hit, check

_TRAILING = ".,;:!?)]}»”’\"'"
_ADDRESS = re.compile(r"https?://[^\s<>\"“”]+|www\.[^\s<>\"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|(?<![\w@])@[A-Za-z_]\w{1,30}|(?<![\w#&])#[^\W\d]\w{1,40}")


def _addresses(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _ADDRESS.finditer(text):
        value = m.group().rstrip(_TRAILING)
        out.append((value, m.start(), m.start() + len(value)))
    return out


@check("MT204", name="address-mismatch", category="Accuracy/Mistranslation", severity="major",
       flags=[{"hyp": "Details are at www.stadt-hamburg.de/hafen.", "src": "Details unter www.hamburg.de/hafen."},
              {"hyp": "Write to the press office.", "src": "Schreiben Sie an presse@hamburg.de."},
              {"hyp": "Follow us at @hafen_hamburg.", "src": "Folgen Sie uns unter @HafenHamburg."}],
       passes=[{"hyp": "Details are at www.hamburg.de/hafen.", "src": "Details unter www.hamburg.de/hafen."},
               {"hyp": "Write to presse@hamburg.de, the press office.", "src": "Schreiben Sie an presse@hamburg.de."},
               {"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."},
               {"hyp": "Under the hashtag #Hafenstreik, workers posted photos.",
                "src": "Unter dem Hashtag #Hafenstreik posteten Arbeiter Fotos."}])
def address_mismatch(hyp: str, src: str) -> Iterator[Hit]:
    """A web address, e-mail address, @handle or #hashtag of the source that the
    translation drops or changes.

    Addresses must be copied character for character; MT systems translate their parts
    ("stadt-hamburg"), drop them or re-case them. Example: "www.stadt-hamburg.de" for
    www.hamburg.de. Fix: copy the address from the source.
    """
    wanted = Counter(a for a, _, _ in _addresses(src))
    have = Counter(a for a, _, _ in _addresses(hyp))
    missing = wanted - have
    for value, start, end in _addresses(hyp):
        if have[value] > wanted[value]:
            have[value] -= 1
            near = f" (source has {', '.join(missing)})" if missing else ""
            yield Hit(start, end, f"“{value}” is not in the source{near}", next(iter(missing), None))
    if missing and not (Counter(a for a, _, _ in _addresses(hyp)) - wanted):
        yield Hit(0, 0, f"source address(es) missing: {', '.join(missing)}", None)


# Inline tags, printf and brace placeholders, template variables, numbered markers.
_CODE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[sdifgxXeEc%]"
                   r"|\{\{\s*\w+\s*\}\}|\{\w*\}|\$\{\w+\}|\[\[\w+\]\]")


@check("MT205", name="markup-mismatch", category="Accuracy/Mistranslation", severity="major",
       flags=[{"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am <b>Montag</b> wieder."},
              {"hyp": "Welcome, {name}! You have {n} messages.", "src": "Willkommen, {name}! Sie haben {count} Nachrichten."},
              {"hyp": "Saved %d files.", "src": "%d Dateien in %s gespeichert."}],
       passes=[{"hyp": "The port reopened on <b>Monday</b>.", "src": "Der Hafen öffnete am <b>Montag</b> wieder."},
               {"hyp": "You have {count} messages, {name}.", "src": "{name}, Sie haben {count} Nachrichten."},
               {"hyp": "Rates rose by 3% in May.", "src": "Die Zinsen stiegen im Mai um 3 %."},
               {"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."}])
def markup_mismatch(hyp: str, src: str) -> Iterator[Hit]:
    """Inline tags (``<b>``), placeholders (``{name}``, ``%s``, ``{{user}}``) that differ
    between source and translation: dropped, added or renamed.

    Software strings and web copy carry codes a program fills in or renders; a dropped
    ``</b>`` breaks the page, a renamed ``{count}`` crashes the program. Order may change,
    the set may not. Example: "{n}" for {count}. Fix: copy the codes from the source.
    """
    wanted = Counter(m.group() for m in _CODE.finditer(src))
    found = list(_CODE.finditer(hyp))
    extra = Counter(m.group() for m in found) - wanted
    missing = wanted - Counter(m.group() for m in found)
    for m in found:
        if extra[m.group()] > 0:
            extra[m.group()] -= 1
            yield Hit(m.start(), m.end(), f"“{m.group()}” is not in the source", next(iter(missing), None))
    if missing:
        yield Hit(0, 0, f"source code(s) missing: {', '.join(missing.elements())}", None)
