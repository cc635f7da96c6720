"""Source family: numbers, untranslated text, length, quotes and brackets checked against the source."""
from __future__ import annotations

import re
from typing import Iterator

from .reference import number_differences
from .registry import Hit, check
from .text import words

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")  # 3月5日: Chinese and Japanese dates
# Characters of English per character of source: ~1 for alphabetic sources, ~3 for
# Chinese/Japanese/Korean (median 3.07 on a Chinese-English TED set).
_CJK_FACTOR = 3.0
LENGTH_BOUNDS = (0.45, 2.0)  # Okapi CheckMate's defaults, after the script factor


@check("MT201", name="number-mismatch-src", category="Accuracy/Mistranslation", severity="major",
       flags=[{"hyp": "Around 4,000 people demonstrated in Berlin.", "src": "Rund 40.000 Menschen demonstrierten in Berlin."},
              {"hyp": "The exhibition shows 150 paintings.", "src": "Die Ausstellung zeigt 105 Gemälde."},
              {"hyp": "Rents have risen since 2015.", "src": "Die Mieten sind seit 2015 um 30 Prozent gestiegen."},
              {"hyp": "The ice is over 10000 years old.", "src": "有些冰超过十万年。"},
              {"hyp": "Prices rose by 50% last year.", "src": "去年价格上涨了百分之五。"},
              {"hyp": "The rocket has five million parts.", "src": "这枚火箭有两百五十万个零件。"},
              {"hyp": "The talks lasted three hours.", "src": "会谈持续了两个半小时。"},
              {"hyp": "The Labor Department released the data on January 3.", "src": "2月3日美国劳工部公布数据。"},
              {"hyp": "The market reopens on Wednesday.", "src": "市场周二重新开放。"}],
       passes=[{"hyp": "Around 2,500 containers waited.", "src": "Rund 2.500 Container warteten."},
               {"hyp": "The 20th anniversary of the $3bn bridge, built in the 1990s.",
                "src": "Der 20. Jahrestag der 3 Milliarden Dollar teuren Brücke aus den 1990er Jahren."},
               {"hyp": "Interest rates stayed at 3.5 percent.", "src": "Der Leitzins blieb bei 3,5 Prozent."},
               {"hyp": "Repairs will be finished by 18:00.", "src": "Die Reparaturen sind bis 18:00 Uhr fertig."},
               {"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."},
               {"hyp": "Opening hours are from 10 a.m. to 6 p.m.", "src": "Geöffnet ist von 10 bis 18 Uhr."},
               {"hyp": "There are 250000 species, at least 20000 of them orchids, in three regions.",
                "src": "有25万种，至少两万种兰花，分布在三个地区。"},
               {"hyp": "The dam was finished a billion yuan over budget.", "src": "大坝竣工时超支十亿元。"},
               {"hyp": "Thousands of volunteers came, some from hundreds of kilometres away.",
                "src": "数千名志愿者赶来，有的来自数百公里之外。"},
               {"hyp": "The triangles on the map mark the new lily farms.", "src": "地图上的三角标出了新的百合花农场。"},
               {"hyp": "The printer builds parts in three-dimensional space.", "src": "这台打印机在三维空间中制造零件。"},
               {"hyp": "Construction took two and a half years and half a million bricks.",
                "src": "施工用了两年半时间和50万块砖。"},
               {"hyp": "Rents rose 5% within the decade; that is very important.",
                "src": "十年内房租上涨了百分之五，这一点十分重要。"},
               {"hyp": "The bridge is 6km long.", "src": "这座桥长6公里。"},
               {"hyp": "An implant costs about 16,000 to 17,000 yuan.", "src": "种植价格大概要一万六七千元左右。"},
               {"hyp": "The DPP rejects the 1992 Consensus.", "src": "民进党拒绝接受“九二共识”。"},
               {"hyp": "BEIJING, Feb. 11 (Xinhua) -- The forum was held on Tuesday.",
                "src": "新华社北京2月11日电2月11日周二，论坛在北京举办。"},
               {"hyp": "It will allocate S$110 million, above the estimate of 4 to 6 million.",
                "src": "拨出1.1亿新元，超越预估的400万至600万。"}])
