"""Text files decoded with clear errors: encodings, byte-order marks, NUL bytes, empty
files and over-long lines are each one ``InputError`` naming the file and the place."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError

MAX_LINE_CHARS = 100_000
_BLOCK = 1 << 16  # bytes read at a time
_LF = re.compile(r"\n")


@dataclass(frozen=True)
class TextOptions:
    """How files are decoded: an encoding (UTF-16/UTF-8 BOMs are always honoured) and what
    to do with undecodable bytes (``strict``: an error naming the byte offset; ``replace``:
    U+FFFD)."""

    encoding: str = "utf-8"
    errors: str = "strict"


def read_text(path: Path, options: TextOptions = TextOptions()) -> str:
    """Decode a text file with clear errors; the text comes back in Unicode NFC.

    UTF-8 with or without BOM and UTF-16 with BOM are recognised whatever the encoding
    option says; lines end at LF or CRLF only (see ``split_lines``). Composed and
    decomposed forms (NFC/NFD) of the same text compare equal after reading.
    """
    text = unicodedata.normalize("NFC", "".join(decoded(path, options)))
    for number, line in enumerate(split_lines(text), 1):
        check_length(path, number, line)
    return text


def split_lines(text: str) -> list[str]:
    """The text's lines as ``wc -l`` and sacreBLEU count them: cut at LF, a CR just before it
    dropped (CRLF); a lone CR, U+2028/U+2029, VT, FF, NEL and the other characters
    ``str.splitlines`` cuts at stay inside their line. A last line without LF is a line."""
    *ended, last = text.split("\n")
    return [p[:-1] if p.endswith("\r") else p for p in ended] + ([last] if last else [])


def decoded(path: Path, options: TextOptions) -> Iterator[str]:
    """The file's text, decoded block by block; bad bytes, NUL bytes and empty files raise
    ``InputError`` (an empty file once the blocks are exhausted)."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with f:
        block = f.read(_BLOCK)
        utf16 = block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else (
            "utf-8-sig" if options.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else options.encoding)
        try:
            if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):  # rot13, base64: not bytes→text
                raise LookupError(encoding)
            decoder = codecs.getincrementaldecoder(encoding)(options.errors)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        offset, blank_bytes, blank_text = 0, True, True
        while True:
            if not utf16 and (nul := block.find(b"\x00")) >= 0:
                raise InputError(f"{path}: NUL byte at byte offset {offset + nul}: a binary file, or text in an "
                                 f"encoding without BOM (convert it to UTF-8)")
            blank_bytes = blank_bytes and not block.strip()
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid {encoding.upper().replace('-SIG', '')} at byte offset "
                                 f"{offset - pending + exc.start} ({exc.reason}); convert it to UTF-8, or use "
                                 f"--encoding or --errors replace") from None
            blank_text = blank_text and not text.strip()
            if text:
                yield text
            if not block:
                break
            offset += len(block)
            block = f.read(_BLOCK)
    if blank_bytes:
        raise InputError(f"{path}: file is empty")
    if blank_text:
        raise InputError(f"{path}: file has only whitespace")


def lines(path: Path, options: TextOptions, ends: re.Pattern[str] | None = None) -> Iterator[str]:
    """The file's lines in NFC, read lazily: cut at LF and CRLF as ``split_lines`` cuts them
    (the line end removed), or, with ``ends``, at the matches of that pattern (kept, as
    ``csv`` needs them)."""
    pending, number = "", 0
    for block in decoded(path, options):
        text = pending + block
        # a CR at the end of a block may be half of a CRLF the next block completes
        cut = [m.end() for m in (ends or _LF).finditer(text) if m.end() < len(text) or text[-1] != "\r"]
        parts = [text[a:b] for a, b in zip([0, *cut], cut)]
        pending = text[cut[-1]:] if cut else text
        for part in parts:
            number += 1
            yield check_length(path, number, unicodedata.normalize("NFC", part if ends else _unended(part)))
        check_length(path, number + 1, pending)
    if pending:
        yield check_length(path, number + 1, unicodedata.normalize("NFC", pending))


def _unended(line: str) -> str:
    line = line[:-1] if line.endswith("\n") else line
    return line[:-1] if line.endswith("\r") else line


def check_length(path: Path, number: int, line: str) -> str:
    if len(line) > MAX_LINE_CHARS:
        raise InputError(f"{path}:{number}: line of {len(line):,} characters is longer than "
                         f"the {MAX_LINE_CHARS:,} mtaudit accepts; split it into paragraphs")
    return line
