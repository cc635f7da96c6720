"""Shared helpers of the MQM benchmark scripts: the expert-annotated sets under
``../shared/eval`` (``ted-zhen``: WMT21 TED talks, 14 systems, with a reference;
``wmt23-news-dev``: WMT23 news, 10 systems, no reference), their systems and labels,
mtaudit run on them (in process, or the CLI per system and in compare mode, cached on disk),
and the scorer's figures (``score_mqm.py``: item-grouped Kendall, review lift).

Two ways of scoring: ``score`` runs ``score_mqm.py`` on a predictions CSV, as a user would;
``figures`` computes the same figures in process from a table that already has the labels
(``item_kendall_nan0``, ``penalty_lift``, ``flag_word_share`` with score_mqm.py's own
functions), which is what research loops need.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
CACHE = ROOT / "reports" / "mqm-cache"
SETS = {"ted": "ted-zhen", "news": "wmt23-news-dev"}
TED = SETS["ted"]
Key = tuple[str, int]  # (system, 1-based line of hyp.txt)
# The audit modes of the issue's table: one system with its reference, one system without,
# and every system compared (no reference).
MODES = ("ref", "noref", "compare")


# ------------------------------------------------------------------ the scorer

@lru_cache(maxsize=2)
def scorer(eval_dir: Path = EVAL) -> ModuleType:
    """``score_mqm.py`` of the eval folder, imported (its functions define the figures)."""
    spec = importlib.util.spec_from_file_location("score_mqm", eval_dir / "score_mqm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(eval_dir: Path, pred: Path, flag: str | None = None, column: str = "score", dataset: str = TED) -> dict:
    """score_mqm.py's JSON result for a score column (and a flag column) of ``pred``."""
    cmd = [sys.executable, str(eval_dir / "score_mqm.py"), "--segments", str(eval_dir / dataset / "segments.tsv"),
           "--pred", str(pred), "--score", column, "--json-only"] + (["--flag", flag] if flag else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_predictions(path: Path, rows: list[dict]) -> None:
    """The per-segment CSV score_mqm.py reads (joined on system + line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def figures(table: pd.DataFrame, score_col: str = "score", flag_col: str | None = "flagged",
            eval_dir: Path = EVAL) -> dict[str, float]:
    """score_mqm.py's figures for a table holding the labels (``doc``, ``seg_id``, ``mqm``,
    ``target``): item-grouped Kendall (``item_kendall_nan0``) of ``score_col`` (higher is
    better) and, for ``flag_col``, the flag rate, ``penalty_lift`` and ``flag_word_share``."""
    sm = scorer(eval_dir)
    df = table.assign(score=pd.to_numeric(table[score_col], errors="coerce"), gold=-table["mqm"].astype(float))
    out = {"item_kendall_nan0": sm.item_grouped_kendall(df)["item_kendall_nan0"]}
    if flag_col:
        flag = df[flag_col].astype(str).str.lower().isin(sm.TRUE_STRINGS).to_numpy()
        out["flag_rate"] = float(flag.mean())
        out.update(sm.review_lift(flag, df))
    return out


# ------------------------------------------------------------------ the sets

def system_dirs(eval_dir: Path = EVAL, dataset: str = TED) -> list[Path]:
    """The system folders of a set, sorted by name."""
    return sorted(p for p in (eval_dir / dataset / "systems").iterdir() if p.is_dir())


def load_labels(eval_dir: Path = EVAL, dataset: str = TED) -> dict[Key, tuple[int, int]]:
    """(system, line) -> (has_major, fluency_major)."""
    ids = {}
    for system_dir in (eval_dir / dataset / "systems").iterdir():
        with open(system_dir / "ids.tsv", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                ids[(system_dir.name, r["doc"], r["seg_id"])] = (system_dir.name, int(r["line"]))
    with open(eval_dir / dataset / "segments.tsv", encoding="utf-8") as f:
        return {ids[(r["system"], r["doc"], r["seg_id"])]: (int(r["has_major"]), int(r["fluency_major"]))
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def precision_table(labels: Mapping[Key, tuple[float, float]],
                    found: Iterable[tuple[Key, Iterable[str]]]) -> list[tuple[str, int, float, float]]:
    """(name, segments, P(has_major), P(fluency_major)) per name, most frequent first: the
    mean ``labels`` of the segments carrying the name, each counted once per name."""
    hits: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for key, names in found:
        for name in set(names):
            hits[name].append(labels[key])
    return [(name, len(labs), sum(a for a, _ in labs) / len(labs), sum(b for _, b in labs) / len(labs))
            for name, labs in sorted(hits.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def audit_systems(eval_dir: Path, config: Any, dataset: str = TED, with_ref: bool = False) -> tuple[list, float]:
    """Every segment of every system audited in process (line files, with the source and,
    ``with_ref``, the reference): [((system, line), SegmentResult)], and the seconds it took."""
    import mtaudit

    results = []
    started = time.perf_counter()
    for system in system_dirs(eval_dir, dataset):
        ref = system / "ref.txt" if with_ref else None
        audit = mtaudit.audit([system / "hyp.txt"], ref=ref, src=system / "src.txt", config=config)
        results.extend(((system.name, line), r) for line, r in enumerate(audit.results, 1))
    return results, time.perf_counter() - started


@dataclass(frozen=True)
class MQMSet:
    """One annotated set: ``name`` (ted, news), its folder and its segments table."""

    name: str
    path: Path
    segments: pd.DataFrame = field(repr=False, compare=False)

    @classmethod
    def load(cls, name: str, eval_dir: Path = EVAL) -> MQMSet:
        path = eval_dir / SETS[name]
        seg = pd.read_csv(path / "segments.tsv", sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False,
                          dtype={"seg_id": str, "doc": str, "system": str})
        return cls(name, path, seg)

    @property
    def has_reference(self) -> bool:
        return bool((self.segments["reference"] != "").all())

    @property
    def systems(self) -> list[str]:
        return sorted(self.segments["system"].unique())

    def modes(self) -> tuple[str, ...]:
        return MODES if self.has_reference else tuple(m for m in MODES if m != "ref")


# ------------------------------------------------------------------ mtaudit's CLI, cached

# Modules no audit imports (research of issue 16 kept for the benchmarks): changing them must
# not re-run every audit.
RESEARCH_ONLY = {"measure/agreement.py", "measure/lexalign.py"}


@lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the package's code and data: cached audits are reused only by the same code
    (``MQM_CACHE_KEY`` in the environment pins a key instead: research that knowingly reuses
    audits of other code, say a feature computed afresh from the findings, says so)."""
    if os.environ.get("MQM_CACHE_KEY"):
        return os.environ["MQM_CACHE_KEY"]
    digest = hashlib.sha256()
    package = ROOT / "mtaudit"
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_file() and rel.as_posix() not in RESEARCH_ONLY and path.suffix in (".py", ".json", ".txt", ".tsv"):
            digest.update(str(rel).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _mtaudit(*args: str) -> None:
    cmd = [sys.executable, "-m", "mtaudit", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):  # 1: a gate failed, not an error
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")


def cli_audit(mqm: MQMSet, system: str, with_ref: bool, cache: Path = CACHE) -> Path:
    """``mtaudit audit <system>.jsonl`` (``doc``, ``seg``, ``hyp``, ``src`` and with_ref ``ref``),
    the default audit, into a cached folder named after the system (so compare names it)."""
    out = cache / code_key() / mqm.name / ("ref" if with_ref else "noref") / system
    if (out / "sentences.json").is_file():
        return out
    part = mqm.segments[mqm.segments["system"] == system]
    table = out.parent / f"{system}.jsonl"
    table.parent.mkdir(parents=True, exist_ok=True)
    with open(table, "w", encoding="utf-8") as f:
        for r in part.itertuples():
            row = {"doc": r.doc, "seg": r.seg_id, "hyp": r.target, "src": r.source}
            if with_ref:
                row["ref"] = r.reference
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    _mtaudit("audit", str(table), "--format", "csv,json,sentences", "--bootstrap", "1", "-q", "--out", str(out))
    return out


def cli_compare(mqm: MQMSet, cache: Path = CACHE) -> Path:
    """``mtaudit compare`` over every system's reference-free audit folder, cached."""
    folders = [cli_audit(mqm, s, with_ref=False, cache=cache) for s in mqm.systems]
    out = cache / code_key() / mqm.name / "compare"
    if not (out / "sentences.csv").is_file():
        _mtaudit("compare", *map(str, folders), "--bootstrap", "2", "--out", str(out))
    return out


def audit_rows(folder: Path) -> pd.DataFrame:
    """An audit folder's sentences (``sentences.json`` format 2) flattened: ``doc``, ``seg``,
    ``score``, ``flagged``, ``issues`` (the ``sentences.csv`` cell, which ``report.table.
    parse_issues`` reads back), every metric and feature as a column, ``diff``."""
    from mtaudit.report.table import format_issue
    from mtaudit.model import Issue

    data = json.loads((folder / "sentences.json").read_text(encoding="utf-8"))
    rows = []
    for r in data["sentences"]:
        issues = [Issue(**{k: i.get(k) for k in ("code", "category", "severity", "start", "end", "message",
                                                 "suggestion", "engine")}) for i in r["issues"]]
        rows.append({"doc": r["doc"], "seg": r["seg"], "score": r["score"], "flagged": str(r["flagged"]).lower(),
                     "issues": "; ".join(format_issue(i) for i in issues), **r["metrics"], **r["features"],
                     "diff": r.get("diff")})
    return pd.DataFrame(rows)


def mode_table(mqm: MQMSet, mode: str, cache: Path = CACHE) -> pd.DataFrame:
    """The set's segments joined with mtaudit's rows in ``mode`` (ref, noref, compare):
    ``score``, ``flagged``, ``issues``, ``src_coverage``, ``len_short``, ``batch_coverage`` (and ``consensus_chrf``
    in compare mode), one row per annotated segment, in the segments' order."""
    frames = []
    for system in mqm.systems:
        folder = cli_audit(mqm, system, with_ref=mode == "ref", cache=cache)
        frames.append(audit_rows(folder).assign(system=system))
    audited = pd.concat(frames, ignore_index=True)
    audited["seg_id"] = audited["seg"].astype(str)
    keep = ["system", "doc", "seg_id", "score", "flagged", "issues"]
    keep += [c for c in audited.columns if c not in keep + ["seg", "diff"]] + ["diff"]
    if mode == "compare":
        multi = pd.read_csv(cli_compare(mqm, cache) / "sentences.csv", dtype=str, keep_default_na=False)
        multi["seg_id"] = multi["seg"].astype(str)
        audited = audited.drop(columns=["score", "flagged"]).merge(
            multi[["system", "doc", "seg_id", "score", "flagged", "consensus_chrf"]], on=["system", "doc", "seg_id"])
        keep.append("consensus_chrf")
    for column in ("src_coverage", "chrf", "bleu", "ter"):
        if column not in audited:
            audited[column] = np.nan
            keep.append(column)
    table = mqm.segments.merge(audited[list(dict.fromkeys(keep))], on=["system", "doc", "seg_id"],
                               how="left", validate="1:1")
    if table["score"].isna().any():
        raise RuntimeError(f"{mqm.name}/{mode}: {int(table['score'].isna().sum())} segments without an audit row")
    for column in table.columns:
        if column in ("score", "consensus_chrf") or column in audited.select_dtypes("number").columns:
            table[column] = pd.to_numeric(table[column], errors="coerce")
    table["mqm"] = table["mqm"].astype(float)
    table["set"] = mqm.name
    return table


def cached_tables(names: Iterable[str] = ("ted", "news"), eval_dir: Path = EVAL,
                  cache: Path = CACHE) -> dict[tuple[str, str], pd.DataFrame]:
    """Every (set, mode) table, audits run (sequentially) where the cache lacks them."""
    out = {}
    for name in names:
        mqm = MQMSet.load(name, eval_dir)
        for mode in mqm.modes():
            out[name, mode] = mode_table(mqm, mode, cache)
    return out


def words(text: pd.Series) -> np.ndarray:
    """Whitespace words per row, as score_mqm.py's review lift counts them."""
    return text.str.split().str.len().fillna(0).to_numpy(dtype=float)
