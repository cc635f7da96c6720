"""System names: what ``compare`` calls each input when ``--names`` is not given."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError

READ_SUFFIXES = (".hyp.txt", ".jsonl", ".tsv", ".csv", ".txt")  # the extensions mtaudit reads, longest first


def system_name(path: Path) -> str:
    """A folder's name; a file's name less the extension mtaudit read it by (``ref.A.jsonl`` → ``ref.A``)."""
    suffix = next((s for s in READ_SUFFIXES if path.name.lower().endswith(s) and len(path.name) > len(s)), "")
    return path.name if path.is_dir() else path.name[:len(path.name) - len(suffix)]


def system_names(paths: list[Path]) -> list[str]:
    """Each input's ``system_name``; its folder's name when those collide (``A/hyp.txt`` → ``A``)."""
    names = [system_name(p) for p in paths]
    if len(set(names)) < len(names):
        names = [p.resolve().parent.name if not p.is_dir() else p.name for p in paths]
    if len(set(names)) < len(names):
        raise InputError("two inputs have the same name; name the systems with --names a,b,...")
    return names
