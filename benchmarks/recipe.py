"""Research features and fitting for issue 16 (judgment that holds on news), computed from
cached audit outputs (``mqm.mode_table``) and the source: the shipped model's features, and
the candidates of ``mtaudit/measure`` (length, IBM-1 coverage, trusted agreement), one frame
per (set, mode), cached on disk; a within-item ridge as ``mtaudit.calibrate`` fits it, held
out by document, pooled over both sets, or fitted on one set and scored on the other.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import mqm

from mtaudit.checks.dictionary import STOPWORDS, cedict
from mtaudit.measure import agreement, consensus, length, lexalign
from mtaudit.score.quality import features as shipped_features
from mtaudit.report.table import parse_issues
from mtaudit.segment.sentences import split_paragraph
from mtaudit.measure.worddiff import word_diff

ROOT = Path(__file__).resolve().parents[1]
STOP = frozenset(STOPWORDS)
BASE = ["major_accuracy", "major_fluency", "minor_checks", "grammar_lints", "uncovered_share"]
REFERENCE = ["chrf_gap", "bleu_gap", "diff_missing", "diff_extra"]


FEATURES_VERSION = "2"  # bump when the feature code below changes (the cache is keyed on it)


def _measure_key() -> str:
    """A hash of the measure code as imported (computed once: a run caches what it computed)."""
    digest = hashlib.sha256(FEATURES_VERSION.encode())
    for module in (agreement, consensus, length, lexalign):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


MEASURE_KEY = _measure_key()


def feature_frame(name: str, mode: str, table: pd.DataFrame, cache: Path = mqm.CACHE) -> pd.DataFrame:
    """Every feature of every row of a (set, mode) table, higher = worse; cached by the
    audits' code key and the measure code."""
    path = cache / mqm.code_key() / f"features-{name}-{mode}-{MEASURE_KEY}.pkl"
    if path.is_file():
        return pd.read_pickle(path)
    out = pd.DataFrame(index=table.index)
    base = [shipped_features(r.target, parse_issues(r.issues or ""), _metrics(r, mode)) for r in table.itertuples()]
    out = out.join(pd.DataFrame(base, index=table.index).drop(columns=["empty"], errors="ignore"))
    if mode == "ref":
        shares = [word_diff(r.target, r.reference).shares() for r in table.itertuples()]
        out = out.join(pd.DataFrame(shares, index=table.index))
    out = out.join(_length_features(table, mode)).join(_lexical_features(table, mode))
    if mode == "compare":
        out = out.join(_agreement_features(table))
    out = out.fillna(0.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_pickle(path)
    return out


def _metrics(r, mode: str) -> dict[str, float]:
    m = {}
    if not math.isnan(r.src_coverage):
        m["src_coverage"] = r.src_coverage
    if mode == "ref":
        m.update(chrf=r.chrf, bleu=r.bleu)
    if mode == "compare":
        m["consensus_chrf"] = r.consensus_chrf
    return m


def _batches(table: pd.DataFrame, mode: str) -> list[pd.Index]:
    """What one audit sees: a system's segments, or in compare mode every system's."""
    if mode == "compare":
        return [table.index]
    return [part.index for _, part in table.groupby("system", sort=False)]


def _length_features(table: pd.DataFrame, mode: str) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["len_short_linear"] = [-length.log_ratio(s, t) for s, t in zip(table.source, table.target)]
    out["len_shortfall"] = 0.0
    for index in _batches(table, mode):
        model = length.LengthModel.fit(table.source[index].tolist(), table.target[index].tolist())
        out.loc[index, "len_shortfall"] = [model.shortfall(s, t) for s, t in
                                           zip(table.source[index], table.target[index])]
        out.loc[index, "len_short"] = [model.shortfall(s, t, length.SHORT_MARGIN) for s, t in
                                       zip(table.source[index], table.target[index])]
    if mode == "compare":
        rel = pd.Series(0.0, index=table.index)
        for _, item in table.groupby(["doc", "seg_id"], sort=False):
            hyps = item.target.tolist()
            rel[item.index] = [length.relative_length(h, hyps[:k] + hyps[k + 1:]) for k, h in enumerate(hyps)]
        out["len_short_rel"] = (-rel).clip(lower=0)
        out["len_long_rel"] = rel.clip(lower=0)
    return out


def _lexical_features(table: pd.DataFrame, mode: str) -> pd.DataFrame:
    """IBM-1 coverage of the source (trained on each batch, each pair scored held out):
    uncovered share of the whole source, and of its least covered sentence."""
    prior = lexalign.dictionary_prior(cedict().translations)
    out = pd.DataFrame(0.0, index=table.index, columns=["lex_uncovered", "lex_uncovered_sentence"])
    for index in _batches(table, mode):
        src = [tuple(w for _, _, w in lexalign.source_words(s)) for s in table.source[index]]
        tgt = [lexalign.target_words(t, STOP) for t in table.target[index]]
        model = lexalign.LexicalModel.train(list(zip(src, tgt)), prior, prior_weight=8.0)
        rows = []
        for text, s, t in zip(table.source[index], src, tgt):
            cov = model.coverage(s, t, held_out=True)
            whole = 1 - float(np.mean(cov)) if cov else 0.0
            worst = whole
            sentences = split_paragraph(text)
            if len(sentences) > 1:
                by_word = dict(zip(s, cov))
                for sentence in sentences:
                    words = [by_word[w] for _, _, w in lexalign.source_words(sentence) if w in by_word]
                    if len(words) >= 3:
                        worst = max(worst, 1 - float(np.mean(words)))
            rows.append((whole, worst))
        out.loc[index] = rows
    return out


def _agreement_features(table: pd.DataFrame) -> pd.DataFrame:
    """Trusted agreement: chrF consensus and content-word agreement weighted by each
    system's mean agreement with the others over the batch (``measure.consensus``)."""
    items = list(table.groupby(["doc", "seg_id"], sort=False))
    plain = pd.Series(0.0, index=table.index)
    for _, item in items:
        plain[item.index] = consensus.consensus(item.target.tolist())
    by_system = plain.groupby(table.system).mean()
    weight = dict(zip(by_system.index, consensus.trust(by_system.tolist())))
    out = pd.DataFrame(index=table.index, columns=["wconsensus_gap", "support_gap", "recall_gap"], dtype=float)
    for _, item in items:
        w = [weight[s] for s in item.system]
        out.loc[item.index, "wconsensus_gap"] = [1 - v / 100 for v in consensus.consensus(item.target.tolist(), w)]
        pairs = agreement.content_agreement(item.target.tolist(), w, STOP)
        out.loc[item.index, "support_gap"] = [1 - a for a, _ in pairs]
        out.loc[item.index, "recall_gap"] = [1 - b for _, b in pairs]
    return out


# ------------------------------------------------------------------ fitting

@dataclass
class Ridge:
    """A within-item ridge: standardised features, per-item means removed, on log(1 + MQM)."""

    columns: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: pd.DataFrame) -> np.ndarray:
        """Estimated log(1 + penalty)."""
        return self.intercept + ((x[self.columns].to_numpy() - self.mean) / self.scale) @ self.coef


