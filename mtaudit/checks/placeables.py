"""Placeables family: what a translation must carry over unchanged — web and e-mail
addresses, handles, markup tags and format placeholders (Okapi and Xbench call them
placeables or inline codes)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from .inline_codes import CODE
from .registry import Hit, check

_TRAILING = ".,;:!?)]}»”’\"'"
_ADDRESS = re.compile(r"https?://[^\s<>\"“”]+|www\.[^\s<>\"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|(?<![\w@])@[A-Za-z_]\w{1,30}|(?<![\w#&])#[^\W\d]\w{1,40}")
# The same, with e-mail addresses sought only where a run of their characters starts: sought
# from every character, a long run without an @ took quadratic time (see _address_matches).
_ADDRESS_AT_RUNS = re.compile(_ADDRESS.pattern.replace("|[\\w.+-]+@", "|(?<![\\w.+-])[\\w.+-]+@", 1))


Item = tuple[str, int, int]  # a placeable as written, and its span


def _address_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ADDRESS.finditer(text)`` in linear time. An e-mail address that matches from inside
    a run of its characters also matches from the run's start, so only run starts need
    trying, and the place where the previous match ended (which may be inside a run)."""
    pos = 0
    while True:
        m = (_ADDRESS.match(text, pos) if pos else None) or _ADDRESS_AT_RUNS.search(text, pos + 1 if pos else 0)
        if m is None:
            return
        yield m
        pos = m.end()


def _addresses(text: str) -> list[Item]:
    out = []
    for m in _address_matches(text):
        value = m.group().rstrip(_TRAILING)
        out.append((value, m.start(), m.start() + len(value)))
    return out


def _differences(hyp_items: list[Item], src_items: list[Item]) -> tuple[list[Item], Counter[str]]:
    """The hypothesis items the source does not account for (as multisets: the first
    copies beyond the source's count) and the source values the hypothesis lacks."""
    wanted = Counter(v for v, _, _ in src_items)
    extra = Counter(v for v, _, _ in hyp_items) - wanted
    missing = wanted - Counter(v for v, _, _ in hyp_items)
    out = []
    for item in hyp_items:
        if extra[item[0]] > 0:
            extra[item[0]] -= 1
            out.append(item)
    return out, missing


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
    extra, missing = _differences(_addresses(hyp), _addresses(src))
    near = f" (source has {', '.join(missing)})" if missing else ""
    for value, start, end in extra:
        yield Hit(start, end, f"“{value}” is not in the source{near}", next(iter(missing), None))
    if missing and not extra:
        yield Hit(0, 0, f"source address(es) missing: {', '.join(missing)}", None)


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
    def codes(text: str) -> list[Item]:
        return [(m.group(), m.start(), m.end()) for m in CODE.finditer(text)]

    extra, missing = _differences(codes(hyp), codes(src))
    for value, start, end in extra:
        yield Hit(start, end, f"“{value}” is not in the source", next(iter(missing), None))
    if missing:
        yield Hit(0, 0, f"source code(s) missing: {', '.join(missing.elements())}", None)
