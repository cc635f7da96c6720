"""Reference metrics equal sacrebleu's own figures: chrF, chrF++, BLEU, TER, one or several references."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import sacrebleu

import mtaudit
from mtaudit.config import AuditConfig
from mtaudit.catalog import METRIC_NAMES
from mtaudit.measure.metrics import ReferenceMetrics
from tests.conftest import CORPORA, ROOT

SEG = CORPORA / "segments"
SACREBLEU = ROOT / ".venv" / "bin" / "sacrebleu"


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def sacrebleu_cli(refs: list[Path], hyp: Path, *extra: str) -> list[float]:
    """Corpus figures printed by sacrebleu's command line (BLEU, chrF, TER unless ``extra``)."""
    if not SACREBLEU.exists():
        pytest.skip("the sacrebleu command is not installed in .venv")
    args = [str(SACREBLEU), *map(str, refs), "-i", str(hyp), *(extra or ("-m", "bleu", "chrf", "ter")), "-b", "-w", "4"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [float(x) for x in json.loads(out)] if out.lstrip().startswith("[") else [float(out)]


def second_reference(tmp_path: Path) -> Path:
    """Another reference of the same lines: the hypothesis with every third word dropped."""
    path = tmp_path / "ref2.txt"
    path.write_text("\n".join(" ".join(w for k, w in enumerate(line.split()) if k % 3 != 2)
                              for line in lines(SEG / "hyp.txt")) + "\n", encoding="utf-8")
    return path


def test_corpus_figures_equal_sacrebleu_cli() -> None:
    bleu, chrf, ter = sacrebleu_cli([SEG / "ref.txt"], SEG / "hyp.txt")
    (chrfpp,) = sacrebleu_cli([SEG / "ref.txt"], SEG / "hyp.txt", "-m", "chrf", "--chrf-word-order", "2")
    corpus = mtaudit.audit([SEG / "hyp.txt"], ref=SEG / "ref.txt",
                           config=AuditConfig(segments=True, grammar="none", bootstrap=1, metrics=METRIC_NAMES)).summary.metrics
    assert {k: corpus[k].score for k in ("bleu", "chrf", "ter", "chrfpp")} == pytest.approx(
        {"bleu": bleu, "chrf": chrf, "ter": ter, "chrfpp": chrfpp}, abs=1e-4)
    assert "nw:2" in corpus["chrfpp"].signature and "nw:0" in corpus["chrf"].signature


def test_several_references_equal_sacrebleu_cli(tmp_path: Path) -> None:
    ref2 = second_reference(tmp_path)
    bleu, chrf, ter = sacrebleu_cli([SEG / "ref.txt", ref2], SEG / "hyp.txt")
    result = mtaudit.audit([SEG / "hyp.txt"], ref=[SEG / "ref.txt", ref2],
                           config=AuditConfig(segments=True, grammar="none", bootstrap=1, metrics=METRIC_NAMES))
    corpus = result.summary.metrics
    assert [corpus[k].score for k in ("bleu", "chrf", "ter")] == pytest.approx([bleu, chrf, ter], abs=1e-4)
    assert "nrefs:2" in corpus["bleu"].signature
    one = mtaudit.audit([SEG / "hyp.txt"], ref=SEG / "ref.txt",
                        config=AuditConfig(segments=True, grammar="none", bootstrap=1, metrics=METRIC_NAMES))
    assert corpus["bleu"].score != one.summary.metrics["bleu"].score


def test_sentence_scores_with_several_references() -> None:
    hyp, ref = lines(SEG / "hyp.txt")[2], lines(SEG / "ref.txt")[2]
    other = "The minister said that the law takes effect in January."
    metrics = ReferenceMetrics()
    scores = metrics.sentence(metrics.statistics(hyp, [ref, other]))
    assert scores["chrf"] == pytest.approx(sacrebleu.sentence_chrf(hyp, [ref, other]).score)
    assert scores["chrfpp"] == pytest.approx(sacrebleu.CHRF(word_order=2).sentence_score(hyp, [ref, other]).score)
    assert scores["bleu"] == pytest.approx(sacrebleu.sentence_bleu(hyp, [ref, other]).score)
    assert scores["ter"] == pytest.approx(sacrebleu.sentence_ter(hyp, [ref, other]).score)
    assert metrics.sentence(metrics.statistics(hyp, ref)) == metrics.sentence(metrics.statistics(hyp, [ref]))


def test_several_references_need_segments(tmp_path: Path) -> None:
    with pytest.raises(mtaudit.errors.InputError, match="--segments"):
        mtaudit.audit([SEG / "hyp.txt"], ref=[SEG / "ref.txt", second_reference(tmp_path)],
                      config=AuditConfig(grammar="none"))


def test_corpus_intervals_stay_within_each_metrics_scale() -> None:
    """A 12-sentence document near chrF 100: sacrebleu's mean ± half-range put its interval
    at 70.8–102.85 (BLEU to 103.9, TER from -2.4); the percentile bounds are resample
    scores, within the scale, and as wide as sacrebleu's interval."""
    from mtaudit.measure.metrics import CorpusStatistics

    refs = [f"The harbour reopened on day {i} after the long strike by dock workers." for i in range(12)]
    hyps = list(refs)
    hyps[3], hyps[7] = "Harbour closed.", "The port reopened."
    metrics = ReferenceMetrics(("chrf", "bleu", "ter"))
    corpus = CorpusStatistics(metrics.names, 1000)
    corpus.add([metrics.statistics(h, r) for h, r in zip(hyps, refs)])
    result = corpus.result()
    for name in ("chrf", "bleu"):
        assert 0 <= result[name].ci_low <= result[name].score <= result[name].ci_high <= 100, name
    assert 0 <= result["ter"].ci_low <= result["ter"].score <= result["ter"].ci_high
    assert result["chrf"].ci_high == 100.0  # a resample of only the perfect sentences
    theirs = sacrebleu.CHRF().corpus_score(hyps, [refs], n_bootstrap=1000)
    assert result["chrf"].ci_high - result["chrf"].ci_low == pytest.approx(2 * theirs._ci, rel=0.25)
