"""Translation files in: XLIFF 1.2 and 2.0, TMX and PO (tests/data/translation, written for
the project), the content sniffing that keeps them and other formats from being audited as
prose, and one ``InputError`` naming the file for each kind of bad file."""
from __future__ import annotations

from pathlib import Path

import pytest

from mtaudit.checks.placeables import markup_mismatch
from mtaudit.errors import InputError
from mtaudit.read.translation_files import read_translation_file, sniff

DATA = Path(__file__).parent / "data" / "translation"


def rows(path: Path, **kw) -> list[tuple[str, int, str, str, dict]]:
    """(doc, seg, source, hypothesis, meta) of every row, in order."""
    return [(d.name, d.segs[i], d.src[i], h, d.meta[i])
            for d in read_translation_file(path, **kw) for i, h in enumerate(d.hyp)]


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_xliff_12_one_document_per_file_one_row_per_unit() -> None:
    got = rows(DATA / "harbour.xlf")
    assert [(doc, seg, m["unit_id"]) for doc, seg, _, _, m in got] == [
        ("harbour-strike.html", 1, "title"), ("harbour-strike.html", 2, "p1"), ("harbour-strike.html", 3, "p2"),
        ("harbour-strike.html", 4, "q1"), ("harbour-strike.html", 5, "p3"), ("harbour-strike.html", 6, "p4"),
        ("river-flood.html", 1, "1"), ("river-flood.html", 2, "2")]  # numeric ids are the seg; translate="no" left out
    by_id = {m["unit_id"]: (src, hyp, m["state"]) for _, _, src, hyp, m in got}
    assert by_id["p1"] == ('Der Hafen öffnete am <g id="1">Montag</g> um 6 Uhr wieder.',
                           'The port reopened on <g id="1">Monday</g> at 6 a.m.', "translated")
    assert by_id["p2"][0] == 'Details finden Sie unter <x id="2"/>www.hamburg.de/hafen.'
    # bpt/ept: the code's identity, not its native content; the unit inside a <group> is read
    assert by_id["q1"][:2] == ('<bpt id="3"/>„Wir sind erleichtert“<ept id="3"/>, sagte Jürgen Weiß.',
                               '<bpt id="3"/>"We are relieved"<ept id="3"/>, said Jürgen Weiß.')
    assert by_id["p3"] == ("Die Fähre nach Övelgönne fährt ab Dienstag wieder.", "", "")  # no <target>
    assert by_id["p4"][1:] == ("", "new")  # an empty <target>


def test_xliff_20_one_row_per_segment() -> None:
    got = rows(DATA / "app-strings.xlf")
    assert [(doc, seg, m["unit_id"], m["state"]) for doc, seg, _, _, m in got] == [
        ("shop/checkout.json", 1, "cart.title", "translated"), ("shop/checkout.json", 2, "cart.items::s1", "translated"),
        ("shop/checkout.json", 3, "cart.items::s2", "initial"), ("shop/checkout.json", 4, "cart.empty", "initial"),
        ("shop/checkout.json", 5, "cart.pay", "translated"), ("f2", 7, "7", "reviewed")]  # no original: the file id
    text = {m["unit_id"]: (src, hyp) for _, _, src, hyp, m in got}
    assert text["cart.items::s1"] == ("您的购物车中有<pc id=\"1\">{count}</pc>件商品。",
                                      'You have <pc id="1">{count}</pc> items in your cart.')
    assert text["cart.items::s2"] == ('运费为<ph id="2"/>。', "Shipping is free.")
    assert text["cart.pay"] == ("用支付宝付款", "Pay with Alipay")  # <mrk> annotations keep their text only
    assert text["cart.empty"] == ("您的购物车是空的。", "")


