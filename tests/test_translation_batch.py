"""Translation files in a batch: given on the command line or found in a folder, each sniffed
and read by its reader; documents of several files kept apart; the TMX language pair and
reference; every mismatched or unknown file one error naming it."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import mtaudit
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.errors import InputError
from tests.test_translation_files import TMX3

DATA = Path(__file__).parent / "data" / "translation"
QUICK = AuditConfig(grammar="none", formats=(), bootstrap=1)


def rows(paths, ref=None, **config) -> list[tuple[str, int, str, str]]:
    result = mtaudit.audit(paths, ref=ref, config=replace(QUICK, **config))
    return [(r.segment.doc, r.segment.seg, r.segment.src, r.segment.hyp) for r in result.results]


def test_one_xliff_file_audited_unit_by_unit() -> None:
    got = rows(DATA / "harbour.xlf")
    assert [(d, s) for d, s, _, _ in got] == [("harbour-strike.html", n) for n in range(1, 7)] + [
        ("river-flood.html", 1), ("river-flood.html", 2)]
    assert got[0][2:] == ("Hamburger Hafen öffnet nach dem Streik wieder", "Hamburg port reopens after the strike")
    assert got[4][3] == ""  # a unit without a target: a row, never dropped


def test_a_folder_of_translation_files_keeps_each_files_documents_apart(tmp_path: Path) -> None:
    for name in ("harbour.xlf", "app-strings.xlf", "shop.po"):
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copy(DATA / "memory.tmx", tmp_path / "memory.tmx")
    shutil.copy(DATA / "memory-ref.tmx", tmp_path / "memory.ref.tmx")  # <name>.ref.tmx: the reference of <name>.tmx
    result = mtaudit.audit(tmp_path, config=QUICK)
    docs = list(dict.fromkeys(r.segment.doc for r in result.results))
    assert docs == ["app-strings:shop/checkout.json", "app-strings:f2", "harbour:harbour-strike.html",
                    "harbour:river-flood.html", "memory", "shop"]
    memory = [r.segment for r in result.results if r.segment.doc == "memory"]
    assert memory[0].ref == "The city council approved the 2025 budget."
    assert result.summary.counts.sentences == 6 + 8 + 5 + 11
    # the units' own columns ride along into sentences.csv
    assert {"unit_id", "state", "fuzzy", "plural_form", "context", "line"} <= set(result.sentences.columns)


def test_files_of_the_same_name_in_two_folders(tmp_path: Path) -> None:
    for lang in ("de", "fr"):
        (tmp_path / lang).mkdir()
        shutil.copy(DATA / "shop.po", tmp_path / lang / "messages.po")
    got = rows([tmp_path / "de" / "messages.po", tmp_path / "fr" / "messages.po"])
    assert list(dict.fromkeys(d for d, *_ in got)) == ["de/messages", "fr/messages"]


def test_a_reference_tmx_without_its_memory_is_an_error(tmp_path: Path) -> None:
    shutil.copy(DATA / "memory-ref.tmx", tmp_path / "memory.ref.tmx")
    shutil.copy(DATA / "shop.po", tmp_path / "shop.po")
    with pytest.raises(InputError, match=r"memory\.ref\.tmx: a reference TMX without its memory\.tmx"):
        mtaudit.audit(tmp_path, config=QUICK)


def test_tmx_language_pair_and_reference_from_the_command_line(tmp_path: Path) -> None:
    three = tmp_path / "three.tmx"
    three.write_text(TMX3, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["audit", str(three), "--out", str(out), "--grammar", "none", "--format", "csv"])
    assert result.exit_code == 2
    assert result.output.strip().endswith("name the target with --tgt-lang")
    result = runner.invoke(cli, ["audit", str(three), "--out", str(out), "--grammar", "none", "--format", "csv",
                                 "--tgt-lang", "fr"])
    assert result.exit_code == 0, result.output
    lines = (out / "sentences.csv").read_text(encoding="utf-8").splitlines()
    # tu "c" has French but no German: a row with an empty source, never dropped
    assert [line.split(",")[2] for line in lines[1:]] == ['"Bonjour"', '"Salut"', '"Merci"']
    # the same from the config file
    (tmp_path / "mtaudit.toml").write_text('src-lang = "de"\ntgt-lang = "fr"\n', encoding="utf-8")
    result = runner.invoke(cli, ["audit", str(three), "--out", str(out), "--grammar", "none", "--format", "csv",
                                 "--config", str(tmp_path / "mtaudit.toml")])
    assert result.exit_code == 0, result.output
    got = rows(DATA / "memory.tmx", ref=DATA / "memory-ref.tmx", src_lang="de", tgt_lang="en")
    assert [r.segment.ref for r in mtaudit.audit(DATA / "memory.tmx", ref=DATA / "memory-ref.tmx", config=QUICK).results][
        3] == "The opposition voted against it."
    assert got[0][3] == "The city council passed the budget for 2025."


@pytest.mark.parametrize("name, content, message", [
    ("strings.txt", (DATA / "harbour.xlf").read_bytes(), r"strings\.txt: looks like an XLIFF file, not plain text; "
                                                         r"name it strings\.xlf"),
    ("film.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHello.\n", r"film\.srt: unknown file type \.srt"),
    ("movie.txt", b"1\n00:00:01,000 --> 00:00:02,000\nHello.\n", r"movie\.txt: named \.txt but is a subtitle file"),
    ("page.xml", b"<?xml version='1.0'?><page/>", r"page\.xml: unknown file type \.xml"),
    ("rows.csv", (DATA / "memory.tmx").read_bytes(), r"rows\.csv: looks like a TMX translation memory"),
])
def test_mismatched_or_unknown_files_are_an_error_naming_them(tmp_path: Path, name: str, content: bytes,
                                                              message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        mtaudit.audit(path, config=QUICK)


def test_folder_files_and_companions_are_sniffed_too(tmp_path: Path) -> None:
    (tmp_path / "a.hyp.txt").write_bytes((DATA / "harbour.xlf").read_bytes())
    with pytest.raises(InputError, match=r"a\.hyp\.txt: looks like an XLIFF file"):
        mtaudit.audit(tmp_path, config=QUICK)
    (tmp_path / "a.hyp.txt").write_text("The port reopened.\n", encoding="utf-8")
    (tmp_path / "a.ref.txt").write_bytes((DATA / "memory.tmx").read_bytes())
    with pytest.raises(InputError, match=r"a\.ref\.txt: looks like a TMX"):
        mtaudit.audit(tmp_path, config=QUICK)
    hyp = tmp_path / "a.hyp.txt"
    with pytest.raises(InputError, match=r"harbour\.xlf: the reference of a\.hyp\.txt must be text, not xliff"):
        mtaudit.audit(hyp, ref=DATA / "harbour.xlf", config=QUICK)


@pytest.mark.parametrize("path, ref, src, message", [
    (DATA / "harbour.xlf", DATA / "memory-ref.tmx", None, "--ref goes with a TMX"),
    (DATA / "harbour.xlf", None, DATA / "shop.po", "--src goes with a text file; XLIFF files carry their source"),
    (DATA / "memory.tmx", DATA / "shop.po", None, "the reference of a TMX must be a TMX"),
])
def test_what_goes_with_a_translation_file(path: Path, ref: Path | None, src: Path | None, message: str) -> None:
    with pytest.raises(InputError, match=message):
        mtaudit.audit(path, ref=ref, src=src, config=QUICK)


def test_a_table_takes_no_ref_option(tmp_path: Path) -> None:
    table = tmp_path / "rows.tsv"
    table.write_text("hyp\tref\nThe port reopened.\tThe port reopened.\n", encoding="utf-8")
    with pytest.raises(InputError, match="a table has ref and src columns"):
        mtaudit.audit(table, ref=tmp_path / "rows.tsv", config=QUICK)


def test_a_unit_without_a_translation_is_a_row_with_one_finding() -> None:
    """Units with no target (XLIFF), an empty target, an untranslated PO entry, a TMX unit
    without the target language: each a row with MT208 alone — the number (MT201) and the
    placeholder (MT205) its source holds are not "missing" one by one."""
    result = mtaudit.audit([DATA / "harbour.xlf", DATA / "shop.po", DATA / "memory.tmx"],
                           config=AuditConfig(formats=(), bootstrap=1))
    empty = [r for r in result.results if not r.segment.hyp]
    assert [(r.segment.doc, r.segment.seg) for r in empty] == [
        ("harbour:harbour-strike.html", 5), ("harbour:harbour-strike.html", 6), ("shop", 9), ("shop", 11),
        ("memory", 104)]
    assert all([i.code for i in r.issues] == ["MT208"] and r.verdict == "reject" for r in empty)
    assert "30" in empty[2].segment.src and "%(count)d" in empty[3].segment.src
