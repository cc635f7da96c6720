"""Which reader a file needs, from its name and its first bytes; a file whose name and
content disagree, or whose kind mtaudit does not read, is an ``InputError`` naming it —
never audited as prose (an XLIFF file read as text has XML elements for "sentences")."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from ..errors import InputError

Kind = Literal["text", "table", "xliff", "tmx", "po"]

EXTENSIONS: dict[str, Kind] = {".txt": "text", ".text": "text", ".tsv": "table", ".csv": "table",
                               ".jsonl": "table", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx", ".po": "po"}
_HEAD = 8192  # bytes looked at
# WMT and sacreBLEU name line files by language (newstest2021.de-en.en, test.zh_CN): a
# language tag as the extension is plain text. These look like one but are other formats.
_LANGUAGE_EXT = re.compile(r"\.[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)
_NOT_LANGUAGES = {"srt", "vtt", "sbv", "ass", "ssa", "sub", "xml", "xsl", "htm", "yml", "ini", "md", "rst", "rtf",
                  "doc", "odt", "pdf", "xls", "ods", "ppt", "odp", "zip", "gz", "bz2", "xz", "tar", "mo", "pot",
                  "ts", "js", "py", "sh", "bat", "exe", "dll", "so", "bin", "dat", "png", "jpg", "gif", "svg",
                  "mp3", "mp4", "wav", "sql", "db", "log", "tbx", "idml", "resx", "arb", "ftl", "lrc"}
_XML_START = re.compile(r"\s*(?:<\?xml\b|<!--|<!DOCTYPE\b|<(?:xliff|tmx|html|tbx)\b|<[\w:.-]+\s[^>]*\bxmlns\b)", re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)
_PO = re.compile(r'^(?:msgctxt|msgid)\s+"', re.M)
_SUBTITLES = re.compile(r"\A\s*(?:WEBVTT\b|\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->)")
_MAGIC = {b"PK\x03\x04": "a ZIP archive (a .docx, .xlsx or .odt document?)", b"%PDF": "a PDF document",
          b"{\\rtf": "an RTF document", b"\x1f\x8b": "a gzip archive"}
_NAMES = {"xliff": "an XLIFF file", "tmx": "a TMX translation memory", "po": "a gettext PO file",
          "html": "an HTML page", "subtitles": "a subtitle file (SubRip or WebVTT)", "tbx": "a TBX termbase"}
_RENAME = {"xliff": ".xlf", "tmx": ".tmx", "po": ".po"}
SUPPORTED = ".txt, .tsv, .csv, .jsonl, .xlf, .xliff, .tmx, .po"


def sniff(path: Path) -> Kind:
    """The reader ``path`` needs: from its extension, checked against its content."""
    expected = expected_kind(path)
    content = content_kind(path)
    if content == expected or (content == "text" and expected in ("text", "table", "po")):
        return expected  # a PO file's first lines may all be comments: polib judges the rest
    if content == "text":
        raise InputError(f"{path}: named {path.suffix} but is not {_NAMES[expected]} (it does not start as XML)")
    if content in _RENAME and expected in ("text", "table"):
        raise InputError(f"{path}: looks like {_NAMES[content]}, not plain text; name it "
                         f"{path.stem}{_RENAME[content]} to audit it as a translation file")
    raise InputError(f"{path}: named {path.suffix or '(no extension)'} but is {_NAMES.get(content, content)}; "
                     f"mtaudit reads {SUPPORTED}")


def expected_kind(path: Path) -> Kind:
    """The kind the file's extension promises; an unknown extension is an ``InputError``."""
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if not suffix or (_LANGUAGE_EXT.fullmatch(suffix) and suffix[1:] not in _NOT_LANGUAGES):
        return "text"
    raise InputError(f"{path}: unknown file type {suffix}; mtaudit reads {SUPPORTED} "
                     f"(and line files named by language, such as test.de-en.en)")


def content_kind(path: Path) -> str:
    """What the first bytes hold: ``text``, ``xliff``, ``tmx``, ``po``, ``html``,
    ``subtitles``, ``xml:<root>`` or a binary format's description."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    text = _decode(head)
    if _XML_START.match(text):
        root = _ROOT.match(_SKIP.sub("", text, count=0).lstrip() or "<?")
        name = root.group(1).split(":")[-1].lower() if root else "?"
        return name if name in ("xliff", "tmx", "html", "tbx") else f"XML (root element <{name}>)"
    if _SUBTITLES.match(text):
        return "subtitles"
    if _PO.search(text) and re.search(r'^msgstr(?:\[\d+\])?\s+"', text, re.M):
        return "po"
    return "text"


def _decode(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")