def number_mismatch_src(hyp: str, src: str) -> Iterator[Hit]:
    """A number (in digits) that differs from the source: changed, dropped or added.

    "40.000" in a German source and "4,000" in the translation is a tenfold error a
    fluent sentence hides well. Thousands separators and decimal commas are normalised
    ("2.500" = "2,500", "3,5" = "3.5"), and "6 p.m." equals "18". Chinese numerals are
    read as values (十亿 = "a billion", 两年半 = "two and a half years", 九二 = "92" or
    "1992"); a vague one (数千, 几百万, 一万六七千) is matched by any number of its size or
    none ("thousands"), and a lone numeral that is part of a word (三角 "triangle", 三维
    "three-dimensional") is never missed. Dates and weekdays are values (2月11日 = "Feb. 11"
    = "February 11th", 周二 = "Tuesday"), enough once however often the source repeats them.
    Fix: copy the number from the source.
    """
    if _CJK.search(src):  # Chinese numerals may be English words; 一/两 are often "a"/"a couple"
        extra, missing = number_differences(hyp, src, spelled=True, ignore=frozenset({"1", "2"}),
                                            dates=bool(_HAN.search(src)))
    else:
        extra, missing = number_differences(hyp, src, spelled=False)
    for n in extra:
        yield Hit(n.start, n.end, f"number {hyp[n.start:n.end]} is not in the source"
                  + (f" (source has {', '.join(missing)})" if missing else ""), None)
    if missing and not extra:
        yield Hit(0, 0, f"source number(s) {', '.join(missing)} missing from the translation", None)


_MIN_RUN = 4


@check("MT202", name="untranslated", category="Accuracy/Untranslated", severity="major",
       flags=[{"hyp": "Der Bau wurde vorerst gestoppt.", "src": "Der Bau wurde vorerst gestoppt."},
              {"hyp": "The minister said die Reform begrenzt Mieterhöhungen deutlich.",
               "src": "Der Minister sagte, die Reform begrenzt Mieterhöhungen deutlich."},
              {"hyp": "我们站在地球上仰望夜空", "src": "我们站在地球上仰望夜空。"}],
       passes=[{"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."},
               {"hyp": "Anna K. Weber of the ver.di union spoke.", "src": "Anna K. Weber von der Gewerkschaft ver.di sprach."},
               {"hyp": "The Frankfurter Allgemeine Zeitung reported it.", "src": "Die Frankfurter Allgemeine Zeitung berichtete."},
               {"hyp": "OK.", "src": "OK."}])
def untranslated(hyp: str, src: str) -> Iterator[Hit]:
    """Source text copied into the translation: four or more consecutive source words
    (not names), or a whole sentence in the source's script.

    MT systems leave rare or hard spans untranslated; a copied sentence is the extreme
    case. Runs of capitalised words (names, titles) are expected and not flagged. Fix:
    translate the span.
    """
    if _CJK.search(hyp) and _CJK.search(src) and len(_CJK.findall(hyp)) >= 4:
        first = _CJK.search(hyp).start()
        yield Hit(first, len(hyp), "text left in the source's script", None)
        return
    htoks = words(hyp)
    src_low = [t.text.lower() for t in words(src)]
    grams = {tuple(src_low[i:i + _MIN_RUN]) for i in range(len(src_low) - _MIN_RUN + 1)}
    i = 0
    while i + _MIN_RUN <= len(htoks):
        run = htoks[i:i + _MIN_RUN]
        if tuple(t.text.lower() for t in run) in grams and sum(t.text[:1].islower() for t in run) >= 2:
            j = i + _MIN_RUN
            while j < len(htoks) and any(g[-1] == htoks[j].text.lower() for g in grams):
                j += 1
            yield Hit(run[0].start, htoks[j - 1].end, "source text copied untranslated", None)
            i = j
        else:
            i += 1


@check("MT203", name="length-ratio-src", category="Accuracy/Omission", severity="minor", enabled=False,
       flags=[{"hyp": "The council met.", "src": "Der Stadtrat trat am Montag zusammen und beschloss nach langer Debatte den Haushalt."},
              {"hyp": "Sun.", "src": "强烈的阳光是如此地刺眼，让人睁不开眼睛"},
              {"hyp": "The port reopened on Monday after a long strike that had paralysed the region for weeks and cost millions.",
               "src": "Der Hafen öffnete."}],
       passes=[{"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."},
               {"hyp": "The strong sunlight is so dazzling.", "src": "强烈的阳光是如此地刺眼，"},
               {"hyp": "Yes.", "src": "Ja."}])
