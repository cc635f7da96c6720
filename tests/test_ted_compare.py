"""On WMT21 TED zh-en (../shared/eval, skipped when absent): every system's corpus figures
equal sacrebleu's, and compare separates the best system by MQM from the worst."""
from __future__ import annotations

from pathlib import Path

import pytest
import sacrebleu

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.report import write_reports
from tests.conftest import SHARED

SYSTEMS = SHARED / "eval" / "ted-zhen" / "systems"
CONFIG = AuditConfig(segments=True, grammar="none", bootstrap=1, select=("MT3",), metrics=("chrf", "bleu", "ter"))
BEST, WORST = "DIDI-NLP", "ref.A"  # lowest and highest mean MQM in the data set's README

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SYSTEMS.is_dir(), reason="../shared/eval/ted-zhen is not present")]


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict]]:
    """Each system audited against its reference, written as an audit folder."""
    out = tmp_path_factory.mktemp("ted")
    found = {}
    for system in sorted(p for p in SYSTEMS.iterdir() if p.is_dir()):
        result = mtaudit.audit([system / "hyp.txt"], ref=system / "ref.txt", config=CONFIG)
        write_reports(result, out / system.name, ["csv", "json", "sentences"])
        found[system.name] = (out / system.name, result.summary.as_dict()["metrics"])
    return found


def test_every_system_reproduces_sacrebleu(audits: dict[str, tuple[Path, dict]]) -> None:
    assert len(audits) == 14
    for name, (_, metrics) in audits.items():
        hyp = (SYSTEMS / name / "hyp.txt").read_text(encoding="utf-8").splitlines()
        ref = (SYSTEMS / name / "ref.txt").read_text(encoding="utf-8").splitlines()
        assert metrics["chrf"]["score"] == pytest.approx(sacrebleu.corpus_chrf(hyp, [ref]).score, abs=1e-4), name
        assert metrics["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(hyp, [ref]).score, abs=1e-4), name
        assert metrics["ter"]["score"] == pytest.approx(sacrebleu.corpus_ter(hyp, [ref]).score, abs=1e-4), name


def test_best_and_worst_differ_significantly_and_a_system_not_from_itself(
        audits: dict[str, tuple[Path, dict]]) -> None:
    config = AuditConfig(bootstrap=1000)
    result = mtaudit.compare([audits[BEST][0], audits[WORST][0]], config=config)
    assert result.report["shared_reference_sentences"] == 529
    assert result.tests["significant"].all()
    tests = result.tests.set_index("metric")
    assert tests.loc["chrf", "delta"] < 0 and tests.loc["bleu", "delta"] < 0 < tests.loc["ter", "delta"]
    same = mtaudit.compare([audits[BEST][0], audits[BEST][0]], names=["a", "b"], config=config)
    assert not same.tests["significant"].any()