def target(df: pd.DataFrame) -> np.ndarray:
    return np.log1p(df["mqm"].clip(upper=25.0).to_numpy())


def fit_within(x: pd.DataFrame, y: np.ndarray, items: Sequence, alpha: float = 10.0) -> Ridge:
    """As ``mtaudit.calibrate``: ridge on differences between translations of one source."""
    values = x.to_numpy(dtype=float)
    mean, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    z = pd.DataFrame((values - mean) / scale)
    keys = pd.Series(list(items))
    zw = (z - z.groupby(keys).transform("mean")).to_numpy()
    yw = y - pd.Series(y).groupby(keys).transform("mean").to_numpy()
    coef = np.linalg.solve(zw.T @ zw + alpha * np.eye(zw.shape[1]), zw.T @ yw)
    return Ridge(list(x.columns), mean, scale, coef, float(y.mean()))


def item_keys(df: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(df["set"], df["doc"], df["seg_id"]))


PROTOCOLS = ("domain", "pooled", "lodo")
FLAG_WORDS = 0.15  # flag the estimated worst segments holding this share of the training words


def heldout(frames: dict[str, tuple[pd.DataFrame, pd.DataFrame]], columns: list[str], protocol: str,
            alpha: float = 10.0, fitter: str = "ridge", flag_words: float = FLAG_WORDS) -> dict[str, pd.DataFrame]:
    """Held-out estimated log(1 + penalty) (``pred``) and flag (``flag``: the estimate at or
    above the training data's threshold, ``flag_threshold``) of every row of every set:
    ``domain`` — fitted on the set's other documents; ``pooled`` — on the other documents
    and the other sets; ``lodo`` — on the other sets alone (leave one domain out)."""
    out = {}
    for name, (table, x) in frames.items():
        others = [(t, f) for n, (t, f) in frames.items() if n != name]
        result = pd.DataFrame({"pred": 0.0, "flag": False}, index=table.index)
        if protocol == "lodo":
            parts = [(np.ones(len(table), dtype=bool), others)]
        else:
            docs = table["doc"].to_numpy()
            parts = [(docs == doc, [(table[docs != doc], x[docs != doc])] + (others if protocol == "pooled" else []))
                     for doc in np.unique(docs)]
        for held, train in parts:
            model = _fit_on(train, columns, alpha, fitter)
            threshold = flag_threshold(train, model, flag_words)
            pred = model.predict(x[held])
            result.loc[held, "pred"] = pred
            result.loc[held, "flag"] = pred >= threshold
        out[name] = result
    return out


