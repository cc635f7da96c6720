"""Agreement between systems (mtaudit/measure/consensus.py and agreement.py) on real translations of one source."""
from __future__ import annotations

from mtaudit.checks.dictionary import STOPWORDS
from mtaudit.measure.agreement import content_agreement
from mtaudit.measure.consensus import consensus, pooled, trust

# Five translations of 这座城市的新医院今天正式开放，将为周边地区的居民提供医疗服务。市长表示，政府明年还将修建两所学校和一座图书馆。
GOOD = [
    "The city's new hospital officially opened today and will provide medical services to residents of the "
    "surrounding areas. The mayor said the government will also build two schools and a library next year.",
    "The new hospital of the city opened officially today, providing medical services for residents of nearby "
    "areas. The mayor said the government will also build two schools and a library next year.",
    "The city's new hospital opened today and will offer medical care to residents of the surrounding area. "
    "According to the mayor, the government will build two more schools and a library next year.",
]
DROPPED = ("The city's new hospital officially opened today and will provide medical services to residents of the "
           "surrounding areas.")
WRONG = ("The city's new hospital officially opened today and will provide medical services to residents of the "
         "surrounding areas. The mayor said the government will also close two schools and a museum next year.")
STOP = frozenset(STOPWORDS)


def test_the_odd_one_out_agrees_least() -> None:
    outputs = GOOD + [DROPPED]
    agreement = consensus(outputs)
    assert agreement.index(min(agreement)) == len(outputs) - 1
    assert consensus(outputs[:1]) == [100.0]
    assert consensus(outputs, [1.0] * len(outputs)) == agreement  # equal weights: the plain mean


def test_trust_weights() -> None:
    assert trust([50.0, 50.0]) == [1.0, 1.0]
    assert trust([0.9, None, 0.5]) == [1.0, 1.0, 1.0]  # a system of unknown coverage: no weighting
    weights = trust([60.0, 55.0, 30.0])
    assert weights[0] == 1.0 and weights[2] == 0.1 and weights[0] > weights[1] > weights[2]


def test_a_distrusted_system_moves_the_others_less() -> None:
    # WRONG departs from GOOD[0] in two words only; trusted, it pulls GOOD[0] up against GOOD[1]
    outputs = [GOOD[0], GOOD[1], WRONG]
    equal = consensus(outputs)
    distrusted = consensus(outputs, [1.0, 1.0, 0.1])
    assert distrusted[0] < equal[0] and distrusted[1] > equal[1] - 1e-9
    assert distrusted[0] - distrusted[1] < equal[0] - equal[1]


def test_identical_translations_share_their_writers_weight() -> None:
    outputs = [GOOD[0], GOOD[0] + " ", GOOD[1], DROPPED]
    assert pooled(outputs, [1.0, 0.2, 0.5, 0.1]) == [0.6, 0.6, 0.5, 0.1]
    agreement = consensus(outputs, [1.0, 0.2, 0.5, 0.1])
    assert agreement[0] == agreement[1]  # the same text keeps the same figure whoever wrote it


def test_content_agreement_finds_omission_and_departure() -> None:
    outputs = GOOD + [DROPPED, WRONG]
    pairs = content_agreement(outputs, [1.0] * len(outputs), STOP)
    support = [a for a, _ in pairs]
    recall = [b for _, b in pairs]
    assert recall[3] < 0.6 < min(recall[:3])  # the dropped sentence's school, library, mayor...
    assert support[4] < support[0]  # GOOD[0] with "close" and "museum", which nobody else says
    assert content_agreement(GOOD[:1], [1.0], STOP) == [(1.0, 1.0)]
