"""NER in the news conventions (issue 16, docs/conventions.md, Entities): name heads and their
genitive chains, the head rules after the model, ل before a non-article word in canonical names,
and the shipped model on the issue's sentences."""

from __future__ import annotations

import pytest

from pipeline import ner
from pipeline.lang.normalize import normalize


def _norms(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


def test_name_heads_resource():
    heads = ner.name_heads()
    assert heads[normalize("وزارة")] == "ORG" and heads[normalize("محافظة")] == "LOC"
    assert set(heads.values()) == {"ORG", "LOC"}
    assert ner.head_kind(normalize("ولوزارة")) == "ORG" and ner.head_kind(normalize("بمنطقة")) == "LOC"
    assert ner.head_kind(normalize("الصحة")) is None


def test_head_chains_follow_the_genitive_chain():
    words = "قالت وزارة الشؤون البلدية والقروية إن شركة أرامكو السعودية في منطقة جازان".split()
    chains = dict(zip(words, ner.head_chains(_norms(" ".join(words))), strict=True))
    assert chains["الشؤون"] == "chain=ORG:1" and chains["البلدية"] == "chain=ORG:2"
    assert chains["والقروية"] == "chain=ORG:3"
    assert chains["أرامكو"] == "chain=ORG:1" and chains["السعودية"] == "chain=ORG:2"
    assert chains["جازان"] == "chain=LOC:1"
    assert chains["إن"] is None and chains["في"] is None  # the chain stops at a function word


def test_head_rules():
    norms = _norms("قال نادي الوحدة إن بمنطقة جازان و وزارة التجارة و مجلس الإدارة و صحيفة « التايمز »")
    spans = [(2, 3, "ORG"), (5, 6, "LOC"), (14, 16, "ORG")]  # الوحدة, جازان, « التايمز
    out = ner.apply_head_rules(spans, norms, level=1)
    assert (1, 3, "ORG") in out  # نادي الوحدة
    assert (4, 6, "LOC") in out  # بمنطقة جازان
    assert (13, 17, "ORG") in out  # صحيفة « التايمز »
    assert (7, 9, "ORG") not in out  # level 1 adds no chain
    out = ner.apply_head_rules(spans, norms, level=2)
    assert (7, 9, "ORG") in out  # وزارة التجارة: an untagged head and its chain
    assert not any(s[0] == 10 for s in out)  # مجلس الإدارة is generic
    # a LOC head does not swallow a person, an ORG head turns the place after it into the body
    assert ner.apply_head_rules([(1, 2, "LOC")], _norms("جامعة القصيم"), 1) == [(0, 2, "ORG")]
    assert ner.apply_head_rules([(1, 3, "PER")], _norms("منطقة خالد الفيصل"), 1) == [(1, 3, "PER")]


@pytest.mark.parametrize("words, expected", [
    (["لوكالة", "الأنباء", "الوطنية"], "وكالة الأنباء الوطنية"),
    (["لجماعة", "الحوثي"], "جماعة الحوثي"),
    (["ليلى", "علوي"], "ليلى علوي"),  # "يلي" is no noun: the ل stays
    (["لبنان"], "لبنان"),
])
def test_canonical_strips_lam_before_a_non_article_word(words, expected):
    counts = {"لوكاله": 516, "وكاله": 759, "الوكاله": 900, "ليلي": 300, "يلي": 1000, "لبنان": 1400,
              "بنان": 3, "لجماعه": 81, "جماعه": 715}
    assert ner.canonical_name(words, counts) == expected
