"""Source coverage: the share of the source's dictionary words the translation translates."""
from __future__ import annotations

from ..checks.dictionary import source_coverage


def coverage_features(src: str | None, hyp: str, dictionary: str | None = None) -> dict[str, float]:
    """``src_coverage`` where a bilingual dictionary applies (see ``checks/dictionary.py``):
    none without a source, for an empty translation, or when no source word is known."""
    if not src or not hyp.strip():
        return {}
    found = source_coverage(src, hyp, dictionary)
    return {"src_coverage": round(found.share, 4)} if found and found.known else {}
