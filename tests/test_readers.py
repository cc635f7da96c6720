"""Reading inputs: formats, carried columns, and one clear error for each kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtaudit.errors import InputError
from mtaudit.read import Batch, Document
from mtaudit.read import read_batch as open_batch
from mtaudit.read import read_text


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def scanned(batch: Batch) -> list[Document]:
    """Every document of a batch, read once as an audit reads them (``Batch.scan``)."""
    found: list[Document] = []

    def start():
        found.clear()
        return found.append

    batch.scan(start)
    return found


def read_batch(*args, **kwargs) -> Batch:
    """A batch whose documents have been scanned (so bad input has raised)."""
    batch = open_batch(*args, **kwargs)
    scanned(batch)
    return batch


def test_batch_folder_pairs_reference_and_source(tmp_path: Path) -> None:
    write(tmp_path / "a.hyp.txt", "Headline\n\nThe port closed. It reopened.")
    write(tmp_path / "a.ref.txt", "Headline\n\nThe port shut. It opened again.")
    write(tmp_path / "b.hyp.txt", "Another story.")
    batch = read_batch([tmp_path])
    assert batch.name == tmp_path.name
    assert [d.name for d in list(batch.documents)] == ["a", "b"]
    assert list(batch.documents)[0].ref == ["Headline\n\nThe port shut. It opened again."]
    assert list(batch.documents)[1].ref is None and list(batch.documents)[0].prose


def test_segments_mode_keeps_blank_lines(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", "one\n\nthree\n")
    ref = write(tmp_path / "ref.txt", "uno\n\ntres\n")
    doc = list(read_batch([hyp], ref=ref, segments=True).documents)[0]
    assert doc.hyp == ["one", "", "three"] and doc.ref == ["uno", "", "tres"]


def test_segments_mode_mismatched_counts_names_both_files(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", "a\nb\nc\n")
    ref = write(tmp_path / "ref.txt", "a\nb\n")
    with pytest.raises(InputError) as err:
        read_batch([hyp], ref=ref, segments=True)
    message = str(err.value)
    assert str(hyp) in message and str(ref) in message and "3" in message and "2" in message


def test_tsv_table_carries_columns(tmp_path: Path) -> None:
    table = write(tmp_path / "t.tsv", 'id\thyp\tref\tclient\nT1\tThe "port" closed.\tThe port shut.\tacme\n'
                                      "T2\tIt reopened.\tIt opened.\tbeta\n")
    batch = read_batch([table])
    doc = list(batch.documents)[0]
    assert doc.hyp == ['The "port" closed.', "It reopened."]
    assert doc.meta == [{"id": "T1", "client": "acme"}, {"id": "T2", "client": "beta"}]
    assert batch.extra_columns == ["id", "client"]


def test_jsonl_with_doc_and_seg(tmp_path: Path) -> None:
    rows = [{"doc": "d1", "seg": 3, "mt": "Hello.", "note": "x"}, {"doc": "d2", "seg": 1, "mt": "Bye."}]
    table = write(tmp_path / "t.jsonl", "\n".join(json.dumps(r) for r in rows))
    docs = list(read_batch([table]).documents)
    assert [(d.name, d.segs, d.hyp) for d in docs] == [("d1", [3], ["Hello."]), ("d2", [1], ["Bye."])]


@pytest.mark.parametrize("name, content, fragment", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Caf\u00e9 au lait.".encode("latin-1"), "byte offset 3"),
    ("huge.txt", b"word " * 30_000, "longer than"),
    ("nohyp.tsv", b"id\ttext\n1\thello\n", "no hypothesis column"),
    ("dup.tsv", b"doc\tseg\thyp\nd\t1\ta\nd\t1\tb\n", "duplicate"),
    ("bad.jsonl", b'{"hyp": "a"}\n{"hyp": \n', "invalid JSON"),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError, match=fragment):
        read_batch([path])


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    assert read_text(write(tmp_path / "bom.txt", b"\xef\xbb\xbfHello.")) == "Hello."
    assert read_text(write(tmp_path / "u16.txt", "Hello.".encode("utf-16"))) == "Hello."


def test_folder_without_documents(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "nothing here")
    with pytest.raises(InputError, match="no documents"):
        read_batch([tmp_path])


def test_table_with_scattered_document_rows_is_regrouped(tmp_path: Path) -> None:
    table = write(tmp_path / "t.tsv", "doc\tseg\thyp\na\t1\tOne.\nb\t1\tTwo.\na\t2\tThree.\n")
    batch = read_batch([table])
    assert batch.count == 2
    assert [(d.name, d.hyp, d.segs) for d in scanned(batch)] == [("a", ["One.", "Three."], [1, 2]), ("b", ["Two."], [1])]
    with pytest.raises(InputError, match="duplicate"):
        read_batch([write(tmp_path / "d.tsv", "doc\tseg\thyp\na\t1\tOne.\nb\t1\tTwo.\na\t1\tThree.\n")])


def test_csv_cells_keep_line_separators_and_quoted_newlines(tmp_path: Path) -> None:
    table = write(tmp_path / "t.csv", 'doc,hyp\nx,"Line\u2028with separator"\nx,"two\nlines"\n')
    assert list(read_batch([table]).documents)[0].hyp == ["Line\u2028with separator", "two\nlines"]


def test_long_files_are_read_in_blocks_without_losing_characters_or_offsets(tmp_path: Path) -> None:
    line = "é" * 30_000  # 60,000 bytes a line: characters straddle the read blocks
    doc = list(read_batch([write(tmp_path / "big.txt", (line + "\n") * 10)], segments=True).documents)[0]
    assert doc.hyp == [line] * 10
    bad = write(tmp_path / "bad.txt", ("a" * 99_999 + "\n").encode() + b"ok\xff\n")
    with pytest.raises(InputError, match="byte offset 100002"):
        read_batch([bad], segments=True)
