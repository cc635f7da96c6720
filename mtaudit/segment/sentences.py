"""Sentence splitting, offline: nupunkt's Punkt model for alphabetic text, punctuation for CJK.

Prose arrives as paragraphs on lines; a line is never joined with the next, so a headline
or byline without a final period stays its own sentence.
"""
from __future__ import annotations

import re

import nupunkt

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_END = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences: one or more per non-blank line, in order, none lost.
    Lines end at LF (CRLF too) only, as the readers cut them (``read.text.split_lines``)."""
    sentences: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            sentences.extend(split_paragraph(line))
    return sentences


def split_paragraph(paragraph: str) -> list[str]:
    """Split one paragraph (no line breaks) into stripped, non-empty sentences."""
    if len(_CJK.findall(paragraph)) > len(paragraph) // 4:
        pieces = _CJK_END.findall(paragraph)
    else:
        pieces = [paragraph[a:b] for a, b in nupunkt.sent_spans(paragraph)]
    return [p.strip() for p in pieces if p.strip()]
