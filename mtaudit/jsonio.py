"""Strict JSON reading for every JSON file mtaudit is given (issue 21, class 3).

``json.loads`` accepts what mtaudit cannot use: ``NaN``, ``Infinity`` and numbers such as
``1e400`` that overflow to infinity, lone surrogates (``"\\ud800"``, which no UTF-8 file can
hold: writing the report fails), duplicate keys (the first value silently lost), integers
past 4,300 digits (a ValueError) and nesting deep enough to exhaust the stack (a
RecursionError). ``load``/``loads`` refuse all of them, and a value of the wrong shape, with
one ``InputError`` naming the file (and line) and the place in the document
(``waivers[2].code``).

A shape is a small description of what a format needs: a type or tuple of types (a bool is
not a number), ``{"key": shape, "key?": optional}`` for an object (other keys are allowed),
``[shape]`` for a list of items, ``Each(shape)`` for an object of any keys, ``Pair(shape)``
for a two-item list. ``QUALITY_MODEL`` and ``ROW`` describe formats mtaudit reads; waiver
files are checked entry by entry in ``checks/waivers.py``, and an audit's ``summary.json`` and
``sentences.json`` by their typed readers (``Summary.from_dict``, ``report/load.py``).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

MAX_DEPTH = 64  # mtaudit's own formats nest 7 deep; a table row's values may nest more
_SURROGATE = re.compile("[\ud800-\udfff]")
Number = (int, float)


@dataclass(frozen=True)
class Each:
    """An object whose every value (under any key) has ``shape``."""

    shape: Any


@dataclass(frozen=True)
class Pair:
    """A list of exactly two items of ``shape``."""

    shape: Any


QUALITY_MODEL = {"models": Each({"features": [str], "mean": [Number], "scale": [Number], "coef": [Number],
                                 "intercept": Number, "flag_penalty": Number})}
ROW = dict  # one line of a .jsonl table: an object; its values are the table's cells


class _Refused(Exception):
    """Raised inside the parser's hooks; the caller adds the file."""


@dataclass(frozen=True)
class _NonFinite:
    """A number JSON allows but mtaudit cannot use, kept until its place is known."""

    text: str


class _Duplicated(dict):  # type: ignore[type-arg]
    """An object that named a key twice (``key``): refused once its place is known."""

    key: str = ""


def load(path: str | Path, shape: Any = object, what: str = "JSON file") -> Any:
    """Read ``path`` (UTF-8) strictly and check it has ``shape``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: {what} is not UTF-8 (byte offset {exc.start})") from None
    return loads(text, str(path), shape, what)


def loads(text: str, source: str, shape: Any = object, what: str = "JSON") -> Any:
    """Parse ``text`` strictly and check it has ``shape``; ``source`` names it in errors
    (``file`` or ``file:line``)."""
    try:
        value = json.loads(text, parse_constant=_NonFinite, parse_float=_float, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: cannot read {what} (invalid JSON: line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg})") from None
    except RecursionError:
        raise InputError(f"{source}: cannot read {what} (invalid JSON: nested deeper than Python can read)") from None
    except ValueError as exc:  # an integer past Python's 4,300 digits
        raise InputError(f"{source}: cannot read {what} (invalid JSON: {exc})") from None
    try:
        _check_values(value)
        _check_shape(value, shape, "")
    except _Refused as exc:
        raise InputError(f"{source}: not a valid {what}: {exc}") from None
    return value


def _float(text: str) -> float | _NonFinite:
    number = float(text)
    return number if math.isfinite(number) else _NonFinite(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            dup = _Duplicated(pairs)
            dup.key = key
            return dup
        out[key] = value
    return out


def _check_values(value: Any) -> None:
    """Depth, finite numbers, duplicate keys and lone surrogates, walked without recursion."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, place, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused(f"{_at(place)}nested more than {MAX_DEPTH} deep")
        if isinstance(item, _NonFinite):
            raise _Refused(f"{_at(place)}{item.text} is not a finite number")
        if isinstance(item, str):
            if bad := _SURROGATE.search(item):
                raise _Refused(f"{_at(place)}a lone surrogate \\u{ord(bad.group()):04x} is not text "
                               f"(a JSON escape that encodes no character)")
        elif isinstance(item, _Duplicated):
            raise _Refused(f"{_at(place)}the key {item.key!r} appears twice")
        elif isinstance(item, dict):
            for key, sub in item.items():
                if _SURROGATE.search(key):
                    raise _Refused(f"{_at(place)}a key holds a lone surrogate (a JSON escape that encodes no character)")
                stack.append((sub, f"{place}.{key}" if place else key, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, f"{place}[{i}]", depth + 1) for i, sub in enumerate(item))


def _check_shape(value: Any, shape: Any, place: str) -> None:
    if isinstance(shape, dict):
        _expect(value, dict, place)
        for key, sub in shape.items():
            name = key.rstrip("?")
            if name in value:
                _check_shape(value[name], sub, f"{place}.{name}" if place else name)
            elif not key.endswith("?"):
                raise _Refused(f"{_at(place)}no {name!r}")
    elif isinstance(shape, list):
        _expect(value, list, place)
        for i, item in enumerate(value):
            _check_shape(item, shape[0], f"{place}[{i}]")
    elif isinstance(shape, Each):
        _expect(value, dict, place)
        for key, item in value.items():
            _check_shape(item, shape.shape, f"{place}.{key}" if place else key)
    elif isinstance(shape, Pair):
        _expect(value, list, place)
        if len(value) != 2:
            raise _Refused(f"{_at(place)}expected two items, found {len(value)}")
        for i, item in enumerate(value):
            _check_shape(item, shape.shape, f"{place}[{i}]")
    else:
        _expect(value, shape, place)


def _expect(value: Any, kind: Any, place: str) -> None:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if kind is object or (isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)):
        return
    raise _Refused(f"{_at(place)}expected {_kind_names(kinds)}, found {_kind_names((type(value),))}")


_NAMES = {dict: "an object", list: "a list", str: "a string", int: "a whole number", float: "a number",
          bool: "true or false", type(None): "null"}


def _kind_names(kinds: tuple[type, ...]) -> str:
    names = [_NAMES.get(k, k.__name__) for k in kinds]
    if "a whole number" in names and "a number" in names:
        names.remove("a whole number")
    return " or ".join(dict.fromkeys(names))


def _at(place: str) -> str:
    """Where in the document: ``waivers[2].code: ``, nothing at the top."""
    return f"{place}: " if place else ""
