"""LanguageTool, through a running LanguageTool HTTP server, as an mtaudit adapter.

One sentence per request, via language-tool-python's remote-server mode (which never
downloads or starts LanguageTool itself). The rule id becomes the code (``lt:EN_A_VS_AN``)
and LanguageTool's category id is kept in ``Issue.kind``; ``CATEGORY_MAP`` is the one place
categories (and the few rules that differ from theirs) map to MQM categories, severities
and on-by-default. Spelling complaints from the dictionary speller on name-like tokens are
dropped, as in the Harper adapter.

The server is started with ``make languagetool`` (``languagetool/run.sh``), which builds a
pinned release from Maven Central and listens on 127.0.0.1:8081.
"""
from __future__ import annotations

import os

import language_tool_python
import requests
from language_tool_python.exceptions import LanguageToolError

from ...config import AuditConfig
from ...errors import ConfigError
from ...model import Issue
from ..limits import grammar_skip
from .names import is_name_like, words

LANGUAGE = "en-US"
DEFAULT_PORT = 8081
PROBE_TIMEOUT = 5.0  # seconds to wait for /v2/languages when connecting
CHECK_TIMEOUT = 60  # seconds per sentence; the library's default of 300 stalls an audit on a hung server

# LanguageTool category id -> (MQM category, severity, on by default). A rule id listed here
# (the last blocks) wins over its category: rules that belong elsewhere than their category.
# The on/off column follows benchmarks/ted_engines.py (WMT21 TED zh-en MQM, benchmarks/README.md):
# what flags >= 5 segments no more precisely than their length-matched base rate, for
# has_major and fluency_major both, is noise on MT output and off, as are typography, house
# style and name casing. Figures: segments flagged, P(has_major) / base, P(fluency_major) / base.
CATEGORY_MAP: dict[str, tuple[str, str, bool]] = {
    "GRAMMAR": ("Fluency/Grammar", "minor", True),  # 25, .48/.40, .28/.18
    "COLLOCATIONS": ("Fluency/Grammar", "minor", True),
    "NONSTANDARD_PHRASES": ("Fluency/Grammar", "minor", True),
    "CONFUSED_WORDS": ("Accuracy/Mistranslation", "minor", True),  # like Harper's Malapropism
    "SEMANTICS": ("Accuracy/Mistranslation", "minor", True),  # a date on the wrong weekday
    "FALSE_FRIENDS": ("Accuracy/Mistranslation", "minor", True),
    "TYPOS": ("Fluency/Spelling", "minor", True),  # 54, .57/.31, .09/.13
    "MULTITOKEN_SPELLING": ("Fluency/Spelling", "minor", True),
    "COMPOUNDING": ("Fluency/Spelling", "minor", True),
    "CASING": ("Fluency/Spelling", "minor", True),  # 18, .39/.25, .00/.10
    "PROPER_NOUNS": ("Fluency/Spelling", "minor", True),
    "PUNCTUATION": ("Fluency/Punctuation", "minor", True),  # 104, .41/.37, .09/.16
    "REPETITIONS": ("Fluency/Repetition", "major", True),
    # Off: noise on news MT, or house style rather than error.
    "TYPOGRAPHY": ("Fluency/Punctuation", "minor", False),  # 28, .21/.38, .14/.17: quotes, spaces
    # EN_COMPOUNDS_* ("pre - tax"; 20, .25/.36), consistency and passive-voice advice.
    "MISC": ("Fluency/Grammar", "minor", False),  # 28, .32/.35, .14/.15
    "STYLE": ("Style/Awkward", "minor", False),
    "REDUNDANCY": ("Style/Awkward", "minor", False),
    "REPETITIONS_STYLE": ("Style/Awkward", "minor", False),
    "PLAIN_ENGLISH": ("Style/Awkward", "minor", False),
    "WIKIPEDIA": ("Style/Awkward", "minor", False),
    "CREATIVE_WRITING": ("Style/Awkward", "minor", False),
    "TON_ACADEMIC": ("Style/Awkward", "minor", False),
    "TEXT_ANALYSIS": ("Style/Awkward", "minor", False),
    "COLLOQUIALISMS": ("Style/Awkward", "minor", False),
    "GENDER_NEUTRALITY": ("Style/Awkward", "minor", False),
    "REGIONALISMS": ("Style/Awkward", "minor", False),
    "BRITISH_ENGLISH": ("Style/Awkward", "minor", False),  # British phrasing in en-US
    "AMERICAN_ENGLISH_STYLE": ("Style/Awkward", "minor", False),
    "AI_RULES": ("Style/Awkward", "minor", False),
    "APRIL": ("Style/Awkward", "minor", False),
    # Rule ids. Repetitions are repetitions (as MT101/MT102 and Harper's), so one error counts once.
    "ENGLISH_WORD_REPEAT_RULE": ("Fluency/Repetition", "major", True),  # in MISC
    "PHRASE_REPETITION": ("Fluency/Repetition", "major", True),  # in GRAMMAR
    "ADVERB_VERB_ADVERB_REPETITION": ("Fluency/Repetition", "major", True),  # in GRAMMAR
    "EN_A_VS_AN": ("Fluency/Grammar", "minor", True),  # in MISC, which is off
    # Noise on MT output, from the figures.
    "EN_SPECIFIC_CASE": ("Fluency/Spelling", "minor", False),  # CASING; 6, .17/.25, .00/.10: "northern Europe"
    "NO_COMMA_BEFORE_INDIRECT_QUESTION": ("Fluency/Punctuation", "minor", False),  # 9, .11/.37, .00/.17
    # Comma advice and dash typography in PUNCTUATION: fire on fluent news copy.
    "COMMA_COMPOUND_SENTENCE": ("Fluency/Punctuation", "minor", False),
    "COMMA_COMPOUND_SENTENCE_2": ("Fluency/Punctuation", "minor", False),
    "COMMA_COMPOUND_SENTENCE_3": ("Fluency/Punctuation", "minor", False),
    "COMMA_COMPOUND_SENTENCE_4": ("Fluency/Punctuation", "minor", False),
    "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE": ("Fluency/Punctuation", "minor", False),
    "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA": ("Fluency/Punctuation", "minor", False),
    "DASH_RULE": ("Fluency/Punctuation", "minor", False),
    "HYPHEN_TO_EN": ("Fluency/Punctuation", "minor", False),
    "TWO_HYPHENS": ("Fluency/Punctuation", "minor", False),
}
UNMAPPED = ("Fluency/Grammar", "minor", True)
# The dictionary spellers (MORFOLOGIK_RULE_EN_US ...): the only rules that complain about
# unknown words, so the only ones whose findings on names are dropped. The pattern rules in
# TYPOS ("Its" -> "It's", "i" -> "I") flag common words and must stay.
_SPELLER_PREFIX = "MORFOLOGIK_RULE_"


