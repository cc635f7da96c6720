"""Segment and align: turn a read ``Document`` into report rows (``Segment``s).

Prose is split into sentences and aligned to the reference by content and length; a
reference sentence the hypothesis omits becomes its own row (empty hypothesis, alignment
``0-1``). Source sentences are aligned by length; one with no hypothesis counterpart is
attached to its neighbour's source text, so no source text is dropped either. Line-aligned
documents and tables pair by position: row N belongs to line N; further references of a
line-aligned document ride along in ``meta["more_refs"]``.
"""
from __future__ import annotations

from typing import Any

from .align import align
from ..model import Segment
from ..read import Document
from .sentences import split_sentences


def document_segments(doc: Document) -> list[Segment]:
    """The report rows of one document, in order, numbered from 1 unless ids were given."""
    if not doc.prose:
        return [Segment(doc.name, doc.segs[i] if doc.segs else doc.first + i + 1, hyp,
                        doc.ref[i] if doc.ref is not None else None,
                        doc.src[i] if doc.src is not None else None,
                        {**(doc.meta[i] if doc.meta else {}), "bead": doc.first + i,
                         **({"more_refs": tuple(r[i] for r in doc.more_refs)} if doc.more_refs else {})})
                for i, hyp in enumerate(doc.hyp)]
    hyps = split_sentences(doc.hyp[0])
    srcs = _source_per_hyp(hyps, split_sentences(doc.src[0])) if doc.src else [None] * len(hyps)
    if not doc.ref:
        return [Segment(doc.name, i + 1, h, None, srcs[i], {"bead": i}) for i, h in enumerate(hyps)]
    refs = split_sentences(doc.ref[0])
    rows: list[Segment] = []
    for b, bead in enumerate(align(hyps, refs)):
        ref_text = " ".join(refs[j] for j in bead.other)
        meta = {"bead": b, "alignment": bead.kind}
        if not bead.hyp:
            rows.append(Segment(doc.name, len(rows) + 1, "", ref_text, None, meta))
        for i in bead.hyp:
            rows.append(Segment(doc.name, len(rows) + 1, hyps[i], ref_text if bead.other else None,
                                srcs[i], meta))
    return rows


def _source_per_hyp(hyps: list[str], srcs: list[str]) -> list[str | None]:
    """Each hypothesis sentence's source text; unmatched source sentences join a neighbour."""
    out: list[str | None] = [None] * len(hyps)
    pending: list[str] = []
    last = None
    for bead in align(hyps, srcs, lexical=False):
        text = " ".join(srcs[j] for j in bead.other)
        if not bead.hyp:
            if last is None:
                pending.append(text)
            else:
                out[last] = f"{out[last]} {text}".strip() if out[last] else text
            continue
        for i in bead.hyp:
            out[i] = text or None
            last = i
        if pending and text:
            out[bead.hyp[0]] = " ".join(pending + [text])
            pending = []
    return out


def bead_groups(rows: list[Segment]) -> dict[Any, list[Segment]]:
    """The rows that have a reference, grouped by alignment bead (the hypothesis sentences
    aligned together to one reference text; a line-aligned row is its own bead)."""
    grouped: dict[Any, list[Segment]] = {}
    for s in rows:
        if s.ref is not None:
            grouped.setdefault(s.meta.get("bead", s.seg), []).append(s)
    return grouped


def joined_hypothesis(group: list[Segment]) -> str:
    """A bead's hypothesis sentences as one text."""
    return " ".join(s.hyp for s in group if s.hyp)
