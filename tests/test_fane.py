"""WikiFANE / NewsFANE reader (pipeline/training/fane.py): re-attachment of clitic-segmented
tokens, class mapping, ANERcorp harmonization. The FANE-format strings are written for these tests."""

from __future__ import annotations

import pytest

from pipeline.training import fane as F

LRM = "\u200e"


def fane_text(sents: list[list[tuple[str, str]]]) -> str:
    """Sentences in the FANE file format: BOM, CRLF, U+200E before tokens, a tab-only separator."""
    lines = []
    for s in sents:
        lines += [f"{LRM}{tok}\t{tag}" for tok, tag in s]
        lines.append("\t")
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def words_tags(pairs):
    toks, tags = zip(*pairs, strict=True)
    return F.reattach(list(toks), list(tags))


def test_parse_format():
    text = fane_text([[("زار", "O"), ("سالم", "B-Athlete")], [("عاد", "O"), (".", "O")]])
    assert F.parse_fane(text) == [(["زار", "سالم"], ["O", "B-Athlete"]), (["عاد", "."], ["O", "O"])]


def test_proclitics_and_suffixes():
    words, tags = words_tags([("و", "O"), ("زار", "O"), ("ماجد", "B-Politician"), ("الحربي", "I-Politician"),
                              ("ل", "O"), ("الطائف", "B-Population-Center"), ("مع", "O"), ("وفد", "O"),
                              ("ه", "O"), (".", "O")])
    assert words == ["وزار", "ماجد", "الحربي", "للطائف", "مع", "وفده", "."]
    assert tags == ["O", "B-Politician", "I-Politician", "B-Population-Center", "O", "O", "O"]


def test_proclitic_chain_and_article():
    assert words_tags([("و", "O"), ("ل", "O"), ("المدينة", "O")])[0] == ["وللمدينة"]
    assert words_tags([("ف", "O"), ("ب", "O"), ("ها", "O")])[0] == ["فبها"]


def test_stem_spelling_before_suffix():
    assert words_tags([("مدرسة", "O"), ("ها", "O")])[0] == ["مدرستها"]
    assert words_tags([("على", "O"), ("ه", "O")])[0] == ["عليه"]
    assert words_tags([("مستوى", "O"), ("هم", "O")])[0] == ["مستواهم"]


def test_kaf_and_km():
    assert words_tags([("قرار", "O"), ("ك", "O"), ("؟", "O")])[0] == ["قرارك", "؟"]
    assert words_tags([("ك", "O"), ("ما", "O"), ("قال", "O")])[0] == ["كما", "قال"]
    assert words_tags([("مسافة", "O"), ("40", "O"), ("كم", "O")])[0] == ["مسافة", "40", "كم"]
    assert words_tags([("نشكر", "O"), ("كم", "O")])[0] == ["نشكركم"]


def test_tag_of_glued_word_comes_from_stem_with_its_b():
    words, tags = words_tags([("و", "B-Sports"), ("نادي", "I-Sports"), ("الوحدة", "I-Sports")])
    assert words == ["ونادي", "الوحدة"] and tags == ["B-Sports", "I-Sports"]
    # the conjunction inside a name is glued to the next word, the name stays one entity
    words, tags = words_tags([("جامعة", "B-Educational"), ("العلوم", "I-Educational"), ("و", "I-Educational"),
                              ("التقنية", "I-Educational"), ("و", "O"), ("غير", "O"), ("ها", "O")])
    assert words == ["جامعة", "العلوم", "والتقنية", "وغيرها"]
    assert tags == ["B-Educational", "I-Educational", "I-Educational", "O"]


def test_class_mapping():
    text = fane_text([[("شارك", "O"), ("الليبيون", "B-Group"), ("في", "O"), ("مطار", "B-Airport"),
                       ("بنغازي", "I-Airport"), ("و", "O"), ("قرات", "O"), ("رواية", "O"),
                       ("الفجر", "B-Book"), ("و", "O"), ("هيئة", "B-Government"), ("البيئة", "I-Government"),
                       ("و", "O"), ("القمر", "B-Celestial"), ("و", "O"), ("حسن", "B-Police")]])
    [(words, tags)] = F.fane_sentences(F.parse_fane(text))
    assert list(zip(words, tags, strict=True)) == [
        ("شارك", "O"), ("الليبيون", "O"), ("في", "O"), ("مطار", "B-LOC"), ("بنغازي", "I-LOC"),
        ("وقرات", "O"), ("رواية", "O"), ("الفجر", "B-MISC"), ("وهيئة", "B-ORG"),
        ("البيئة", "I-ORG"), ("والقمر", "O"), ("وحسن", "B-PER")]
    with pytest.raises(ValueError):
        F.map_tag("B-Spaceship")


