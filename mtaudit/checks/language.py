"""Which language a text is in: by its script where that settles it (Chinese, Japanese,
Korean, Arabic, Hebrew, Greek, Thai, Devanagari), else by langid's bundled model (offline),
limited to common news languages (the identifier is built once per process, on first use)."""
from __future__ import annotations

import functools
import re
import threading
from typing import Any, Iterable

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh", "ja", "ko")
# A script that names one language: the first that matches decides (kana before Han: Japanese
# writes both).
_SCRIPTS = (("ja", re.compile(r"[\u3040-\u30ff]")), ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")), ("ar", re.compile(r"[\u0600-\u06ff]")),
            ("he", re.compile(r"[\u0590-\u05ff]")), ("el", re.compile(r"[\u0370-\u03ff]")),
            ("th", re.compile(r"[\u0e00-\u0e7f]")), ("hi", re.compile(r"[\u0900-\u097f]")))
_SAMPLE = 2000  # characters: plenty for the identifier, and cheap
_SURE = 0.9


_BUILDING = threading.Lock()


def identifier() -> Any:
    """langid's identifier, limited to ``LANGUAGES``; built once, by whichever thread asks
    first (``pipeline.DocumentAuditor.warm_up`` builds it beside the other warm-up work: most
    of its 1.6 s is decompressing the model, which leaves other threads free to run)."""
    with _BUILDING:
        return _identifier()


@functools.cache
def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model
    ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def language_of(texts: Iterable[str | None]) -> str | None:
    """The language of these texts taken together (the first ``_SAMPLE`` characters), as a
    BCP 47 primary tag, or None when there is no text or the identifier is unsure."""
    sample = ""
    for text in texts:
        if text:
            sample += text + "\n"
            if len(sample) >= _SAMPLE:
                break
    sample = sample[:_SAMPLE]
    if not sample.strip():
        return None
    for lang, script in _SCRIPTS:
        if len(script.findall(sample)) >= max(2, len(sample.strip()) // 10):
            return lang
    lang, prob = identifier().classify(sample)
    return lang if prob >= _SURE else None
