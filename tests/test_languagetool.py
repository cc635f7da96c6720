"""The LanguageTool adapter against a real LanguageTool server (``make languagetool``).

The integration tests skip, saying why, when Java is missing or nothing answers at the
server URL (``MTAUDIT_LT_URL``, else 127.0.0.1:``MTAUDIT_LT_PORT``/8081); CI starts the server.
"""
from __future__ import annotations

import shutil
import socket

import pytest
import requests

from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from mtaudit.checks.grammar import build_engine
from mtaudit.checks.grammar.languagetool_engine import CATEGORY_MAP, LanguageToolEngine, mqm, server_url

pytestmark = pytest.mark.slow

NONE: frozenset[str] = frozenset()

# Real errors of the kinds MT output makes, one or more per LanguageTool category that fires.
ERRONEOUS = [
    "This is an test of the system.",
    "She ate a apple before the meeting.",
    "He go to school every day.",
    "The officials was in Washington on Monday.",
    "The report was wrote by the committee.",
    "Less people came to the event than last year.",
    "We discussed about the problem yesterday.",
    "The goverment will anounce the results tommorow.",
    "Its a good idea to check the results.",
    "i think the plan is good.",
    "Me and him went to the station.",
    "She lives in in Paris.",
    "The e mail was sent yesterday.",
    "On Monday, 3 March 2021 the council met.",
    "It was a very unique experience for everyone.",
    "The results will be announced at 10 a.m. in the morning.",
    "He was gonna leave but he wanna stay.",
    "The price rose by 10 percent .",
    "There are  two spaces here.",
    "This plant is loved by insects.They evolved long mouthparts.",
    "Deputy mayor Sophie Laurent said the budget was “balanced and responsible.",
    "This is how clever it is.. It is called obsidian.",
    "the operators would not avoid the strike.",
    "Court blocks motorway extension over protected forest.",
    "If you look inside, there's something kind of a dam behind the spikes.",
    "Japan's pre - tax wage gap is relatively small.",
]


@pytest.fixture(scope="module")
def engine() -> LanguageToolEngine:
    """An engine on the running server, or a skip that says how to get one."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed, so no local LanguageTool server (make languagetool)")
    url = server_url(AuditConfig())
    try:
        requests.get(f"{url}/v2/languages", timeout=5).raise_for_status()
    except requests.RequestException as exc:
        pytest.skip(f"no LanguageTool server at {url} ({type(exc).__name__}); start one with `make languagetool`")
    return LanguageToolEngine(AuditConfig(grammar="languagetool"))


def _check(engine: LanguageToolEngine, hyp: str, **context: object) -> list:
    return engine.check(hyp, names=context.get("names", NONE), ref=context.get("ref"), src=context.get("src"))


@pytest.mark.parametrize(("sentence", "wrong", "right"), [
    ("This is an test of the system.", "an", "a"),
    ("She ate a apple before the meeting.", "a", "an"),
])
def test_article_error_has_span_and_replacement(engine: LanguageToolEngine, sentence: str, wrong: str, right: str) -> None:
    issues = [i for i in _check(engine, sentence) if i.code == "lt:EN_A_VS_AN"]
    assert len(issues) == 1, _check(engine, sentence)
    issue = issues[0]
    assert (issue.start, issue.end) == (sentence.index(f" {wrong} ") + 1, sentence.index(f" {wrong} ") + 1 + len(wrong))
    assert issue.suggestion == right
    assert issue.engine == "languagetool" and issue.kind == "MISC" and issue.category == "Fluency/Grammar"
    assert issue.message


def test_agreement_error_is_a_grammar_issue(engine: LanguageToolEngine) -> None:
    sentence = "He go to school."
    issues = [i for i in _check(engine, sentence) if i.kind == "GRAMMAR"]
    assert issues, _check(engine, sentence)
    assert issues[0].category == "Fluency/Grammar" and issues[0].code.startswith("lt:")
    assert sentence[issues[0].start:issues[0].end] == "go" and issues[0].suggestion == "goes"


def test_misspelled_common_word_is_a_spelling_issue(engine: LanguageToolEngine) -> None:
    sentence = "The ministry will anounce the results."
    issues = _check(engine, sentence)
    assert [(i.code, i.category, sentence[i.start:i.end], i.suggestion) for i in issues] == [
        ("lt:MORFOLOGIK_RULE_EN_US", "Fluency/Spelling", "anounce", "announce")]


@pytest.mark.parametrize("sentence", [
    "Michael P. Mulroy said the strikes were limited.",
    "The former official, Mulroy, said the strikes were limited.",
    "Officials met Mustafa al-Kadhimi and Farnaz Fassihi in Baghdad.",
    "The opposition criticised the rise in parking fees.",  # British spelling of a real word
])
def test_names_are_not_spelling_errors(engine: LanguageToolEngine, sentence: str) -> None:
    assert not [i for i in _check(engine, sentence) if i.category == "Fluency/Spelling"], _check(engine, sentence)


def test_sentence_initial_name_known_from_batch_or_reference(engine: LanguageToolEngine) -> None:
    """At the start of a sentence capitals prove nothing ("Goverment" is a typo, "Mulroy" a
    name); the batch's names and the reference/source decide, as for Harper."""
    sentence = "Mulroy said the strikes were limited."
    assert [i.code for i in _check(engine, sentence)] == ["lt:MORFOLOGIK_RULE_EN_US"]
    assert _check(engine, sentence, names=frozenset({"Mulroy"})) == []
    assert _check(engine, sentence, ref="Mulroy sagte, die Angriffe seien begrenzt gewesen.") == []
    assert _check(engine, "Goverment said the strikes were limited.")[0].suggestion == "Government"


