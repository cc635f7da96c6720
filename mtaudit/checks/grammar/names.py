"""Whether a token a grammar engine calls misspelled is more likely a name: shared by the adapters.

News MT is full of people, places and organisations no dictionary lists ("Mulroy", "Kataib",
"al-Kadhimi"); a spelling complaint about one is noise. Each adapter asks ``is_name_like`` for
its spelling-type findings and drops those that are.
"""
from __future__ import annotations

import re

from wordfreq import zipf_frequency

_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "de", "da", "di", "du", "la", "le", "ul", "ben"}
_PARTICLE_JOINED = re.compile(rf"(?i:{'|'.join(sorted(_PARTICLES))})-[A-Z]")
_WORD = re.compile(r"[\w'’.-]+")
COMMON_ZIPF = 3.0  # a word this frequent in English (any dialect) is not a misspelling


def whole_token(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around a span, without surrounding punctuation."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return text[left:len(text) if right < 0 else right].strip("“”\"'‘’(),;:!?")


def words(text: str | None) -> frozenset[str]:
    """The lower-cased words of a text (the source or reference), for ``context``."""
    return frozenset(w.lower() for w in _WORD.findall(text)) if text else frozenset()


def is_name_like(hyp: str, start: int, end: int, names: frozenset[str], context: frozenset[str]) -> bool:
    """Whether a token an engine calls misspelled is more likely a name (or a real word of
    another dialect, or part of a dotted token like "ver.di") than a typo.

    ``names`` are the batch's names (as written); ``context`` the ``words`` of the source and
    reference: a token found there was not invented by the MT system.
    """
    token = hyp[start:end]
    whole = whole_token(hyp, start, end)
    if token.lower() in context or token in names or whole in names or whole.lower() in context:
        return True
    if "." in whole.strip(".") or zipf_frequency(token, "en") >= COMMON_ZIPF:
        return True  # "ver.di"; "criticised" is a word, just not in this dialect
    if "." in token or (token.isupper() and len(token) > 1):
        return True  # acronyms and initials: "ISIS", "F."
    if token[:1].isupper() and hyp[:start].strip():
        return True  # capitalised mid-sentence
    if _PARTICLE_JOINED.match(token):
        return True  # "al-Kadhimi", "bin-Salman" as one token
    after = hyp[end:].lstrip(" -")
    return token.lower() in _PARTICLES and after[:1].isupper()
