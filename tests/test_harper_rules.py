"""The Harper prefilter: only the rules whose findings mtaudit keeps run first, and the
findings stay those of the full linter whatever the configuration."""
from __future__ import annotations

from pathlib import Path

import harper
import pytest

from mtaudit.checks.grammar import harper_engine, harper_rules
from mtaudit.config import AuditConfig
from mtaudit.checks.grammar.harper_engine import KIND_MAP, UNMAPPED, HarperEngine
from tests.engine_sentences import ENGINE_SENTENCES

SENTENCES = [
    *ENGINE_SENTENCES,
    "The ministry will anounce the results , said Mustafa al-Kadhimi in Baghdad.",
    "We stand on the earth and look up at the night sky -- with the naked eye.",
    "So, you know, I think that that's a very very important point, and and we should.",
    "Each of the 10 persons have there own oppinion about alot of things.",
    "The data shows that, in my opinion, the the results are more better than expected.",
    ("This sentence is deliberately made very long so that the readability rule about long "
     "sentences has something to say about it, because it goes on and on with clause after "
     "clause and never seems to reach its end, which is exactly what the rule looks for."),
    "Kataib fighters crossed the border, a spokeswoman said in Kiel on Monday at 9:05.",
    "",
]
CONFIGS = [
    AuditConfig(),
    AuditConfig(select=("harper:",)),
    AuditConfig(ignore=("harper:SpellCheck", "harper:RepeatedWords")),
    AuditConfig(select=("harper:LongSentences", "harper:SpellCheck")),
    AuditConfig(select=("MT1",)),
]


def full_linter_engine(config: AuditConfig) -> HarperEngine:
    """The engine as it was: every sentence through every rule."""
    engine = HarperEngine(config)
    engine._plan = None
    return engine


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"select={c.select},ignore={c.ignore}")
def test_prefilter_keeps_the_full_linters_findings(config: AuditConfig) -> None:
    fast, full = HarperEngine(config), full_linter_engine(config)
    context = [(frozenset(), None, None), (frozenset({"Kataib"}), "The results will be announced.", None)]
    found = 0
    for sentence in SENTENCES:
        for names, ref, src in context:
            expected = full.check(sentence, names=names, ref=ref, src=src)
            assert fast.check(sentence, names=names, ref=ref, src=src) == expected, sentence
            found += bool(expected)
    assert found or not config.enabled("harper:SpellCheck", True)


def test_default_plan_switches_off_rules_whose_findings_are_discarded() -> None:
    plan = HarperEngine(AuditConfig())._plan
    assert plan is not None
    rules = dict(plan.rules)
    assert rules["SpellCheck"] and rules["RepeatedWords"]
    assert not rules["LongSentences"]  # Readability: off by default in KIND_MAP
    assert plan.running < sum(harper.get_default_lint_config().values())
    assert "Readability" not in plan.candidate_kinds and "Spelling" in plan.candidate_kinds


def test_selecting_an_off_kind_rule_runs_it_and_reports_it() -> None:
    config = AuditConfig(select=("harper:LongSentences",))
    plan = HarperEngine(config)._plan
    assert plan is not None and dict(plan.rules)["LongSentences"] and plan.running == 1
    issues = HarperEngine(config).check(SENTENCES[11], names=frozenset(), ref=None, src=None)
    assert [i.code for i in issues] == ["harper:LongSentences"]


def test_selecting_every_harper_code_needs_no_prefilter() -> None:
    assert HarperEngine(AuditConfig(select=("harper:",)))._plan is None


def test_kinds_table_lists_every_kind_a_rule_emits() -> None:
    table = harper_rules.rule_kinds()
    assert table is not None
    linter = harper.Linter(harper.Dialect.AMERICAN)
    seen = 0
    for sentence in SENTENCES:
        for rule, lints in linter.organized_lints(sentence, language="plaintext", dedup=False).items():
            for lint in lints:
                seen += 1
                assert table.get(rule) is None or lint.lint_kind in table[rule], (rule, lint.lint_kind)
    assert seen > 20


def test_table_for_another_harper_py_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    harper_rules.rule_kinds.cache_clear()
    monkeypatch.setattr(harper_rules, "version", lambda name: "9.9.9")
    try:
        assert harper_rules.rule_kinds() is None
        assert harper_rules.plan_rules({"SpellCheck": True}, KIND_MAP, UNMAPPED, AuditConfig().enabled) is None
    finally:
        harper_rules.rule_kinds.cache_clear()


def corpus_sentences() -> list[str]:
    """The sample batch's translations: mostly fluent news sentences."""
    root = Path(__file__).resolve().parent.parent / "corpora"
    return [line for path in sorted(root.rglob("*.hyp.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("cap", [harper_engine.JOINED_CHARS, 120])
@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"select={c.select},ignore={c.ignore}")
def test_screening_a_block_clears_only_sentences_without_findings(
        config: AuditConfig, cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harper_engine, "JOINED_CHARS", cap)
    engine, full = HarperEngine(config), full_linter_engine(config)
    block = [s for s in SENTENCES if s] + corpus_sentences()
    held = engine.screen(block)
    assert len(held) == len(block)
    for sentence, kept in zip(block, held):
        alone = engine._plan is None or engine._may_have_findings(sentence, frozenset(), set(), engine._plan)
        assert kept or not alone, sentence  # what the prefilter holds alone, the screen holds
        if not kept:
            assert full.check(sentence, names=frozenset(), ref=None, src=None) == [], sentence
    if engine._plan is None:  # every rule selected: nothing to prefilter with
        assert all(held)
    elif config.enabled("harper:SpellCheck", True):
        assert 0 < sum(held) < len(held)
