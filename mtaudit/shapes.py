"""Values read back from JSON, their shape checked: a malformed entry is one ``InputError``
naming where it is (``summary.json: documents[3].sentences``), never a ``KeyError`` later."""
from __future__ import annotations

from typing import Any, Mapping

from .errors import InputError


def mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected an object, not {type(value).__name__}")
    return value


def listed(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list, not {type(value).__name__}")
    return value


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def whole(value: Any, where: str) -> int:
    if not is_int(value):
        raise InputError(f"{where}: expected a whole number, not {value!r}")
    return value


def number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (
            float("inf"), float("-inf")):
        raise InputError(f"{where}: expected a finite number, not {value!r}")
    return value


def counter(value: Any, where: str) -> dict[str, int]:
    return {str(k): whole(v, f"{where}.{k}") for k, v in mapping(value, where).items()}
