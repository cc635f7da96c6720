"""Coverage family: source words that a bilingual dictionary says the translation leaves out."""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from . import dictionary as bilingual
from ..segment.sentences import split_paragraph
from .registry import Hit, check

# Measured on WMT21 TED zh-en MQM (benchmarks/ted_coverage.py): under half the known source words
# covered, with at least four known, flags 3.6% of segments, half of them with a major error
# (precision 0.50 against a base rate of 0.31); share < 0.6 flags 12% at 0.41.
MIN_SHARE = 0.5
MIN_KNOWN = 4


@check("MT207", name="source-coverage", category="Accuracy/Omission", severity="major",
       flags=[{"hyp": "There's an orchid that looks like it has jaws, and in a way, it does;",
               "src": "有一种兰花看起来就像是有下颚一般。 在某种程度上说，它的确有；它强迫昆虫爬过， 沾上花粉，并把花粉带往别的地方。"},
              {"hyp": "It's a remarkably ambitious experiment, and it's going to be at advanced sensitivity "
                      "within the next few years -- to pick this up.",
               "src": "这是一个非常大胆的尝试， 它的灵敏度在未来几年里将不会被超越- 它将用来检测空间振动。"},
              {"hyp": "Most of the pollen that causes us to get hay fever comes from plants that use the wind.",
               "src": "因为其中大多数都被抛弃了， 希望包含在花粉中的生殖细胞， 雄性生殖细胞， 将能碰巧落到另一朵花上。"},
              {"hyp": "The city's new hospital officially opened today and will provide medical services to "
                      "residents of the surrounding areas.",
               "src": "这座城市的新医院今天正式开放，将为周边地区的居民提供医疗服务。市长表示，政府明年还将修建两所学校和一座图书馆。"}],
       passes=[{"hyp": "There is an orchid that looks like it has a jaw. To a certain extent, it does; it forces "
                       "insects to crawl over it, carry the pollen, and bring the pollen elsewhere.",
                "src": "有一种兰花看起来就像是有下颚一般。 在某种程度上说，它的确有；它强迫昆虫爬过， 沾上花粉，并把花粉带往别的地方。"},
               {"hyp": "This is a very bold attempt. Its sensitivity will not be surpassed in the next few years "
                       "— it will be used to detect spatial vibrations.",
                "src": "这是一个非常大胆的尝试， 它的灵敏度在未来几年里将不会被超越- 它将用来检测空间振动。"},
               {"hyp": "We stand on the earth and look up at the night sky. With the naked eye, we can see the stars in the sky.",
                "src": "我们站在地球上仰望夜空用肉眼就能看到天上的繁星。"},
               {"hyp": "The strong sunlight is so dazzling that people cannot open their eyes.",
                "src": "强烈的阳光是如此地刺眼，让人睁不开眼睛"},
               {"hyp": "The port reopened.", "src": "Der Hafen öffnete am Montag nach langem Streik wieder."},
               {"hyp": "The city's new hospital officially opened today and will provide medical services to "
                       "residents of the surrounding areas. The mayor said the government will also build two "
                       "schools and a library next year.",
                "src": "这座城市的新医院今天正式开放，将为周边地区的居民提供医疗服务。市长表示，政府明年还将修建两所学校和一座图书馆。"}])
def source_coverage(hyp: str, src: str, options: Mapping[str, Any] | None = None) -> Iterator[Hit]:
    """Fewer than half of the source's dictionary words have a translation in the hypothesis
    — in the whole source or in one of its sentences (at least four known words; Chinese
    sources use CC-CEDICT, others need a dictionary).

    A fluent translation that drops a clause reads well and scores well on fluency checks;
    only the source shows what is missing. "…它强迫昆虫爬过，沾上花粉…" ending as "…and in a
    way, it does;" leaves out 强迫 (force), 昆虫 (insect) and 花粉 (pollen). Each source
    sentence is checked too, so a sentence dropped from a paragraph is found as surely as
    one dropped from a pair. Synonyms the dictionary lacks also count as missing, so read
    the list before fixing. A user dictionary (``--dictionary``, TSV ``source<TAB>a/b``)
    covers other languages and terms. Fix: translate the listed source words.
    """
    path = (options or {}).get("dictionary")
    whole = bilingual.source_coverage(src, hyp, path)
    if whole is None:  # no dictionary for this source
        return
    parts, sentences = [("", whole)], split_paragraph(src)
    if len(sentences) > 1:
        parts += [(f" in source sentence {k} of {len(sentences)}", bilingual.source_coverage(s, hyp, path))
                  for k, s in enumerate(sentences, 1)]
    failing = [(c.share, where, c) for where, c in parts
               if c is not None and c.known >= MIN_KNOWN and c.share < MIN_SHARE]
    if failing:
        _, where, result = min(failing, key=lambda f: f[0])
        missing = ", ".join(dict.fromkeys(word for _, _, word in result.uncovered))
        yield Hit(0, 0, f"source words not translated: {missing} "
                        f"({result.covered} of {result.known} dictionary words covered{where})", None)
