"""IBM Model 1 source coverage with a CC-CEDICT prior (mtaudit/measure/lexalign.py)."""
from __future__ import annotations

from mtaudit.checks.dictionary import STOPWORDS, cedict
from mtaudit.measure.lexalign import LexicalModel, dictionary_prior, source_words, target_words

SRC = "这座城市的新医院今天正式开放，将为周边地区的居民提供医疗服务。市长表示，政府明年还将修建两所学校和一座图书馆。"
FULL = ("The city's new hospital officially opened today and will provide medical services to residents of the "
        "surrounding areas. The mayor said the government will also build two schools and a library next year.")
DROPPED = ("The city's new hospital officially opened today and will provide medical services to residents of the "
           "surrounding areas.")
# Two news sentences that name Qin Gang (秦刚: not in CC-CEDICT).
QIN = [("秦刚周三在北京会见了来访的总理。", "Qin Gang met the visiting prime minister in Beijing on Wednesday."),
       ("秦刚表示中方将继续支持和平谈判。", "Qin Gang said China would continue to support peace talks.")]
STOP = frozenset(STOPWORDS)


def words(text: str) -> tuple[str, ...]:
    return tuple(w for _, _, w in source_words(text))


def test_source_words_keep_content_names_and_numbers() -> None:
    found = words("习近平2月10日在北京会见了拜登，双方讨论了3项议题")
    assert {"习近平", "北京", "拜登", "讨论", "议题", "10", "3"} <= set(found)
    assert not {"在", "了", "，"} & set(found)
    assert words("Der Hafen öffnete am 3. Mai.") == ("der", "hafen", "öffnete", "am", "3", "mai")


def test_target_words_are_stemmed_content_words() -> None:
    assert target_words("The mayor's schools opened", STOP) == ("mayor", "school", "open")


def model(pairs: list[tuple[str, str]]) -> LexicalModel:
    prior = dictionary_prior(cedict().translations)
    return LexicalModel.train([(words(s), target_words(t, STOP)) for s, t in pairs], prior, prior_weight=8.0)


def test_the_dropped_sentence_is_uncovered_where_it_is() -> None:
    lexicon = model([(SRC, FULL), (SRC, DROPPED)] + QIN)
    src = words(SRC)
    full = dict(zip(src, lexicon.coverage(src, target_words(FULL, STOP), held_out=True)))
    dropped = dict(zip(src, lexicon.coverage(src, target_words(DROPPED, STOP), held_out=True)))
    for word in ("市长", "学校", "图书馆"):  # mayor, school, library: the second sentence
        assert full[word] > 0.5 > dropped[word], word
    for word in ("医院", "居民"):  # hospital, residents: in both
        assert dropped[word] > 0.5, word


def test_a_name_is_learnt_from_the_batch_not_from_its_own_pair() -> None:
    lexicon = model(QIN)
    src, tgt = words(QIN[0][0]), target_words(QIN[0][1], STOP)
    held = dict(zip(src, lexicon.coverage(src, tgt, held_out=True)))
    assert held["秦刚"] > 0.5  # the other pair pairs 秦刚 with Qin Gang too
    alone = model(QIN[:1])
    own = dict(zip(src, alone.coverage(src, tgt)))
    held_alone = dict(zip(src, alone.coverage(src, tgt, held_out=True)))
    assert own["秦刚"] > 0.5 > held_alone["秦刚"]  # seen once: only its own pair "explains" it


def test_log_likelihood_prefers_the_complete_translation() -> None:
    lexicon = model([(SRC, FULL), (SRC, DROPPED)] + QIN)
    src = words(SRC)
    assert lexicon.log_likelihood(src, target_words(FULL, STOP)) > lexicon.log_likelihood(src, target_words(DROPPED, STOP))