def test_pattern_rules_in_typos_are_not_dropped_as_names(engine: LanguageToolEngine) -> None:
    assert [i.code for i in _check(engine, "Its a good idea, i think.")] == ["lt:IT_IS", "lt:I_LOWERCASE"]


@pytest.mark.parametrize("sentence", [
    "The council approved the budget on Tuesday after a long debate.",
    "Officials said the river had risen by two metres overnight.",
    "The club confirmed that the striker will join on a four-year contract.",
])
def test_fluent_sentence_has_no_issues(engine: LanguageToolEngine, sentence: str) -> None:
    assert _check(engine, sentence) == []


def test_offsets_are_characters_after_an_emoji(engine: LanguageToolEngine) -> None:
    sentence = "Fans 😀 said the the match was great."
    issues = [i for i in _check(engine, sentence) if i.code == "lt:ENGLISH_WORD_REPEAT_RULE"]
    assert issues and sentence[issues[0].start:issues[0].end] == "the the"


def test_noisy_categories_are_off_until_selected(engine: LanguageToolEngine) -> None:
    sentence = "It was a very unique experience for everyone."
    assert _check(engine, sentence) == []  # REDUNDANCY is off by default
    picky = LanguageToolEngine(AuditConfig(grammar="languagetool", select=("lt:VERY_UNIQUE",)))
    assert [i.code for i in _check(picky, sentence)] == ["lt:VERY_UNIQUE"]
    # A rule LanguageTool itself keeps off runs when selected by id.
    plain = LanguageToolEngine(AuditConfig(grammar="languagetool", select=("lt:EN_PLAIN_ENGLISH_REPLACE",)))
    assert [i.code for i in _check(plain, "We will do it in order to save money.")] == ["lt:EN_PLAIN_ENGLISH_REPLACE"]


def test_ignore_and_severity_by_code(engine: LanguageToolEngine) -> None:
    quiet = LanguageToolEngine(AuditConfig(grammar="languagetool", ignore=("lt:",)))
    assert _check(quiet, "He go to school.") == []
    strict = LanguageToolEngine(AuditConfig(grammar="languagetool", severity={"lt:HE_VERB_AGR": "major"}))
    assert [i.severity for i in _check(strict, "He go to school.")] == ["major"]


def test_mapping_covers_every_category_the_server_reports(engine: LanguageToolEngine) -> None:
    """Every category of an en-US rule (the server's rule list) and of the matches on real
    erroneous sentences has its own row: the catch-all is for releases we have not seen."""
    info = requests.get(f"{engine.url}/v2/configinfo", params={"language": "en-US"}, timeout=30).json()
    listed = {rule["categoryId"] for rule in info["rules"]}
    seen = {m.category for s in ERRONEOUS for m in engine._tool.check(s)}
    assert len(seen) >= 10, seen  # the sentences exercise most categories
    assert listed >= seen
    assert not (listed | seen) - set(CATEGORY_MAP), sorted((listed | seen) - set(CATEGORY_MAP))


