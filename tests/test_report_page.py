"""report.html's page data: the flag score and the reason beside each sentence, the source's
language, the word diff switched off where it marks most words, the triage store key."""
from __future__ import annotations

from mtaudit.config import AuditConfig
from mtaudit.model import Issue, Segment, SegmentResult
from mtaudit.report.html_data import page_data
from mtaudit.measure.worddiff import word_diff
from mtaudit.results import Summary
from mtaudit.score.explain import explain, lines_of, shown_score
from mtaudit.score.scorer import FlagLine, Scorer
from mtaudit.checks.language import language_of


def summary_of(**fields) -> Summary:
    return Summary.from_dict({"batch": "b", "inputs": ["in/b"], "counts": {}, "findings": [],
                              "flag_below": {"reference": 88.55, "reference_free": 88.8},
                              "config": {"flag_below": None}, **fields})


SUMMARY = summary_of()
SCORER = Scorer.from_config(AuditConfig())


def scored(hyp: str, *, ref: str | None = "The council met on Monday.", src: str | None = None,
           issues: list[Issue] | None = None, doc: str = "d", seg: int = 1) -> SegmentResult:
    metrics = {"chrf": 60.0, "bleu": 30.0} if ref else {}
    measured: dict[str, float] = {}
    score, flagged, verdict = SCORER.score(hyp, issues or [], metrics, measured)
    diff = word_diff(hyp, ref) if ref else None
    return SegmentResult(Segment(doc, seg, hyp, ref, src), issues or [], metrics, score, flagged, verdict,
                         measured, diff)


def rows_of(*results: SegmentResult, summary: Summary = SUMMARY) -> tuple[dict, list[dict]]:
    data = page_data(summary, list(results))
    return data, [dict(zip(data["fields"], r)) for r in data["rows"]]


def test_the_score_is_shown_and_its_length_weighs_nothing() -> None:
    short = scored("The council met on Monday.")
    long = scored(" ".join(["The council met on Monday."] * 4))
    _, (a, b) = rows_of(short, long)
    assert a["score"] == b["score"] and a["shown"] == b["shown"] == f"{a['score']:.1f}"
    assert "flagScore" not in a and "exposure" not in a


def test_reasons_name_the_finding_or_the_line() -> None:
    major = Issue("MT201", "Accuracy/Mistranslation", "major", 0, 3, "number changed")
    critical = Issue("MT303", "Accuracy/Omission", "critical", 0, 3, "omitted")
    lines = lines_of(SUMMARY)
    found = explain("The council.", [major], {}, 99.0, "review", lines, "reference_free")
    assert found.reason == "major: MT201" and found.decisive == ("MT201",)
    line = lines["reference_free"]
    weak = explain("The council.", [], {}, line.value - 1, "review", lines, "reference_free")
    assert weak.reason == f"{line.value - 1:.1f} {line}" and weak.score == line.value - 1
    compared = explain("The council.", [major], {}, line.value - 1, "review", lines, "multi_system")
    assert compared.decisive == () and "MT201" not in compared.reason  # comparing, majors do not flag
    rejected = explain("x", [critical], {}, 40.0, "reject", lines, "reference_free")
    assert rejected.reason.startswith("critical: MT303; quality 40.0 < 50")
    assert explain("Fine.", [], {}, 97.0, "ok", lines, "reference_free").reason == ""


def test_one_decimal_unless_it_would_round_across_the_line() -> None:
    calibrated, user = FlagLine(88.55, True), FlagLine(90.0, False)
    assert shown_score(97.82, calibrated) == "97.8"
    assert shown_score(88.56, calibrated) == "88.6"
    assert shown_score(88.55, calibrated) in ("88.5", "88.55")  # flagged: never shown above the line
    assert shown_score(89.96, user) == "89.96"  # "90.0" would read as not flagged
    assert shown_score(90.04, user) == "90.0"


def test_a_user_flag_below_is_a_strict_line() -> None:
    lines = lines_of(summary_of(flag_below={"reference": 92.0}, config={"flag_below": 92.0}))
    assert lines["reference"] == FlagLine(92.0, inclusive=False)
    assert lines["multi_system"].inclusive  # settings the summary lacks: the shipped model's lines


def test_source_language_per_document() -> None:
    data, _ = rows_of(scored("The council met.", src="Le conseil municipal s'est réuni lundi soir.", doc="fr"),
                      scored("We look up at the sky.", src="我们站在地球上仰望夜空。", doc="zh"),
                      scored("No source here.", doc="none"))
    assert data["langs"] == ["fr", "zh", None]
    assert language_of(["Der Stadtrat hat am Montag einen neuen Haushalt beschlossen."]) == "de"
    assert language_of(["", None]) is None


def test_word_diff_is_off_where_it_marks_most_words() -> None:
    _, (close, far) = rows_of(scored("The council met on Monday.", ref="The council met on Tuesday."),
                              scored("Completely other words altogether here.", ref="The council met on Monday."))
    assert close["diffOff"] == 0 and far["diffOff"] == 1


def test_triage_is_kept_per_report() -> None:
    one, _ = rows_of(scored("A."))
    other, _ = rows_of(scored("A."), summary=summary_of(inputs=["elsewhere/b"]))
    assert one["store"].startswith("mtaudit-triage:b:") and one["store"] != other["store"]
