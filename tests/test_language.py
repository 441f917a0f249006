import pytest

from pipeline.lang.nlp import make_nlp


@pytest.fixture(scope="module")
def blank():
    return make_nlp()


def words(nlp, text):
    return [t.text for t in nlp(text)]


def test_period_after_number_is_split_and_ends_sentence(blank):
    doc = blank("عقد المؤتمر في مايو 2022. وحضره الوزير.")
    assert "2022" in [t.text for t in doc]
    assert [s.text for s in doc.sents] == ["عقد المؤتمر في مايو 2022.", "وحضره الوزير."]


def test_abbreviations_stay_attached(blank):
    toks = words(blank, "قال د. أحمد و أ. سارة")
    assert "د." in toks and "أ." in toks
    doc = blank("قال د. أحمد إن الخطة جاهزة.")
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize("mark", ["«", "»", '"', "“", "”", "،", "؛", "؟", "(", ")"])
def test_punctuation_is_split(blank, mark):
    text = f"قال{mark}الوزير"
    assert mark in words(blank, text)


def test_quote_after_colon_and_closing_quote_stays_with_sentence(blank):
    doc = blank("وقال:«نحن هنا.» ثم غادر.")
    assert words(blank, "وقال:«نحن")[:4] == ["وقال", ":", "«", "نحن"]
    assert [s.text for s in doc.sents] == ["وقال:«نحن هنا.»", "ثم غادر."]


def test_numbers_keep_their_separators(blank):
    toks = words(blank, "بلغ 1,000 و10:30 في 20/6/2022 و١٢٫٥")
    assert "1,000" in toks and "20/6/2022" in toks and "10:30" in toks and "١٢٫٥" in toks


def test_paired_months_and_waw_before_digits(blank):
    assert words(blank, "حزيران/يونيو") == ["حزيران", "/", "يونيو"]
    assert words(blank, "بين عامي 2010 و2015")[-2:] == ["و", "2015"]


def test_a_dash_glued_to_a_word_is_its_own_token(blank):
    # bylines: "كاتب- الصحيفة- المدينة:"; a dash between digits or a negative number is left alone
    assert words(blank, "سالم الحربي- الجريدة- تبوك:") == ["سالم", "الحربي", "-", "الجريدة", "-", "تبوك", ":"]
    assert words(blank, "نقلا عن -الوكالة") == ["نقلا", "عن", "-", "الوكالة"]
    assert words(blank, "فاز 3-2 وبلغت -5 درجات") == ["فاز", "3", "-", "2", "وبلغت", "-5", "درجات"]
    assert words(blank, "الكاتب–الصحيفة")[-1] == "الصحيفة"
    assert words(blank, "بلغت -١٢ درجة")[1] == "-١٢"  # Arabic-Indic digits are no letters


def test_paragraphs_and_question_marks_split_sentences(blank):
    doc = blank("هل انتهت الأزمة؟ لا!\n\nفقرة جديدة بلا نقطة\nسطر آخر")
    assert [s.text.strip() for s in doc.sents] == ["هل انتهت الأزمة؟", "لا!", "فقرة جديدة بلا نقطة", "سطر آخر"]


def test_missing_space_after_full_stop_and_latin_urls(blank):
    assert words(blank, "الوزير.وقال") == ["الوزير", ".", "وقال"]
    assert "www.spa.gov.sa" in words(blank, "موقع www.spa.gov.sa الرسمي")


def test_norms_serve_matching_and_offsets_stay_exact(blank):
    text = "أعلنت الوزارةُ ﻻ ٢٠٢٢ \u200fمصر"
    doc = blank(text)
    assert [t.norm_ for t in doc if not t.is_space] == ["اعلنت", "الوزاره", "لا", "2022", "مصر"]
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text


def test_direction_marks_are_blank_tokens_of_their_own(blank):
    text = "فتح \u200fصفحة جديدة بنسبة ١٠٠٪\u061c."
    doc = blank(text)
    words = [t.text for t in doc if not t.is_space]
    assert words == ["فتح", "صفحة", "جديدة", "بنسبة", "١٠٠", "٪", "."]
    marks = [t for t in doc if t.text in ("\u200f", "\u061c")]
    assert len(marks) == 2 and all(t.is_space and t.norm_ == "" for t in marks)
    assert "".join(t.text_with_ws for t in doc) == text


def test_every_token_norm_is_the_project_normalization_tokenizer_exceptions_included(tok):
    from pipeline.lang.normalize import normalize

    doc = tok("قال أنا وغيرهم إلخ، ثم ق.م و صلعم د. أحمد\xa0اليوم")
    assert {t.text: t.norm_ for t in doc}["إلخ"] == "الخ"  # spaCy's exception said "إلى آخره"
    assert {t.text: t.norm_ for t in doc}["أنا"] == "انا"  # not "أنبأنا"
    assert all(t.norm_ == normalize(t.text) for t in doc)