def test_inline_codes_reach_the_markup_check() -> None:
    """MT205 sees a code the translation dropped, and passes codes carried over."""
    text = {m["unit_id"]: (src, hyp) for _, _, src, hyp, m in
            rows(DATA / "app-strings.xlf") + rows(DATA / "harbour.xlf")}
    for dropped in ("cart.items::s2", "p2"):
        src, hyp = text[dropped]
        assert [h.message for h in markup_mismatch(hyp, src)], dropped
    for kept in ("cart.items::s1", "p1", "q1", "2"):
        src, hyp = text[kept]
        assert list(markup_mismatch(hyp, src)) == [], kept


def test_tmx_pair_from_header_and_the_one_other_language(tmp_path: Path) -> None:
    got = rows(DATA / "memory.tmx")
    assert [(doc, seg, m) for doc, seg, _, _, m in got] == [
        ("memory", n, {"unit_id": str(n)}) for n in (101, 102, 103, 104, 105)]
    assert got[1][2:4] == ('Die Ausgaben steigen um <bpt i="1"/>4 Prozent<ept i="1"/>.',
                           'Spending rises by <bpt i="1"/>4 per cent<ept i="1"/>.')
    assert got[3][2:4] == ("Die Opposition stimmte dagegen.", "")  # no en-GB variant: an empty hypothesis
    # The other direction, named with bare language codes: en matches the file's en-GB.
    back = rows(DATA / "memory.tmx", src_lang="en", tgt_lang="DE_de")
    assert back[0][2:4] == ("The city council passed the budget for 2025.",
                            "Der Stadtrat beschloss den Haushalt für 2025.")
    assert len(back) == 5  # 104 has no English: a row with an empty source, never dropped


def test_tmx_reference_matched_by_tuid() -> None:
    [doc] = read_translation_file(DATA / "memory.tmx", ref=DATA / "memory-ref.tmx")
    assert doc.ref == ["The city council approved the 2025 budget.",
                       'Spending will rise by <bpt i="1"/>4 percent<ept i="1"/>.',
                       'Mayor Grüner called it a "solid plan".', "The opposition voted against it.",
                       'Further information: <ph x="2"/>rathaus@example.org']


