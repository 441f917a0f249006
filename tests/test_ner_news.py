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


def test_training_is_byte_reproducible(tmp_path):
    """The same sentences, lexicon and CRF settings give byte-identical model files (the shipped
    model's full retraining check is in benchmarks/results/ner.md)."""
    from pipeline.training.ner import features, train_crf

    sents = [("قالت وزارة الصحة إن قوات الأمن في منطقة جازان".split(),
              ["O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "O", "B-LOC", "I-LOC"]),
             ("أعلن نادي الهلال عن مدربه الجديد خالد الفالح".split(),
              ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-PER", "I-PER"])] * 5
    lex = ner.Lexicon(gazetteer={(normalize("جازان"),): "LOC"}, options={"heads": True})
    cfg = {"c1": 0.01, "c2": 0.05, "max_iterations": 20}
    digests = []
    for k in (1, 2):
        d = tmp_path / f"m{k}"
        d.mkdir()
        lex.to_disk(d)
        train_crf(features(lex, sents), [t for _, t in sents], cfg, d / "model.crfsuite")
        digests.append([(d / f).read_bytes() for f in ("model.crfsuite", "lexicon.tsv", "gazetteer.tsv", "features.json")])
    assert digests[0] == digests[1]


def test_head_rules_split_an_org_before_a_region():
    norms = _norms("للمنظمة الدولية للهجرة لمنطقة الشرق الأوسط")
    assert ner.apply_head_rules([(0, 6, "ORG")], norms, 1) == [(0, 3, "ORG"), (3, 6, "LOC")]


def test_head_rules_org_chain_goes_on_after_wa():
    norms = _norms("مركز دراسات الهجرة واللاجئين بالجامعة الأمريكية بالقاهرة")
    assert ner.apply_head_rules([(0, 3, "ORG"), (4, 7, "ORG")], norms, 1) == [(0, 4, "ORG"), (4, 7, "ORG")]
    norms = _norms("المنظمة الدولية للهجرة والحكومة المصرية")
    assert ner.apply_head_rules([(0, 3, "ORG")], norms, 1) == [(0, 3, "ORG")]