def flag_threshold(parts: list[tuple[pd.DataFrame, pd.DataFrame]], model: Ridge, share: float) -> float:
    """The estimate above which the training segments hold ``share`` of the training words,
    each set weighing the same (a word-weighted quantile, per set, averaged)."""
    cuts = []
    for table, x in parts:
        pred = model.predict(x)
        order = np.argsort(-pred, kind="stable")
        words = mqm.words(table["target"])[order]
        reach = np.searchsorted(np.cumsum(words), share * words.sum())
        cuts.append(pred[order][min(reach, len(order) - 1)])
    by_set: dict[str, list[float]] = {}
    for (table, _), cut in zip(parts, cuts):
        by_set.setdefault(table["set"].iloc[0], []).append(cut)
    return float(np.mean([np.mean(v) for v in by_set.values()]))


def _fit_on(parts: list[tuple[pd.DataFrame, pd.DataFrame]], columns: list[str], alpha: float,
            fitter: str = "ridge") -> Ridge:
    tables = pd.concat([t for t, _ in parts], ignore_index=True)
    x = pd.concat([f[columns] for _, f in parts], ignore_index=True)
    if fitter == "pairwise":
        # each set weighs the same, whatever its number of rows
        weights = 1.0 / tables.groupby("set")["set"].transform("size").to_numpy()
        return fit_pairwise(x, target(tables), item_keys(tables), weights=weights * len(tables))
    return fit_within(x, target(tables), item_keys(tables), alpha)


def fit_pooled(frames: dict[str, tuple[pd.DataFrame, pd.DataFrame]], columns: list[str], alpha: float = 10.0,
               fitter: str = "ridge") -> Ridge:
    """The model fitted on every set together (what phase 2 would ship)."""
    return _fit_on(list(frames.values()), columns, alpha, fitter)


def fit_pairwise(x: pd.DataFrame, y: np.ndarray, items: Sequence, alpha: float = 1.0,
                 weights: np.ndarray | None = None) -> Ridge:
    """A linear score fitted to the order of translations of one source (logistic loss on
    within-item pairs whose penalties differ), so that it targets the item-grouped Kendall
    directly; the intercept and scale stay those of the ridge (``fit_within``) so the
    penalty estimate keeps its meaning. ``weights``: per-row weights (balance the sets)."""
    from scipy.optimize import minimize

    values = x.to_numpy(dtype=float)
    mean, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    z = (values - mean) / scale
    w = np.ones(len(y)) if weights is None else weights
    diffs, signs, pw = [], [], []
    groups = pd.Series(range(len(y))).groupby(pd.Series(list(items))).indices
    for rows in groups.values():
        if len(rows) < 2:
            continue
        a, b = np.triu_indices(len(rows), 1)
        ia, ib = rows[a], rows[b]
        keep = y[ia] != y[ib]
        diffs.append(z[ia[keep]] - z[ib[keep]])
        signs.append(np.sign(y[ia[keep]] - y[ib[keep]]))
        pw.append(w[ia[keep]] / max(1, len(rows) - 1))
    d, s, pw = np.vstack(diffs), np.concatenate(signs), np.concatenate(pw)

    def loss(c: np.ndarray) -> tuple[float, np.ndarray]:
        m = s * (d @ c)
        p = 1 / (1 + np.exp(np.clip(m, -30, 30)))
        return float((pw * np.logaddexp(0, -m)).sum() / pw.sum() + alpha * c @ c / len(y)), \
            -(d * (pw * s * p)[:, None]).sum(axis=0) / pw.sum() + 2 * alpha * c / len(y)

    coef = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    ridge = fit_within(x, y, items)  # for the scale of the penalty estimate
    pred_r, pred_p = ridge.predict(x) - ridge.intercept, z @ coef
    k = float(pred_r @ pred_p / (pred_p @ pred_p)) if pred_p @ pred_p > 0 else 0.0
    return Ridge(list(x.columns), mean, scale, coef * k, float(y.mean()))
