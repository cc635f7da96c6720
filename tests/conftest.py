"""Shared fixtures: paths to the project's corpora and to ../shared when present."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "airstrike-news-mt.txt"


@pytest.fixture
def seed_article() -> Path:
    """The real machine-translated article the project started from (CI has it; users may not)."""
    if not SEED.exists():
        pytest.skip("../shared/seeds/airstrike-news-mt.txt is not present on this machine")
    return SEED