def test_every_class_is_mapped_once():
    classes = F.PER_CLASSES + F.ORG_CLASSES + F.LOC_CLASSES + F.MISC_CLASSES + F.O_CLASSES
    assert len(classes) == len(set(classes)) == len(F.CLASS_MAP)


def test_harmonize_newsfane_wins_and_rule_elsewhere():
    aner = [(["أعلنت", "وزارة", "الخارجية", "أمس", "(", "وكالات)"], ["O"] * 6),
            (["وقال", "مجلس", "الأمن", "الدولي", "الذي", "اجتمع", "في", "جنيف"],
             ["O", "O", "O", "O", "O", "O", "O", "B-LOC"])]
    news = [(["اعلنت", "وزارة", "الخارجية", "امس", "(", "وكالات", ")"],
             ["O", "B-ORG", "I-ORG", "O", "O", "O", "O"])]
    out, used, stats = F.harmonize_anercorp(aner, news)
    assert used == [0] and stats["matched"] == 1 and stats["rule_entities_added"] == 1
    assert out[0] == (aner[0][0], ["O", "B-ORG", "I-ORG", "O", "O", "O"])  # ANERcorp's spelling kept
    assert out[1][1] == ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-LOC"]


def test_rule_leaves_generic_and_tagged_words():
    words = ["ناقش", "مجلس", "الإدارة", "ثم", "وزارة", "التعليم", "بالرياض"]
    tags, added = F.relabel_org_chains(words, ["O"] * 7)
    assert added == 1 and tags == ["O", "O", "O", "O", "B-ORG", "I-ORG", "O"]


def test_wikifane_split_is_deterministic():
    sents = [([str(i)], ["O"]) for i in range(2000)]
    train, held = F.split_wikifane(sents)
    assert len(held) == 200 and held[0][0] == ["900"] and held[100][0] == ["1900"]
    assert len(train) + len(held) == 2000


def test_shared_files(shared):
    fane = shared / "data" / "fane"
    if not (fane / F.NEWSFANE).exists():
        pytest.skip(f"FANE files absent in {fane}")
    news = F.read_fane(fane / F.NEWSFANE)
    wiki = F.read_fane(fane / F.WIKIFANE)  # raises on an unmapped class
    assert len(news) == 4045 and len(wiki) == 15728
    for words, tags in news[:200] + wiki[:200]:
        assert len(words) == len(tags) and all("\u200e" not in w for w in words)
        assert not any(t.startswith("I-") and (i == 0 or tags[i - 1][2:] != t[2:]) for i, t in enumerate(tags))
    aner = F.read_conll_plain(shared / "data" / "anercorp" / "train.txt")
    _, used, stats = F.harmonize_anercorp(aner, news)
    assert stats["matched"] > 3000 and len(used) > 3000


def test_news_conventions_extend_loc_heads_and_drop_generic_orgs():
    from pipeline.training import fane as F

    words = "قال أمير بمنطقة جازان إن الحكومة السودانية و المنطقة الشرقية و منطقة آمنة".split()
    tags = ["O", "O", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O", "O", "O"]
    (_, out), = F.news_conventions([(words, tags)])[0]
    assert out[2:4] == ["B-LOC", "I-LOC"]  # بمنطقة جازان
    assert out[5:7] == ["O", "O"]  # الحكومة السودانية: generic (docs/conventions.md)
    assert out[8:10] == ["B-LOC", "I-LOC"]  # المنطقة الشرقية
    assert out[11:] == ["O", "O"]  # no LOC after it: منطقة stays O
    _, stats = F.news_conventions([(words, tags)])
    assert stats["loc_extended"] == 2 and stats["generic_org_dropped"] == 1