def length_ratio_src(hyp: str, src: str) -> Iterator[Hit]:
    """A translation much shorter or longer than its source predicts (outside 45%–200%
    of the expected length; Chinese, Japanese and Korean sources count three English
    characters per character).

    A short translation has usually dropped content; a long one has added or repeated
    some. Very short segments (under 10 characters on either side) are not judged.
    Off by default: on WMT21 TED zh-en only 17% of the segments it flags have a major
    error (base rate 31%) — talks are segmented freely; MT207's dictionary coverage finds
    omissions far better. Fix: compare with the source.
    """
    h, s = len(hyp.strip()), len(src.strip())
    if h < 10 and s < 10:
        return
    expected = s * (_CJK_FACTOR if len(_CJK.findall(src)) > s / 3 else 1.0)
    ratio = h / expected if expected else 0.0
    low, high = LENGTH_BOUNDS
    if ratio < low or ratio > high:
        word = "short" if ratio < low else "long"
        yield Hit(0, len(hyp), f"translation is {ratio:.0%} of the length the source predicts: too {word}", None)


@check("MT208", name="no-translation", category="Accuracy/Omission", severity="major", on_empty=True,
       flags=[{"hyp": "", "src": "Die Fähre nach Övelgönne fährt ab Dienstag wieder."},
              {"hyp": "  ", "src": "Rückgabe innerhalb von 30 Tagen möglich."}],
       passes=[{"hyp": "The ferry to Övelgönne runs again from Tuesday.", "src": "Die Fähre nach Övelgönne fährt ab Dienstag wieder."},
               {"hyp": "", "src": "  "},
               {"hyp": "OK", "src": "OK"}])
def no_translation(hyp: str, src: str) -> Iterator[Hit]:
    """A source with no translation: the unit's target is missing or empty.

    A translation file's unit without a target, a PO entry without a msgstr, a blank line
    against a source line: nothing was translated, and a reader of the output sees nothing
    (or the program falls back to the source). The other source checks say nothing about
    an empty translation; this one finding does. Fix: translate the unit.
    """
    if not hyp.strip() and src.strip():
        yield Hit(0, 0, "no translation: the source has text, the translation none", None)


_QUOTES = "“”„‟\"«»‹›「」『』"
_BRACKETS = "()（）[]【】"


@check("MT206", name="lost-quotes-brackets", category="Fluency/Punctuation", severity="minor",
       flags=[{"hyp": "The mayor said the budget was balanced.", "src": "Der Bürgermeister sagte: „Der Haushalt ist ausgeglichen.“"},
              {"hyp": "The union ver.di called the strike.", "src": "Die Gewerkschaft ver.di (Vereinte Dienstleistungsgewerkschaft) rief zum Streik auf."},
              {"hyp": "He called it a reasonable compromise.", "src": "他称之为「合理的妥协」。"}],
       passes=[{"hyp": "The mayor said: “The budget is balanced.”", "src": "Der Bürgermeister sagte: „Der Haushalt ist ausgeglichen.“"},
               {"hyp": "He called it a “reasonable compromise”.", "src": "他称之为「合理的妥协」。"},
               {"hyp": "The union (ver.di) called the strike.", "src": "Die Gewerkschaft (ver.di) rief zum Streik auf."},
               {"hyp": "The port reopened on Monday.", "src": "Der Hafen öffnete am Montag wieder."}])
def lost_quotes_brackets(hyp: str, src: str) -> Iterator[Hit]:
    """The source quotes someone or puts text in brackets, and the translation has no
    quotation marks or brackets at all.

    Losing the quotation marks turns a quote into the writer's own claim; losing brackets
    merges an aside into the sentence, or drops it. Any quotation style counts („…“ for
    “…”, 「…」 for “…”), and a quote in the source may close in another sentence. Fix:
    restore the quotation marks or brackets.
    """
    for marks, accepted, what in ((_QUOTES, _QUOTES + "‘’'", "quotation marks"), (_BRACKETS, _BRACKETS, "brackets")):
        if any(c in src for c in marks) and not any(c in hyp for c in accepted):
            yield Hit(0, 0, f"the source has {what}, the translation none", None)
