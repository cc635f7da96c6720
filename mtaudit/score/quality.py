"""The calibrated quality score: what mtaudit knows about a sentence, weighed the way expert
MQM annotators weigh errors.

A sentence's *features* — its findings by severity and kind, how much of the source a
bilingual dictionary finds translated, its length against what its batch predicts, how much
of its batch's sources the dictionary finds translated, its reference metrics, its agreement
with other systems — go through a small linear model fitted on MQM annotations (``mtaudit
calibrate``, TED talks and news together; the fitted weights ship in ``data/quality.json``).
The model estimates the MQM penalty (fitted on log(1 + penalty), so that a few segments
with 25 points do not dominate); the score is ``100 - 4 × penalty``, clipped to 0–100, the
same scale as the uncalibrated rule it replaces.

The sentence's own length is never a feature: a model that learns that long TED segments
have more errors ranks news the wrong way round (on news, short outputs are the bad ones:
omissions). It is fitted on the differences between translations of the same source, so
it cannot learn that habit. What it may weigh is a translation *shorter than its source
predicts* (``len_short``, against the batch's own length model: ``measure/length.py``).
Each setting weighs the features that measured on both domains with the same sign
(``calibrate.FEATURES``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .. import jsonio
from ..catalog import NOTICE_CODES
from ..errors import ConfigError, InputError
from ..model import Issue

MODEL_FILE = Path(__file__).parents[1] / "data" / "quality.json"
# With a reference (chrF and BLEU, the default metrics), with a reference and TER, without
# a reference, and several systems compared.
SETTINGS = ("reference", "reference_ter", "reference_free", "multi_system")
MAX_PENALTY = 25.0  # MQM's weight of one critical error; the score (100 - 4 × penalty) is 0 there
_MAX_EXPONENT = math.log1p(MAX_PENALTY)


def features(hyp: str, issues: Iterable[Issue], metrics: Mapping[str, float] | None = None) -> dict[str, float]:
    """The figures the model weighs, none of them the sentence's length: findings by kind,
    and from ``metrics`` the dictionary coverage of the source (``src_coverage``), the
    shortfall against the batch's length model (``len_short``), the batch's mean coverage
    (``batch_coverage``), the reference metrics (``chrf``, ``bleu``, ``ter``), the word
    diff against the reference (``diff_missing``, ``diff_extra``) and agreement with other
    systems (``consensus_chrf``) where they exist."""
    metrics = metrics or {}
    found = [i for i in issues if i.code not in NOTICE_CODES]
    accuracy = [i.category.startswith(("Accuracy", "Terminology")) for i in found]
    out = {
        "major_accuracy": sum(i.severity != "minor" and a for i, a in zip(found, accuracy)),
        "major_fluency": sum(i.severity != "minor" and not a for i, a in zip(found, accuracy)),
        "minor_checks": sum(i.severity == "minor" and i.engine == "mtaudit" for i in found),
        "grammar_lints": sum(i.engine != "mtaudit" for i in found),
        "uncovered_share": 1.0 - metrics["src_coverage"] if "src_coverage" in metrics else 0.0,
    }
    if "chrf" in metrics:
        out["chrf_gap"] = 1.0 - metrics["chrf"] / 100
    if "bleu" in metrics:
        out["bleu_gap"] = 1.0 - metrics["bleu"] / 100
    if "ter" in metrics:
        out["ter"] = min(metrics["ter"], 200.0) / 100
    if "diff_missing" in metrics:
        out["diff_missing"], out["diff_extra"] = metrics["diff_missing"], metrics["diff_extra"]
    if "consensus_chrf" in metrics:
        out["consensus_gap"] = 1.0 - metrics["consensus_chrf"] / 100
    if "len_short" in metrics:
        out["len_short"] = metrics["len_short"]
    if "batch_coverage" in metrics:
        out["batch_uncovered"] = 1.0 - metrics["batch_coverage"]
    if not hyp.strip():
        out["empty"] = 1.0
    return out


@dataclass(frozen=True)
class QualityModel:
    """A linear estimate of the MQM penalty from standardised features."""

    setting: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    flag_penalty: float  # estimated penalty at or above which a sentence is flagged

    def penalty(self, figures: Mapping[str, float]) -> float:
        """The estimated MQM penalty (>= 0); an empty hypothesis is an omission, 25."""
        if figures.get("empty"):
            return 25.0
        # evidence a (refitted) model weighs but this run did not compute counts as average
        z = sum(c * (figures.get(f, m) - m) / s for f, m, s, c in
                zip(self.features, self.mean, self.scale, self.coef))
        # Capped at MAX_PENALTY, where the score is 0 already: thousands of findings in one
        # sentence ('(' * 4100) would overflow exp.
        return max(0.0, math.expm1(min(self.intercept + z, _MAX_EXPONENT)))

    def as_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "flag_penalty": self.flag_penalty}


def setting_for(figures: Mapping[str, float]) -> str:
    """Which fitted model applies: with agreement between systems, with a reference, or neither."""
    if "consensus_gap" in figures:
        return "multi_system"
    if "chrf_gap" in figures:
        return "reference_ter" if "ter" in figures else "reference"
    return "reference_free"


@lru_cache(maxsize=4)
def load_models(path: str | None = None) -> dict[str, QualityModel]:
    """The fitted models shipped with mtaudit, or those of a file ``mtaudit calibrate`` wrote."""
    try:
        data = jsonio.load(Path(path or MODEL_FILE), jsonio.QUALITY_MODEL, "quality model file")
        missing = [s for s in SETTINGS if s not in data["models"]]
    except InputError as exc:  # a model file is configuration: the same message, a usage error
        raise ConfigError(str(exc)) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a quality model file ({exc})") from None
    if missing:
        raise ConfigError(f"{path}: no model for {', '.join(missing)}")
    return {name: QualityModel(name, tuple(m["features"]), tuple(m["mean"]), tuple(m["scale"]),
                               tuple(m["coef"]), float(m["intercept"]), float(m["flag_penalty"]))
            for name, m in data["models"].items()}
