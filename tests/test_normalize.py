import pytest

from pipeline.lang.normalize import (
    clitic_variants,
    normalize,
    normalize_light,
    proclitic_length,
    strip_controls,
    strip_proclitics,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﻻ", "لا"),  # presentation form (lam-alef ligature)
        ("ﷲ", "الله"),
        ("مـــصـــر", "مصر"),  # tatweel
        ("مُحَمَّدٌ", "محمد"),  # diacritics
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef variants
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("المدرسة", "المدرسه"),  # ta marbuta
        ("٢٠٢٢ ۱۴۴۳", "2022 1443"),  # Arabic-Indic and Persian digits
        ("١٫٥", "1.5"),  # Arabic decimal separator
        ("نعم، لا؛ لماذا؟ ٪", "نعم, لا; لماذا? %"),  # Arabic punctuation
        ("مصر\u200f\u200b\u202b\u2067\u061c", "مصر"),  # bidi and zero-width controls
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_light_keeps_letters_but_cleans():
    assert normalize_light("القاهـــرةُ") == "القاهرة"
    assert normalize_light("أحمد") == "أحمد"  # hamza kept for display
    assert strip_controls("a\u200eb\u2066c") == "abc"


def test_clitic_variants():
    assert clitic_variants("والمنظمه") == ["والمنظمه", "المنظمه", "منظمه"]
    assert clitic_variants("للمنظمه") == ["للمنظمه", "المنظمه", "منظمه"]
    assert "القاهره" in clitic_variants("بالقاهره")
    assert clitic_variants("وبابريل") == ["وبابريل", "بابريل", "ابريل"]
    assert clitic_variants("وابريل") == ["وابريل", "ابريل"]
    assert clitic_variants("وزير") == ["وزير", "زير"]  # every reading; the lexicon decides which is a word


@pytest.mark.parametrize(
    ("word", "stripped", "n"),
    [
        ("والمنظمة", "المنظمة", 1),
        ("للمنظمة", "المنظمة", 1),
        ("بالقاهرة", "القاهرة", 1),
        ("وللمنظمة", "المنظمة", 2),
        ("القاهرة", "القاهرة", 0),
        ("وزير", "وزير", 0),  # an initial waw that is part of the word
        ("ليبيا", "ليبيا", 0),
    ],
)
def test_strip_proclitics(word, stripped, n):
    assert strip_proclitics(word) == stripped
    assert proclitic_length(word) == n


def test_clitics_on_words_with_diacritics():
    word = "وَالْمُنَظَّمَة"
    assert word[proclitic_length(word):].startswith("ال")
    assert strip_proclitics("بالقاهرة", keep_article=False) == "قاهرة"
