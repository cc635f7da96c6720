"""``compare.html``: one self-contained page comparing systems' translations of the same sources.

The corpus figures and significance tests are rendered here from the view model
(``compare_view``); the sentences — each one's translations side by side, the best and the
outliers marked, findings highlighted as in the audit report — are drawn in the browser by
``templates/compare.js`` from JSON embedded in the page, a page of sentences at a time, and can
be filtered to those where the systems disagree most. Batch text is escaped by Jinja's autoescape
or set as DOM text; the Content-Security-Policy allows the page's own script and style only (by
their hashes) and no network access.
"""
from __future__ import annotations

import math
from typing import Any

from ..checks.language import language_of
from .compare_view import CompareView, SentenceView, Translation, build
from .html_data import script_json
from .html_report import ENV, VERDICT_ICONS, asset, csp_hash

DISAGREE_SHARE = 0.10  # "disagree most": the sentences in the top tenth by disagreement
SENTENCE_FIELDS = ("doc", "seg", "source", "reference", "disagreement", "translations")
TRANSLATION_FIELDS = ("hypothesis", "shown", "score", "verdict", "flagged", "reason", "best", "outlier",
                      "consensus", "chrf", "issues")
ISSUE_FIELDS = ("code", "severity", "start", "end", "message", "suggestion")


def render_compare_html(comparison: Any, title: str = "") -> str:
    """The compare page of a ``compare.Comparison`` (or a ``CompareView`` already built)."""
    view = comparison if isinstance(comparison, CompareView) else build(comparison)
    script = asset("common.js", "compare.js")
    style = asset("report.css", "compare.css")
    return ENV.get_template("compare.html.j2").render(
        v=view, title=title or " vs ".join(s.name for s in view.systems), script=script, style=style,
        csp_script=csp_hash(script), csp_style=csp_hash(style), icons=VERDICT_ICONS,
        data=script_json(page_data(view)))


def page_data(view: CompareView) -> dict[str, Any]:
    """What the script draws the sentences from: compact arrays read by position."""
    scores = sorted((s.disagreement for s in view.sentences if s.disagreement is not None), reverse=True)
    top = scores[max(0, math.ceil(len(scores) * DISAGREE_SHARE) - 1)] if scores else None
    return {"systems": [s.name for s in view.systems], "baseline": view.baseline,
            "lang": language_of(s.source for s in view.sentences), "disagreeFrom": top,
            "fields": SENTENCE_FIELDS, "translationFields": TRANSLATION_FIELDS, "issueFields": ISSUE_FIELDS,
            "rows": [_sentence(s) for s in view.sentences]}


def _sentence(s: SentenceView) -> list[Any]:
    return [s.doc, s.seg, s.source, s.reference, s.disagreement, [_translation(t) for t in s.translations]]


def _translation(t: Translation) -> list[Any]:
    return [t.hypothesis, t.shown, t.score, t.verdict, int(t.flagged), t.reason, int(t.best), int(t.outlier),
            t.consensus, t.chrf, [[i.code, i.severity, i.start, i.end, i.message, i.suggestion] for i in t.issues]]