def server_url(config: AuditConfig) -> str:
    """The server to use: ``languagetool_url``, else ``$MTAUDIT_LT_URL``, else 127.0.0.1 on
    ``$MTAUDIT_LT_PORT`` (the port ``make languagetool`` starts it on, 8081 by default)."""
    url = config.languagetool_url or os.environ.get("MTAUDIT_LT_URL")
    if not url:
        url = f"http://127.0.0.1:{os.environ.get('MTAUDIT_LT_PORT') or DEFAULT_PORT}"
    return url.rstrip("/")


class LanguageToolEngine:
    """Checks sentences on a LanguageTool server; raises ConfigError if it cannot be reached."""

    name = "languagetool"

    def __init__(self, config: AuditConfig) -> None:
        self._config = config
        self.url = server_url(config)
        _probe(self.url)
        try:
            self._tool = language_tool_python.LanguageTool(LANGUAGE, remote_server=self.url + "/")
        except (LanguageToolError, ValueError) as exc:
            raise ConfigError(_unreachable(self.url, str(exc).splitlines()[0][:200])) from None
        self._tool._TIMEOUT = CHECK_TIMEOUT  # type: ignore[misc]  # class constant, read via self
        # Rules LanguageTool itself keeps off (PLAIN_ENGLISH ...) run only if asked for by id.
        self._tool.enabled_rules = {p[3:] for p in config.select if p.startswith("lt:") and len(p) > 3}

    def check(self, hyp: str, *, names: frozenset[str], ref: str | None, src: str | None) -> list[Issue]:
        """Issues for one sentence, with name-like spelling complaints removed."""
        if skipped := grammar_skip(self.name, hyp):
            return [skipped]
        issues = []
        context_words: frozenset[str] | None = None
        for match in self._tool.check(hyp):
            code = f"lt:{match.rule_id}"
            category, severity, default_on = mqm(match.rule_id, match.category)
            if not self._config.enabled(code, default_on):
                continue
            start, end = _span(hyp, match.offset, match.error_length)
            if match.rule_id.startswith(_SPELLER_PREFIX):
                if context_words is None:
                    context_words = words(ref) | words(src)
                if is_name_like(hyp, start, end, names, context_words):
                    continue
            suggestion = next((r for r in match.replacements if r), None)
            issues.append(Issue(code, category, self._config.severity_of(code, severity),
                                start, end, match.message, suggestion,
                                engine=self.name, kind=match.category))
        issues.sort(key=lambda i: (i.start, i.end, i.code))
        return issues


def mqm(rule_id: str, category: str) -> tuple[str, str, bool]:
    """(MQM category, severity, on by default) of a LanguageTool rule, from ``CATEGORY_MAP``."""
    return CATEGORY_MAP.get(rule_id) or CATEGORY_MAP.get(category, UNMAPPED)


def _probe(url: str) -> None:
    """Fail fast, with the fix, when nothing answers at ``url`` (the library would wait 300 s)."""
    try:
        response = requests.get(f"{url}/v2/languages", timeout=PROBE_TIMEOUT)
        response.raise_for_status()
        response.json()
    except requests.ConnectionError:
        raise ConfigError(_unreachable(url, "cannot connect")) from None
    except requests.Timeout:
        raise ConfigError(_unreachable(url, f"no answer within {PROBE_TIMEOUT:g} s")) from None
    except requests.HTTPError as exc:
        raise ConfigError(_unreachable(url, f"HTTP {exc.response.status_code} from /v2/languages")) from None
    except (requests.RequestException, ValueError) as exc:
        raise ConfigError(_unreachable(url, f"not a LanguageTool server: {type(exc).__name__}")) from None


def _unreachable(url: str, reason: object) -> str:
    return (f"no LanguageTool server at {url} ({reason}). Start the local one with "
            f"`make languagetool` (needs Java 17 and Maven), or pass --languagetool-url URL "
            f"(languagetool_url in the config file), or use --grammar harper")


def _span(hyp: str, start: int, length: int) -> tuple[int, int]:
    """Python offsets of a match. language-tool-python already turned LanguageTool's UTF-16
    ``offset`` into a character offset; its ``length`` is still in UTF-16 units, which differs
    when the span holds a character outside the BMP (an emoji)."""
    end = start
    units = 0
    while end < len(hyp) and units < length:
        units += 2 if ord(hyp[end]) > 0xFFFF else 1
        end += 1
    return start, end