TMX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="de" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="a"><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv>
<tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="de"><seg>Tschüss</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="fr"><seg>Merci</seg></tuv></tu>
</body></tmx>
"""


def test_tmx_with_several_target_languages_needs_tgt_lang(tmp_path: Path) -> None:
    path = write(tmp_path / "three.tmx", TMX3)
    with pytest.raises(InputError, match=r"three\.tmx: TMX has languages en, fr besides de; name the target with --tgt-lang"):
        read_translation_file(path)
    # tu "c" has neither German nor English: not of the pair, left out; "b" has no English.
    assert [(s, h) for _, _, s, h, _ in rows(path, tgt_lang="en")] == [("Hallo", "Hello"), ("Tschüss", "")]
    with pytest.raises(InputError, match=r"target language 'es' is not in the file \(languages: de, en, fr\)"):
        read_translation_file(path, tgt_lang="es")
    no_header = write(tmp_path / "nohead.tmx", TMX3.replace('srclang="de"', 'srclang="*all*"'))
    with pytest.raises(InputError, match="names no source language.*--src-lang"):
        read_translation_file(no_header)


def test_tmx_reference_that_does_not_match_is_an_error(tmp_path: Path) -> None:
    ref = write(tmp_path / "ref.tmx", (DATA / "memory-ref.tmx").read_text(encoding="utf-8")
                .replace('tuid="103"', 'tuid="999"'))
    with pytest.raises(InputError, match=r"ref\.tmx: reference TMX has no unit with tuid '103'"):
        read_translation_file(DATA / "memory.tmx", ref=ref)
    ref = write(tmp_path / "ref2.tmx", (DATA / "memory-ref.tmx").read_text(encoding="utf-8")
                .replace("Die Opposition stimmte dagegen.", "Die Regierung stimmte dafür."))
    with pytest.raises(InputError, match=r"ref2\.tmx: unit 104 has another source text"):
        read_translation_file(DATA / "memory.tmx", ref=ref)


def test_po_entries_plurals_and_fuzzy() -> None:
    got = rows(DATA / "shop.po")
    assert [(src, hyp, m["plural_form"], m["fuzzy"], m["context"]) for _, _, src, hyp, m in got] == [
        ("Warenkorb", "Shopping cart", "", "false", ""),
        ("Hallo {name}, willkommen zurück!", "Hello {name}, welcome back!", "", "false", ""),
        ("%d Artikel im Warenkorb", "%d item in the cart", "0", "false", ""),
        ("%d Artikel im Warenkorb", "%d items in the cart", "1", "false", ""),
        ("Weiter zur Kasse", "To the checkout", "", "true", ""),
        ("Bestellen", "Order", "", "false", "button"),
        ("Bestellen", "Ordering", "", "false", "noun"),
        ("Die Lieferung nach Zürich dauert <b>2–3 Tage</b>.", "Delivery to Zurich takes 2–3 days.", "", "false", ""),
        ("Rückgabe innerhalb von 30 Tagen möglich.", "", "", "false", ""),  # untranslated: a row
        ("Noch %(count)d Tag bis zur Lieferung", "%(count)d day until delivery", "0", "false", ""),
        ("Noch %(count)d Tage bis zur Lieferung", "", "1", "false", ""),
    ]  # the header and the obsolete (#~) entry are not rows
    assert {doc for doc, *_ in got} == {"shop"} and [seg for _, seg, *_ in got] == list(range(1, 12))
    assert got[0][4]["line"] == "11"  # where the entry starts, to find it in an editor


def test_po_with_three_plural_forms(tmp_path: Path) -> None:
    po = write(tmp_path / "pl.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
               '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
               'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d plik"\nmsgstr[1] "%d pliki"\n')
    assert [(s, h, m["plural_form"]) for _, _, s, h, m in rows(po)] == [
        ("%d file", "%d plik", "0"), ("%d files", "%d pliki", "1"), ("%d files", "", "2")]


@pytest.mark.parametrize("name, content, message", [
    ("bad.xlf", '<?xml version="1.0"?>\n<xliff version="1.2"><file original="a"><body>\n<trans-unit id="1">'
                "<source>a</source></file></xliff>", r"bad\.xlf: not well-formed XML at line 3"),
    ("v3.xlf", '<xliff version="3.0"><file/></xliff>', r"v3\.xlf: XLIFF version 3\.0 is not supported"),
    ("empty.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a">'
                  "<body/></file></xliff>", r"empty\.xlf: XLIFF file has no translation units"),
    ("notx.xlf", "<?xml version='1.0'?><html><body/></html>", r"notx\.xlf: named \.xlf but is an HTML page"),
    ("bad.tmx", "<tmx version='1.4'><header srclang='de'/><body><tu></body></tmx>", r"bad\.tmx: not well-formed XML"),
    ("bad.po", 'msgid "a"\nmsgstr "b"\nmsgid "c"\nnonsense "d"\n', r"bad\.po:4: not a valid PO file"),
    ("latin.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "K\xf6ln"\nmsgstr "x"\n',
     r"latin\.po: not valid UTF-8 at byte offset"),
    ("evil.xlf", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                 '<xliff version="1.2"><file original="a"><body><trans-unit id="1"><source>&e;</source>'
                 "</trans-unit></body></file></xliff>",
     r"evil\.xlf: not well-formed XML at line 1: Entity 'e' not defined"),  # never fetched
])
def test_malformed_files_are_one_error_naming_the_file(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = write(tmp_path / name, content.encode("latin-1") if name == "latin.po" else content.encode("utf-8"))
    with pytest.raises(InputError, match=message):
        read_translation_file(path)


@pytest.mark.parametrize("name, content, kind", [
    ("doc.txt", "The port reopened.\nIt was quiet.\n", "text"),
    ("table.tsv", "hyp\tref\nA.\tB.\n", "table"),
    ("rows.jsonl", '{"hyp": "A."}\n', "table"),
    ("newstest2021.de-en.en", "One line.\n", "text"),  # WMT naming: the language is the extension
    ("hyp", "One line.\n", "text"),
    ("prose.txt", "<b>Breaking:</b> the port reopened.\n", "text"),  # a tag in prose is not an XML file
    ("a.xlf", (DATA / "harbour.xlf").read_text(encoding="utf-8"), "xliff"),
    ("a.tmx", (DATA / "memory.tmx").read_text(encoding="utf-8"), "tmx"),
    ("a.po", (DATA / "shop.po").read_text(encoding="utf-8"), "po"),
])
def test_sniff_accepts_what_the_name_promises(tmp_path: Path, name: str, content: str, kind: str) -> None:
    assert sniff(write(tmp_path / name, content)) == kind


@pytest.mark.parametrize("name, content, message", [
    ("batch.txt", (DATA / "harbour.xlf").read_text(encoding="utf-8"),
     r"batch\.txt: looks like an XLIFF file, not plain text; name it batch\.xlf"),
    ("memory.tsv", (DATA / "memory.tmx").read_text(encoding="utf-8"), r"memory\.tsv: looks like a TMX"),
    ("strings.txt", (DATA / "shop.po").read_text(encoding="utf-8"), r"strings\.txt: looks like a gettext PO file"),
    ("subs.txt", "1\n00:00:01,000 --> 00:00:04,000\nThe port reopened.\n",
     r"subs\.txt: named \.txt but is a subtitle file"),
    ("page.txt", "<!DOCTYPE html>\n<html><body>x</body></html>", r"page\.txt: named \.txt but is an HTML page"),
    ("data.txt", '<?xml version="1.0"?>\n<catalog/>', r"data\.txt: named \.txt but is XML \(root element <catalog>\)"),
    ("subs.srt", "1\n00:00:01,000 --> 00:00:04,000\nHi.\n", r"subs\.srt: unknown file type \.srt"),
    ("letter.docx", b"PK\x03\x04rest", r"letter\.docx: unknown file type \.docx"),
    ("letter.txt", b"PK\x03\x04rest", r"letter\.txt: named \.txt but is a ZIP archive"),
    ("notes.xlf", "Just some text.\n", r"notes\.xlf: named \.xlf but is not an XLIFF file"),
    ("mem.tmx", (DATA / "harbour.xlf").read_text(encoding="utf-8"), r"mem\.tmx: named \.tmx but is an XLIFF file"),
])
def test_sniff_rejects_unknown_and_mismatched_files(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        sniff(write(tmp_path / name, content))


def test_utf16_xliff_is_sniffed_and_read(tmp_path: Path) -> None:
    text = (DATA / "harbour.xlf").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write(tmp_path / "wide.xlf", text.encode("utf-16"))
    assert sniff(path) == "xliff" and rows(path) == rows(DATA / "harbour.xlf")


def test_entities_the_file_defines_are_expanded(tmp_path: Path) -> None:
    path = write(tmp_path / "ent.xlf", '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY co "Hafen AG">]>'
                 '<xliff version="1.2"><file original="a"><body><trans-unit id="1"><source>Die &co; &amp; Co</source>'
                 "<target>The &co; &amp; Co</target></trans-unit></body></file></xliff>")
    assert [(s, h) for _, _, s, h, _ in rows(path)] == [("Die Hafen AG & Co", "The Hafen AG & Co")]


def test_a_reference_goes_with_a_tmx_only() -> None:
    with pytest.raises(InputError, match=r"shop\.po: --ref goes with a TMX file"):
        read_translation_file(DATA / "shop.po", ref=DATA / "memory-ref.tmx")
    with pytest.raises(InputError, match=r"harbour\.xlf: the reference of a TMX must be a TMX"):
        read_translation_file(DATA / "memory.tmx", ref=DATA / "harbour.xlf")
    assert rows(DATA / "harbour.xlf", tgt_lang="en") == rows(DATA / "harbour.xlf")  # XLIFF names its own
