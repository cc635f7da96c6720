"""MT401 glossary terms: the glossary file's errors, matching rules and the CLI end to end."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from mtaudit.checks import REGISTRY
from mtaudit.checks import load_resources
from mtaudit.checks.glossary import EXAMPLE_GLOSSARY, load_glossary
from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from tests.conftest import CORPORA
from tests.test_cli import run


def glossary(tmp_path: Path, text: str) -> str:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def hits(path: str, hyp: str, src: str) -> list[tuple[str, str, str | None]]:
    """(flagged text, message, suggestion) of MT401 on one sentence."""
    return [(hyp[i.start:i.end], i.message, i.suggestion)
            for i in REGISTRY["MT401"].run({"hyp": hyp, "src": src, "options": {"glossary": path}})]


def test_loads_comments_bom_and_forbidden_variants(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("# house terms\nsource,target,forbidden\n\n# rent law\nMietpreisbremse,rent cap,rent brake|price brake\n"
                    "Vermieter,landlord\n", encoding="utf-8-sig")
    entries = load_glossary(path)
    assert [(e.source, e.target, e.forbidden, e.line) for e in entries] == [
        ("Mietpreisbremse", "rent cap", ("rent brake", "price brake"), 5), ("Vermieter", "landlord", (), 6)]


@pytest.mark.parametrize("text, where", [
    ("Mietpreisbremse,rent cap\n", "line 1"),
    ("# only a comment\nterm,translation\nMiete,rent\n", "line 2"),
    ("", "the file is empty"),
    ("source,target\nMiete,rent\nVermieter\n", "line 3"),
    ("source,target\nMiete,rent,lease\n", "line 2"),
    ("source,target,forbidden\n,rent,lease\n", "line 2"),
])
def test_bad_glossary_names_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    path = glossary(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_glossary(path)
    assert str(exc.value).startswith(path) and where in str(exc.value)


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="missing.csv: cannot read glossary"):
        load_glossary(tmp_path / "missing.csv")
    (tmp_path / "latin1.csv").write_bytes("source,target\nMiete,rent\nGebühr,fée\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="latin1.csv: glossary is not valid UTF-8"):
        load_glossary(tmp_path / "latin1.csv")


def test_reloads_when_the_file_changes(tmp_path: Path) -> None:
    path = glossary(tmp_path, "source,target\nMiete,rent\n")
    assert load_glossary(path) is load_glossary(path)  # read once
    Path(path).write_text("source,target\nMiete,rent\nVermieter,landlord\n", encoding="utf-8")
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert len(load_glossary(path)) == 2


def test_load_resources(tmp_path: Path) -> None:
    load_resources(AuditConfig())
    load_resources(AuditConfig(glossary=EXAMPLE_GLOSSARY))
    with pytest.raises(ConfigError, match="nope.csv"):
        load_resources(AuditConfig(glossary=str(tmp_path / "nope.csv")))
    with pytest.raises(ConfigError, match="nope.tsv"):
        load_resources(AuditConfig(dictionary=str(tmp_path / "nope.tsv")))


def test_missing_term_and_forbidden_variant(tmp_path: Path) -> None:
    path = glossary(tmp_path, "source,target,forbidden\nMietpreisbremse,rent cap,rent brake|price brake\n")
    src = "Die Mietpreisbremse gilt ab Januar."
    assert hits(path, "The rent cap applies from January.", src) == []
    assert hits(path, "The rent control applies from January.", src) == [
        ("", "glossary: 'Mietpreisbremse' should be translated as 'rent cap'", "rent cap")]
    assert hits(path, "Rent brakes apply from January.", src) == [
        ("Rent brakes", "glossary: 'Rent brakes' is a forbidden translation of 'Mietpreisbremse'; use 'rent cap'",
         "Rent caps")]
    assert hits(path, "The rent brake applies.", "Die Regel gilt ab Januar.") == []  # term not in the source


def test_inflection_and_case(tmp_path: Path) -> None:
    path = glossary(tmp_path, "source,target\nmietpreisbremse,rent cap\nSteuer,tax\nPolitik,policy\n")
    assert hits(path, "Rent caps apply in three cities.", "Mietpreisbremsen? Die MIETPREISBREMSE gilt.") == []
    assert hits(path, "New taxes were announced.", "Neue Steuer angekündigt.") == []
    assert hits(path, "Both policies failed.", "Die Politik scheiterte.") == []
    assert hits(path, "The taxi was late.", "Die Steuer kam spät.")[0][0] == ""  # "taxi" is not "tax"


def test_latin_source_terms_match_whole_words(tmp_path: Path) -> None:
    path = glossary(tmp_path, "source,target\nMiete,rent\n")
    assert hits(path, "Rent increases were capped.", "Mieterhöhungen wurden begrenzt.") == []
    assert len(hits(path, "The lease went up.", "Die Miete stieg.")) == 1


def test_cjk_source_terms_match_as_substrings(tmp_path: Path) -> None:
    path = glossary(tmp_path, "source,target,forbidden\n黑洞,black hole,dark hole|black cave\n")
    src = "超大质量黑洞位于星系中心。"
    assert hits(path, "Supermassive black holes sit at the centre of galaxies.", src) == []
    assert hits(path, "Super-massive dark holes sit at the centre of galaxies.", src)[0][0] == "dark holes"
    assert hits(path, "Stars sit at the centre of galaxies.", src)[0][1] == \
        "glossary: '黑洞' should be translated as 'black hole'"


def test_without_a_glossary_nothing_is_checked() -> None:
    hyp, src = "A spokesman said so.", "Ein Sprecher sagte das."
    assert REGISTRY["MT401"].run({"hyp": hyp, "src": src, "options": {"glossary": None}}) == []
    assert REGISTRY["MT401"].run({"hyp": hyp, "src": src}) == []
    assert REGISTRY["MT401"].run({"hyp": hyp, "src": src, "options": {"glossary": EXAMPLE_GLOSSARY}})


@pytest.mark.slow
def test_cli_audit_with_glossary(tmp_path: Path) -> None:
    """corpora/README.md: the sample glossary finds exactly lines 7 and 14 of segments/."""
    seg = CORPORA / "segments"
    out = tmp_path / "out"
    proc = run("audit", seg / "hyp.txt", "--src", seg / "src.txt", "--segments", "--glossary",
               CORPORA / "glossary.csv", "--grammar", "none", "--format", "csv", "--out", out)
    assert proc.returncode == 0, proc.stderr
    with open(out / "sentences.csv", newline="", encoding="utf-8") as f:
        found = {r["seg"]: r["issues"] for r in csv.DictReader(f) if "MT401" in r["issue_codes"]}
    assert list(found) == ["7", "14"]
    assert "'Kritiker' should be translated as 'critic'" in found["7"]
    assert "'spokesman' is a forbidden translation of 'Sprecher'" in found["14"]


@pytest.mark.slow
def test_cli_missing_glossary_is_a_usage_error(tmp_path: Path) -> None:
    seg = CORPORA / "segments"
    proc = run("audit", seg / "hyp.txt", "--src", seg / "src.txt", "--segments", "--glossary",
               tmp_path / "missing.csv", "--grammar", "none", "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "missing.csv" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()
