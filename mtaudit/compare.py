"""Compare systems: two or more audits of translations of the same sources.

Each input is an existing audit folder (``summary.json`` + ``sentences.json``, loaded back
into its results) or anything ``audit`` accepts, audited here with the same reference,
source and configuration.
Sentences are matched across systems by ``doc`` and ``seg`` (an outer join: a sentence one
system lacks is an empty row of that system, ``missing`` true, counted in ``unmatched``); the
first system is the baseline every other one is compared with:

- per corpus: chrF, BLEU and TER on the sentences all systems have with the same reference, with sacrebleu's paired
  bootstrap and approximate-randomization p-values, and flag-rate and issue-category deltas;
- per sentence: metric deltas, the sentences that got most worse and most better, and each
  translation's agreement with the other systems' translations of the same sentence
  (``consensus_chrf``, the mean chrF against them, as in minimum-Bayes-risk selection, each
  system's vote weighted by its dictionary coverage of the batch's sources where the audits
  have sources: ``measure.consensus``) — reference-free evidence of quality; the system with the highest agreement has the
  sentence's ``best`` translation.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd

from .catalog import PAIRED_METRICS
from .checks import against_others
from .config import AuditConfig
from .errors import ConfigError, InputError
from .measure.consensus import consensus as agreement
from .measure.consensus import trust
from .measure.significance import P_VALUE, Intervals, shared_with_reference, significance_table
from .model import Issue, SegmentResult
from .pipeline import AuditRun, Progress
from .read.names import system_names
from .report.compare_html import render_compare_html
from .report.compare_view import CompareView, build
from .report.compare_xlsx import render_compare_xlsx
from .report.csv_report import render_csv
from .report.folder import ReportFolder
from .report.json_report import render_json
from .report.load import is_audit_folder, load_audit
from .report.result import AuditResult
from .report.table import issue_cells, sentence_table
from .score.scorer import FlagLine, Scorer
from .version import __version__

FORMAT_VERSION = 1
AR_TRIALS = 10_000
TOP = 10
METRICS = PAIRED_METRICS
_KEY = ["doc", "seg"]
_TRUE = {True: "true", False: "false"}
# --format of compare: each output's file in the --out folder.
FILES = {"csv": "sentences.csv", "json": "comparison.json", "html": "compare.html", "xlsx": "compare.xlsx"}
DEFAULT_FORMATS = ("csv", "json", "html")


@dataclass
class System:
    """One system's audit: its name, where it came from, its results and their sentence
    table (``_k``: each row's index in ``result.results``)."""

    name: str
    source: str
    result: AuditResult
    rows: pd.DataFrame

    @property
    def categories(self) -> dict[str, int]:
        return self.result.summary.issues_by_category


@dataclass
class Comparison:
    """The comparison: ``sentences`` (one row per system and sentence any system has, ``system``
    first, ``missing`` "true" where it lacks it), ``corpus`` (per system), ``tests`` (per system and
    metric against the baseline), the ``report`` of ``comparison.json``; ``results``: each row's
    multi-system result (None for a missing row); ``line``: the flag line; ``intervals``: paired
    bootstrap intervals per system and metric."""

    sentences: pd.DataFrame
    corpus: pd.DataFrame
    tests: pd.DataFrame
    report: dict[str, Any]
    results: list[SegmentResult | None] = field(default_factory=list)
    line: FlagLine | None = None
    intervals: Intervals = field(default_factory=dict)

    @functools.cached_property
    def view(self) -> CompareView:
        """What the compare page and workbook show (``report.compare_view``), built once."""
        return build(self)

    def write(self, out: Path, formats: Sequence[str] = DEFAULT_FORMATS) -> list[Path]:
        """The ``formats`` asked for (``FILES``) in ``out``, a folder replaced as a whole once
        every file is complete (``report.folder``: the previous set or the new one, never a mix)."""
        formats = checked_formats(formats)
        render = {"csv": lambda: render_csv(self.sentences), "json": lambda: render_json(self.report),
                  "html": lambda: render_compare_html(self.view), "xlsx": lambda: render_compare_xlsx(self.view)}
        folder = ReportFolder(out)
        try:
            for name in formats:
                folder.write(FILES[name], render[name]())
            return folder.commit()
        except BaseException:
            folder.discard()
            raise


def checked_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """``formats`` without repeats, each one of ``FILES`` (else a ``ConfigError``)."""
    unknown = [f for f in formats if f not in FILES]
    if unknown:
        raise ConfigError(f"unknown compare format {unknown[0]!r}; choose from {', '.join(FILES)}")
    return tuple(dict.fromkeys(formats))


def compare(inputs: Sequence[str | Path], names: Sequence[str] | None = None,
            ref: str | Path | Sequence[str | Path] | None = None, src: str | Path | None = None,
            config: AuditConfig | None = None, ar_trials: int = AR_TRIALS,
            progress: Callable[[str], Progress | None] | None = None) -> Comparison:
    """Compare the systems behind ``inputs`` (the first is the baseline). ``progress``: given
    a system's name, the progress callback of its audit (not called for an audit folder)."""
    paths = [Path(p) for p in inputs]
    if len(paths) < 2:
        raise InputError("compare needs at least two systems")
    names = list(names) if names else system_names(paths)
    if len(names) != len(paths):
        raise InputError(f"--names gives {len(names)} names for {len(paths)} systems")
    if len(set(names)) != len(names):
        raise InputError(f"system names must be unique: {', '.join(names)}")
    config = config or AuditConfig()
    systems = [_load(name, path, ref, src, config, progress) for name, path in zip(names, paths)]
    _unify_single_documents(systems)
    table = _matched(systems)
    weights = trust([_coverage(s) for s in systems])
    table = _with_consensus(table, names, weights)
    scorer = Scorer.from_config(config)
    departures = _departures(table, names, config)
    table, results = _with_multi_system_scores(table, {s.name: s for s in systems}, scorer, departures)
    table = _with_deltas(table, names[0])
    shared = shared_with_reference(table, names)
    tests, signatures, intervals = significance_table(shared, names, METRICS, config.bootstrap, ar_trials)
    corpus = _corpus_table(systems, table, tests, weights, departures)
    report = _report(systems, table, corpus, tests, signatures, len(shared))
    report["flag_below"] = scorer.thresholds()["multi_system"]
    return Comparison(table, corpus, tests, report, results, scorer.line("multi_system"), intervals)


def _load(name: str, path: Path, ref: Any, src: Any, config: AuditConfig,
          progress: Callable[[str], Progress | None] | None) -> System:
    """An existing audit folder loaded back; any other input audited now."""
    if is_audit_folder(path):
        result = load_audit(path)
    else:
        told = progress(name) if progress else None
        result = AuditRun([path], ref, src, config, spill=False).held(told)
    rows = sentence_table(result.results, result.extra_columns).assign(_k=range(len(result.results)))
    return System(name, str(path), result, rows)


def _unify_single_documents(systems: list[System]) -> None:
    """Single files are named after themselves (``a.txt`` → doc ``a``); when every system is
    one document, they are the same document, named as the baseline's."""
    docs = [s.rows["doc"].unique() for s in systems]
    if all(len(d) == 1 for d in docs):
        for s in systems:
            s.rows = s.rows.assign(doc=docs[0][0])


def _matched(systems: list[System]) -> pd.DataFrame:
    """Every system's row of every sentence any system has (an outer join on doc and seg),
    ``system`` first: the baseline's sentences in its order, then those it lacks in the
    order of the system that has them first; one block per system. A system without a
    sentence has an empty row there, ``missing`` true."""
    keys: dict[tuple[str, str], None] = {}
    shared: set[tuple[str, str]] | None = None
    for s in systems:
        s.rows = s.rows.assign(seg=s.rows["seg"].astype(str))
        found = list(map(tuple, s.rows[_KEY].to_numpy()))
        keys.update(dict.fromkeys(found))
        shared = set(found) if shared is None else shared & set(found)
    if not shared:
        raise InputError("the systems share no sentence (matched by doc and seg); are they translations "
                         "of the same sources?")
    index = pd.MultiIndex.from_tuples(list(keys), names=_KEY)
    blocks = []
    for s in systems:
        rows = s.rows.drop_duplicates(_KEY).set_index(_KEY)
        ints = [c for c in rows.columns if pd.api.types.is_integer_dtype(rows[c]) and c != "_k"]
        rows = rows.reindex(index)
        rows = rows.astype({c: "Int64" for c in ints if rows[c].isna().any()})  # 12, not 12.0, beside a gap
        blocks.append(rows.reset_index().assign(system=s.name, missing=rows["_k"].isna().map(_TRUE).to_numpy()))
    table = pd.concat(blocks, ignore_index=True)
    if table["seg"].str.fullmatch(r"\d+").all():
        table["seg"] = table["seg"].astype(int)
    return table[["system", *_KEY, "missing", *[c for c in table.columns if c not in ("system", *_KEY, "missing")]]]


def _coverage(system: System) -> float | None:
    """A system's dictionary coverage of the batch's sources (``batch_coverage``; None
    without sources)."""
    values = [r.features["batch_coverage"] for r in system.result.results if "batch_coverage" in r.features]
    return sum(values) / len(values) if values else None


def _with_consensus(table: pd.DataFrame, names: list[str], weights: list[float]) -> pd.DataFrame:
    """``consensus_chrf``: each translation's mean chrF against the other systems'
    translations of the sentence, each system's vote weighted by ``weights`` (none for a
    sentence only one system has); ``best``: whether it has the sentence's highest (the
    earlier system on a tie)."""
    hyps = [table.loc[table["system"] == n, "hypothesis"].tolist() for n in names]
    present = [(table.loc[table["system"] == n, "missing"] == "false").tolist() for n in names]
    by_system, winner = [], []
    for k in range(len(hyps[0])):  # sentence k: one figure per system that has it
        have = [s for s in range(len(names)) if present[s][k]]
        row: list[float | None] = [None] * len(names)
        if len(have) >= 2:
            for s, v in zip(have, agreement([hyps[s][k] for s in have], [weights[s] for s in have])):
                row[s] = v
        by_system.append(row)
        scored = [s for s in have if row[s] is not None]
        winner.append(max(scored, key=lambda s: (row[s], -s)) if scored else None)
    consensus = [by_system[k][s] for s in range(len(names)) for k in range(len(by_system))]
    table = table.assign(consensus_chrf=[float("nan") if v is None else v for v in consensus])
    return table.assign(best=[_TRUE[winner[k] == s] if present[s][k] else "" for s in range(len(names))
                              for k in range(len(winner))])


def _departures(table: pd.DataFrame, names: list[str], config: AuditConfig) -> dict[int, list[Issue]]:
    """Each present row's findings against the other systems' translations (``checks.against_others``)."""
    found: dict[int, list[Issue]] = {}
    n = len(table) // len(names)  # one block of n sentences per system
    hyps, present = table["hypothesis"].tolist(), (table["missing"] == "false").tolist()
    sources = table["source"].fillna("").tolist() if "source" in table else [""] * len(table)
    for rows in ([s * n + k for s in range(len(names)) if present[s * n + k]] for k in range(n)):
        src = next((sources[i] for i in rows if sources[i]), None)
        found.update(zip(rows, against_others([hyps[i] for i in rows], src, config)))
    return found


def _with_multi_system_scores(table: pd.DataFrame, systems: dict[str, System], scorer: Scorer,
                              departures: dict[int, list[Issue]]) -> tuple[pd.DataFrame, list[SegmentResult | None]]:
    """``score``, ``flagged`` and ``verdict`` again, from the multi-system quality model
    (of the configuration's ``scorer``), which weighs each translation's agreement with
    the others beside its findings, ``departures`` included (a sentence no other system
    has is scored without it); and each row's result so scored (None for a missing row)."""
    rescored: list[SegmentResult | None] = [None] * len(table)
    present = (table["missing"] == "false").to_numpy()
    for i, (system, k, agreement_chrf) in enumerate(zip(table["system"], table["_k"], table["consensus_chrf"])):
        if not present[i]:
            continue
        r = systems[system].result.results[int(k)]
        issues = sorted(r.issues + departures[i], key=lambda x: (x.start, x.end, x.code)) if departures.get(i) else r.issues
        measured = {**({"consensus_chrf": float(agreement_chrf)} if pd.notna(agreement_chrf) else {}),
                    **{f: r.features[f] for f in ("src_coverage",) if f in r.features}}
        score, flagged, verdict = scorer.score(r.segment.hyp, issues, {}, measured, r.waived)
        rescored[i] = replace(r, issues=issues, score=score, flagged=flagged, verdict=verdict,
                              features={**r.features, **measured})
    nan = float("nan")
    cells = [issue_cells(r.issues) if r else {} for r in rescored]  # the departures beside the audit's findings
    table = table.assign(**{c: [x.get(c, v) for x, v in zip(cells, table[c])] for c in ("issue_codes", "issues")})
    return table.assign(score=[r.score if r else nan for r in rescored],
                        flagged=[_TRUE[r.flagged] if r else "" for r in rescored],
                        verdict=[r.verdict if r else "" for r in rescored],
                        flag_score=[r.score if r else nan for r in rescored]
                        ).drop(columns="_k"), rescored


def _with_deltas(table: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """``<metric>_delta``: each sentence's metric minus the baseline's (0 for the baseline)."""
    base = table[table["system"] == baseline]
    n = len(base)
    for metric in (*METRICS, "score"):
        if metric in table:
            values = base[metric].to_numpy()
            table[f"{metric}_delta"] = [round(v - values[k % n], 2) for k, v in enumerate(table[metric])]
    return table


def _corpus_table(systems: list[System], table: pd.DataFrame, tests: pd.DataFrame, weights: list[float],
                  departures: dict[int, list[Issue]]) -> pd.DataFrame:
    """One row per system: its sentences (those it has of the comparison's), flagged rate on
    them, corpus metrics on the shared sentences, mean consensus, its vote's weight in the
    others' consensus, how many sentences' best translation it has and in how many it
    departs from the others (``departures``, by row)."""
    rows = []
    for s, weight in zip(systems, weights):
        part = table[(table["system"] == s.name) & (table["missing"] == "false")]
        row: dict[str, Any] = {"system": s.name, "sentences": len(part),
                               "flagged_rate": round(float((part["flagged"].astype(str) == "true").mean()), 6),
                               "mean_score": round(float(part["score"].mean()), 4) if "score" in part else None,
                               "consensus_chrf": round(float(part["consensus_chrf"].mean()), 4),
                               "consensus_weight": round(weight, 4),
                               "best": int((part["best"] == "true").sum()),
                               "departures": sum(bool(departures.get(i)) for i in part.index)}
        for metric in METRICS:
            mine = tests[(tests["metric"] == metric) & (tests["system"] == s.name)]
            if not mine.empty:
                row[metric] = mine["score"].iloc[0]
            elif not tests.empty:
                row[metric] = tests[tests["metric"] == metric]["baseline"].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)


def _report(systems: list[System], table: pd.DataFrame, corpus: pd.DataFrame, tests: pd.DataFrame,
            signatures: dict[str, str], shared: int) -> dict[str, Any]:
    """What ``comparison.json`` holds (``unmatched``: per system, the comparison's sentences
    it has no translation of; ``matched_sentences``: those every system has)."""
    gaps = (table["missing"] == "true").to_numpy().reshape(len(systems), -1)  # system × sentence
    base = systems[0]
    records = corpus.to_dict(orient="records")
    for s, rec in zip(systems, records):
        rec.update(input=s.source, issues_by_category=s.categories)
    deltas = {}
    for s, rec in zip(systems[1:], records[1:]):
        categories = set(s.categories) | set(base.categories)
        deltas[s.name] = {
            "flagged_rate": round(rec["flagged_rate"] - records[0]["flagged_rate"], 6),
            "metrics": {m: round(rec[m] - records[0][m], 4) for m in METRICS if m in rec},
            "issues_by_category": {c: s.categories.get(c, 0) - base.categories.get(c, 0) for c in sorted(categories)},
            **_extremes(table, s.name, base.name)}
    return {"format_version": FORMAT_VERSION, "mtaudit_version": __version__, "baseline": base.name,
            "systems": records, "sentences": int((table["system"] == base.name).sum()),
            "matched_sentences": int((~gaps.any(axis=0)).sum()),
            "unmatched": {s.name: int(n) for s, n in zip(systems, gaps.sum(axis=1))},
            "shared_reference_sentences": shared, "p_value": P_VALUE,
            "tests": tests.to_dict(orient="records"), "signatures": signatures, "deltas": deltas}


def _extremes(table: pd.DataFrame, name: str, baseline: str) -> dict[str, list[dict[str, Any]]]:
    """The ``TOP`` sentences that got most worse and most better than the baseline, by chrF
    against the reference (by mtaudit's score when there is none)."""
    part = table[table["system"] == name].reset_index(drop=True)
    base = table[table["system"] == baseline].reset_index(drop=True)
    by = "chrf_delta" if part["chrf"].notna().any() else "score_delta"
    order = part[by].fillna(0).sort_values(kind="stable")

    def entry(k: int) -> dict[str, Any]:
        return {"doc": part.at[k, "doc"], "seg": part.at[k, "seg"], by: part.at[k, by],
                "baseline": base.at[k, "hypothesis"], "system": part.at[k, "hypothesis"],
                "reference": part.at[k, "reference"]}

    worse = [entry(k) for k in order.index[:TOP] if order[k] < 0]
    better = [entry(k) for k in order.index[::-1][:TOP] if order[k] > 0]
    return {"most_worse": worse, "most_better": better}
