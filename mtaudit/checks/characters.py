"""Characters family: invisible, garbled and look-alike characters."""
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


# UTF-8 read as Windows-1252 or Latin-1: a lead byte Â–ô followed by continuation bytes, which
# cp1252 shows as €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ or U+0080–U+00BF.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\u0080-\u00bf{_CP1252_HIGH}]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def _byte(ch: str) -> bytes:
    """The byte a cp1252 decoder turned into this character (bytes cp1252 leaves
    undefined, such as 0x9D, come through as U+0080–U+009F as in Latin-1)."""
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return ch.encode("latin-1")


def _repaired(text: str) -> str | None:
    """The text re-decoded as UTF-8 when it is UTF-8 that was read as cp1252/Latin-1."""
    try:
        return b"".join(_byte(ch) for ch in text).decode("utf-8")
    except UnicodeError:
        return None


@check("MT131", name="mojibake", category="Fluency/Character encoding", severity="major",
       flags=["The cafÃ© in ZÃ¼rich reopened on Monday.", "The minister said: â€œWe will act.â€\x9d",
              "The port wasnâ€™t closed.", "The storm cost \ufffd3 million in damage."],
       passes=["The café in Zürich reopened on Monday.", "Prices rose by 3 ½ percent.",
               "The Ålesund ferry was cancelled.", "Ã is a letter in Portuguese, as in São Paulo.",
               "“We will act,” she said — and they did."])
def mojibake(hyp: str) -> Iterator[Hit]:
    """Garbled characters from a wrong decoding ("cafÃ©", "wasnâ€™t") or a replacement
    character (U+FFFD) where a byte could not be decoded.

    An MT pipeline that reads UTF-8 as Windows-1252 somewhere upstream corrupts every
    accented letter and curly quote; the translation itself may be fine, but it cannot be
    published. Only sequences that decode back to valid UTF-8 are flagged. Example:
    "ZÃ¼rich" for Zürich. Fix: re-decode the text as UTF-8 (the suggestion shows it).
    """
    for m in _MOJIBAKE.finditer(hyp):
        fixed = _repaired(m.group())
        if fixed is not None:
            yield Hit(m.start(), m.end(), f"garbled characters “{m.group()}”: UTF-8 read as Windows-1252", fixed)
    for m in re.finditer("\ufffd+", hyp):
        yield Hit(m.start(), m.end(), "replacement character: a byte that could not be decoded", None)


_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return next((s for s in _SCRIPTS if name.startswith(s)), "OTHER")


@check("MT132", name="mixed-script-word", category="Fluency/Character encoding", severity="major",
       flags=["The talks in \u041coscow ended on Monday.", "The p\u043ert reopened after the strike.",
              "The \u03bfpposition leader resigned."],
       passes=["The talks in Moscow ended on Monday.", "The Kremlin calls it Москва, not Moscow.",
               "The α-particle was detected.", "Café owners in Zürich and Ελλάδα protested."])
def mixed_script_word(hyp: str) -> Iterator[Hit]:
    """A word that mixes Latin with Cyrillic or Greek letters that look the same
    ("Мoscow" with a Cyrillic М).

    Homoglyphs come from OCR, keyboard switching or MT output copied from mixed-script
    sources; the word looks right but search, spelling, matching and metrics all fail on
    it, and it can be used to smuggle text past filters. Example: "p\\u043ert" (Cyrillic о).
    Fix: retype the word in one script.
    """
    if hyp.isascii():
        return
    for m in _LETTERS.finditer(hyp):
        if m.group().isascii():
            continue
        scripts = {_script(ch) for ch in m.group()} - {"OTHER"}
        if len(scripts) > 1:
            odd = sorted(scripts - {"LATIN"}) or sorted(scripts)
            yield Hit(m.start(), m.end(), f"word mixes Latin with {', '.join(s.title() for s in odd)} letters", None)
