"""The gate as a pure function: requirements parsed, breaches found, an edge-case table."""
from __future__ import annotations

from pathlib import Path

import pytest

from mtaudit.config import AuditConfig, find_config_file, load_config_file
from mtaudit.errors import ConfigError
from mtaudit.gate import breaches, parse_requirement, parse_requirements
from mtaudit.results import Summary

SUMMARY_JSON = {
    "counts": {"sentences": 10, "flagged": 3, "issues": 5,
               "by_verdict": {"ok": 7, "review": 2, "reject": 1},
               "by_severity": {"minor": 3, "major": 1, "critical": 1}},
    "flagged_rate": 0.3,
    "score": {"mean": 81.5},
    "metrics": {"chrf": {"score": 55.0}, "ter": {"score": 48.0}},
    "tallies": {"code": {"MT103": [2, 2], "harper:SpellCheck": [1, 1]},
                "category": {"Fluency/Repetition": [2, 2]},
                "severity": {"minor": [3, 2], "major": [1, 1], "critical": [1, 1]}},
    "documents": [
        {"doc": "a", "sentences": 5, "flagged": 0, "flagged_rate": 0.0, "mean_score": 100.0,
         "metrics": {"chrf": 70.0}, "tallies": {"code": {}, "category": {}, "severity": {}}},
        {"doc": "b", "sentences": 5, "flagged": 3, "flagged_rate": 0.6, "mean_score": 63.0,
         "metrics": {"chrf": 40.0},
         "tallies": {"code": {"MT103": [2, 2]}, "category": {}, "severity": {"critical": [1, 1]}}},
    ],
    "findings": [],
}
SUMMARY = Summary.from_dict(SUMMARY_JSON)


@pytest.mark.parametrize("requirement, breached_scopes", [
    ("flagged_rate <= 0.3", []),
    ("flagged_rate < 0.3", ["batch"]),
    ("flagged_rate <= 30%", []),
    ("mean_score >= 80", []),
    ("mean_score >= 90", ["batch"]),
    ("chrf >= 50", []),
    ("chrf >= 60", ["batch"]),
    ("ter <= 40", ["batch"]),
    ("bleu >= 10", ["batch"]),            # no BLEU in the summary: missing is a breach
    ("critical == 0", ["batch"]),
    ("major <= 1", []),
    ("minor_rate <= 0.1", ["batch"]),     # 2 of 10 sentences have a minor issue
    ("MT103 == 0", ["batch"]),
    ("MT103_rate <= 0.2", []),
    ("MT201 == 0", []),                   # a code with no issues counts 0
    ("harper:SpellCheck <= 0", ["batch"]),
    ("Fluency/Repetition <= 1", ["batch"]),
    ("Accuracy/Untranslated_rate <= 2%", []),
    ("doc:flagged_rate <= 0.5", ["b"]),
    ("doc:chrf >= 50", ["b"]),
    ("doc:critical == 0", ["b"]),
    ("doc:MT103 == 0", ["b"]),
])
def test_breaches_table(requirement: str, breached_scopes: list[str]) -> None:
    found = breaches(SUMMARY, [parse_requirement(requirement)])
    assert [b.scope for b in found] == breached_scopes


def test_breach_message_names_value_and_limit() -> None:
    (breach,) = breaches(SUMMARY, [parse_requirement("doc:flagged_rate <= 0.5")])
    assert breach.message == "document b: flagged_rate = 0.6, required <= 0.5"


@pytest.mark.parametrize("bad", ["flagged_rate", "flagged_rate <= high", "flaged_rate <= 0.1", "<= 3"])
def test_bad_requirements_are_config_errors(bad: str) -> None:
    with pytest.raises(ConfigError):
        parse_requirement(bad)


def test_config_file_unknown_key_is_named(tmp_path: Path) -> None:
    (tmp_path / "mtaudit.toml").write_text('select = ["MT1"]\nthreshold = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'threshold'"):
        load_config_file(find_config_file(tmp_path))


def test_config_file_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mtaudit]\nignore = ["MT107"]\nrequire = ["critical == 0"]\n'
        'severity = { MT101 = "minor" }\n', encoding="utf-8")
    settings = load_config_file(find_config_file(tmp_path))
    config = AuditConfig(**settings)
    assert config.ignore == ("MT107",) and parse_requirements(config.require)[0].name == "critical"
    assert config.severity_of("MT101", "major") == "minor"


@pytest.mark.parametrize("text, message", [
    ('bootstrap = "many"\n', "bootstrap must be a int"),
    ('select = "MT1"\n', "select must be a list of strings"),
    ('grammar = "word"\n', "unknown grammar engine"),
    ('severity = { MT101 = "huge" }\n', "severity for MT101"),
    ('require = ["flagged <= lots"]\n', "cannot read requirement"),
])
def test_config_file_bad_values(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "mtaudit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        parse_requirements(AuditConfig(**load_config_file(tmp_path / "mtaudit.toml")).require)


@pytest.mark.parametrize("select, ignore, code, expected", [
    ((), (), "MT101", True),
    ((), ("MT1",), "MT101", False),
    (("MT101",), ("MT1",), "MT101", True),
    (("MT101",), ("MT1",), "MT102", False),
    (("MT1",), ("MT10",), "MT101", False),
    ((), ("harper:",), "harper:SpellCheck", False),
    (("MT1",), (), "harper:SpellCheck", False),
    (("MT1", "harper:"), (), "harper:SpellCheck", True),
    (("harper:SpellCheck",), ("harper:",), "harper:SpellCheck", True),
])
def test_decision_engine(select, ignore, code, expected) -> None:
    assert AuditConfig(select=select, ignore=ignore).enabled(code) is expected


def test_default_off_rule_runs_only_when_selected() -> None:
    assert AuditConfig().enabled("harper:LongSentences", default=False) is False
    assert AuditConfig(select=("harper:LongSentences",)).enabled("harper:LongSentences", default=False)


def test_every_metric_in_the_catalog_can_be_gated() -> None:
    from mtaudit.catalog import METRICS

    summary = Summary.from_dict({**SUMMARY_JSON, "metrics": {m.name: {"score": 50.0} for m in METRICS}})
    for metric in METRICS:
        assert breaches(summary, [parse_requirement(f"{metric.name} >= 50")]) == []
        assert [b.value for b in breaches(summary, [parse_requirement(f"{metric.name} > 50")])] == [50.0]
    (missing,) = breaches(SUMMARY, [parse_requirement("chrfpp >= 50")])  # computed only with --metrics chrfpp
    assert missing.value is None and "chrfpp = missing" in missing.message