def test_mapping_keys_are_real_categories_or_rules(engine: LanguageToolEngine) -> None:
    """A key that is neither an en-US category nor rule id is a typo (or a core category
    English does not use yet)."""
    info = requests.get(f"{engine.url}/v2/configinfo", params={"language": "en-US"}, timeout=30).json()
    known = {rule["categoryId"] for rule in info["rules"]} | {rule["ruleId"] for rule in info["rules"]}
    unused_core_categories = {"REPETITIONS", "FALSE_FRIENDS", "COLLOQUIALISMS", "GENDER_NEUTRALITY",
                              "REGIONALISMS", "AI_RULES", "APRIL"}
    assert set(CATEGORY_MAP) - known <= unused_core_categories, set(CATEGORY_MAP) - known


def test_repeated_word_is_a_repetition_like_mt101(engine: LanguageToolEngine) -> None:
    assert mqm("ENGLISH_WORD_REPEAT_RULE", "MISC") == ("Fluency/Repetition", "major", True)
    assert mqm("EN_A_VS_AN", "MISC") == ("Fluency/Grammar", "minor", True)
    assert mqm("SOME_NEW_RULE", "SOME_NEW_CATEGORY") == ("Fluency/Grammar", "minor", True)
    issues = _check(engine, "She lives in in Paris.")
    assert [(i.code, i.category, i.severity) for i in issues] == [
        ("lt:ENGLISH_WORD_REPEAT_RULE", "Fluency/Repetition", "major")]


def test_comma_advice_is_off_by_default(engine: LanguageToolEngine) -> None:
    sentence = "They drink in the sweet nectar and then they all get a little bit sticky."
    assert _check(engine, sentence) == []
    picky = LanguageToolEngine(AuditConfig(grammar="languagetool", select=("lt:COMMA_COMPOUND",)))
    assert [i.code for i in _check(picky, sentence)] == ["lt:COMMA_COMPOUND_SENTENCE"]


@pytest.mark.parametrize(("sentence", "rule"), [
    # Fluent MT output from WMT21 TED zh-en (no error marked by the raters).
    ("In northern Europe, a dad's income is less important.", "EN_SPECIFIC_CASE"),
    ("So we can't help but wonder, if there is a multiverse, is there life in other branches "
     "of this multiverse?", "NO_COMMA_BEFORE_INDIRECT_QUESTION"),
    ("First, Japan's pre - tax wage gap is relatively small.", "EN_COMPOUNDS"),  # MISC
])
def test_rules_that_are_noise_on_mt_are_off_until_selected(engine: LanguageToolEngine, sentence: str,
                                                           rule: str) -> None:
    """benchmarks/ted_engines.py: these flag MT no more precisely than the base rate."""
    assert _check(engine, sentence) == []
    picky = LanguageToolEngine(AuditConfig(grammar="languagetool", select=(f"lt:{rule}",)))
    assert [i.code.startswith(f"lt:{rule}") for i in _check(picky, sentence)] == [True]


def test_remote_mode_never_downloads_or_starts_languagetool(engine: LanguageToolEngine,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import language_tool_python.server as lt_server

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("language-tool-python tried to download or start LanguageTool")

    monkeypatch.setattr(lt_server.LocalLanguageTool, "from_version_name", forbidden)
    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", forbidden)
    fresh = LanguageToolEngine(AuditConfig(grammar="languagetool"))
    assert [i.code for i in _check(fresh, "He go to school.")] == ["lt:HE_VERB_AGR"]


def test_build_engine_builds_it(engine: LanguageToolEngine) -> None:
    assert build_engine(AuditConfig(grammar="languagetool")).name == "languagetool"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_server_says_how_to_start_one() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(ConfigError, match="make languagetool") as err:
        build_engine(AuditConfig(grammar="languagetool", languagetool_url=url))
    assert url in str(err.value) and "--languagetool-url" in str(err.value)
