"""Every check against its own must-flag and must-pass sentences, plus registry rules."""
from __future__ import annotations

from typing import Any

import pytest

from mtaudit.checks import REGISTRY, active_checks
from mtaudit.checks.context import DocContext
from mtaudit.checks.registry import CODE_RE, NAME_RE, Example
from mtaudit.config import AuditConfig


def context(example: Example) -> dict[str, Any]:
    """A check context from an example: a sentence, or a dict with a ``hyp`` and more."""
    if isinstance(example, str):
        return {"hyp": example}
    ctx = dict(example)
    if isinstance(ctx.get("doc"), dict):
        doc = ctx["doc"]
        ctx["doc"] = DocContext("example", tuple(doc.get("hyps", ())), frozenset(doc.get("names", ())))
    return ctx


FLAGS = [(code, ex) for code, c in sorted(REGISTRY.items()) for ex in c.flags]
PASSES = [(code, ex) for code, c in sorted(REGISTRY.items()) for ex in c.passes]


@pytest.mark.parametrize("code, example", FLAGS, ids=[f"{c}-flag{i}" for i, (c, _) in enumerate(FLAGS)])
def test_check_flags_its_examples(code: str, example: Example) -> None:
    issues = REGISTRY[code].run(context(example))
    assert issues and all(i.code == code for i in issues)
    hyp = context(example)["hyp"]
    for issue in issues:
        assert 0 <= issue.start <= issue.end <= len(hyp)


@pytest.mark.parametrize("code, example", PASSES, ids=[f"{c}-pass{i}" for i, (c, _) in enumerate(PASSES)])
def test_check_passes_fluent_examples(code: str, example: Example) -> None:
    assert REGISTRY[code].run(context(example)) == []


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_check_has_examples_and_docs(code: str) -> None:
    check = REGISTRY[code]
    assert len(check.flags) >= 2, f"{code} needs at least two sentences it must flag"
    assert len(check.passes) >= 3, f"{code} needs at least three fluent sentences it must pass"
    assert len(check.description.splitlines()) >= 3, f"{code} needs a docstring: what, why, example, fix"


def test_codes_and_names_are_valid_and_unique() -> None:
    assert len(REGISTRY) >= 15
    assert all(CODE_RE.match(c) and NAME_RE.match(k.name) for c, k in REGISTRY.items())
    assert len({c.name for c in REGISTRY.values()}) == len(REGISTRY)
    for code, c in REGISTRY.items():
        family = {"1": "target", "2": "source", "3": "reference", "4": "source", "5": "systems"}[code[2]]
        assert c.needs in ("target", family), f"{code} is in the {family} family but needs {c.needs}"


def test_spans_of_real_news_errors() -> None:
    hyp = "Shipping companies warned that the stoppage was costing the the region millions."
    (issue,) = REGISTRY["MT101"].run({"hyp": hyp})
    assert hyp[issue.start:issue.end] == "the" and issue.start == hyp.rindex("the the") + 4
    prev = "“We have acted deliberately with the aim of weakening the overall situation in both eastern Syria and Iraq,” he said."
    assert REGISTRY["MT103"].run({"hyp": "Kirby said.", "prev": prev})
    (frag,) = REGISTRY["MT104"].run({"hyp": "would not avoid."})
    assert (frag.start, frag.end, frag.suggestion) == (0, 5, "W")


def test_select_and_ignore_choose_checks() -> None:
    assert "MT104" not in {c.code for c in active_checks(AuditConfig(ignore=("MT104",)))}
    only = {c.code for c in active_checks(AuditConfig(ignore=("MT1",), select=("MT104",)))}
    assert only == {"MT104"}


def test_reference_checks_skip_without_reference() -> None:
    assert REGISTRY["MT301"].run({"hyp": "Firefighters evacuated 120 residents."}) == []


def test_quote_closed_twice_and_lone_bracket() -> None:
    hyp = "“This proportionate military response has been carried out,” he added.”"
    (issue,) = REGISTRY["MT106"].run({"hyp": hyp})
    assert issue.start == len(hyp) - 1
    (bracket,) = REGISTRY["MT106"].run({"hyp": "The minister resigned) on Monday."})
    assert bracket.start == "The minister resigned) on Monday.".index(")")


def test_loop_span_starts_at_the_first_repeat() -> None:
    hyp = "The government the government the government has resigned."
    (issue,) = REGISTRY["MT102"].run({"hyp": hyp, "prev": None})
    assert (issue.start, hyp[issue.end:]) == (len("The government "), " has resigned.")


def test_source_repeat_scan_is_fast_on_long_chinese() -> None:
    """A backtracking regex once took seconds per Chinese source sentence here."""
    import time
    from mtaudit.checks.repetition import source_repeats
    plain = ("爱因斯坦意识到宇宙是空的它将看起来像这幅照片一样除了那些画在上面的辅助线"
             "我们站在地球上仰望夜空用肉眼就能看到天上的繁星但是我们对宇宙的大部分了解都来自于光"
             "有些冰超过十万年有二十五万种至少两万种兰花分布在三个地区强烈的阳光是如此地刺眼")
    started = time.perf_counter()
    assert source_repeats("我们站在地球上仰望夜空用肉眼就能看到天上的繁星，" * 2 + plain)
    assert not source_repeats(plain[:-1] + "。")
    assert time.perf_counter() - started < 0.5


def test_rare_word_threshold_is_an_option() -> None:
    hyp = "Biden orders air strike in Syria targeting Iran-backed milieus"
    (issue,) = REGISTRY["MT107"].run({"hyp": hyp})
    assert hyp[issue.start:issue.end] == "milieus"
    assert REGISTRY["MT107"].run({"hyp": hyp, "options": {"min_zipf": 1.0}}) == []


def test_numbers_in_words_and_digits_agree() -> None:
    from mtaudit.checks.numbers import numbers
    assert [n.value for n in numbers("ten thousand, 10,000, 2.5 million, Fourteen at 18:00")] == \
        ["10000", "10000", "2500000", "14", "18"]
    assert REGISTRY["MT301"].run({"hyp": "Two bridges closed.", "ref": "2 bridges closed."}) == []
    (issue,) = REGISTRY["MT301"].run({"hyp": "Two bridges closed.", "ref": "3 bridges closed."})
    assert "reference has 3" in issue.message
