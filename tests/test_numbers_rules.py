"""Numbers: compounds over a bigger scale, fractions where no cardinal can stand, definite number
words, relative ordinals, bound phrases that combine, identifiers written with periods.

All sentences are written for these tests.
"""

from __future__ import annotations

import math

import pytest

from pipeline.numbers import find_numbers


def _spans(tok, text):
    doc = tok(text)
    spans = find_numbers(doc)
    for sp in spans:
        assert text[sp.start_char:sp.end_char] == sp.text
    return [(sp.text, sp._.value, sp._.value_max, sp._.kind, sp._.unit, sp._.modifier) for sp in spans]


def _only(tok, text):
    got = _spans(tok, text)
    assert len(got) == 1, got
    return got[0]


# --- the reader -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,span,value", [
    ("رصدت الحكومة ثلاثة آلاف وخمسمائة مليون دولار للمشروع", "ثلاثة آلاف وخمسمائة مليون", 3.5e9),
    ("بلغت الخسائر ألفا ومائتي مليون ريال", "ألفا ومائتي مليون", 2.2e9),
    ("صرفت الوزارة 3 آلاف و500 مليون جنيه", "3 آلاف و500 مليون", 3.5e9),
    ("يعيش في المدينة مليون وخمسمائة ألف نسمة", "مليون وخمسمائة ألف", 1.5e6),
])
def test_a_bigger_scale_counts_the_whole_number_before_it(tok, text, span, value):
    got = [g for g in _spans(tok, text) if g[0] == span]
    assert got and math.isclose(got[0][1], value), _spans(tok, text)


def test_an_ambiguous_word_is_a_fraction_where_no_cardinal_can_stand(tok):
    # خمس after a unit joined by و: a unit cannot follow a unit, so it is a fifth
    assert _only(tok, "قطع العداء ثلاث وخمس دورات")[:2] == ("ثلاث وخمس", 3.2)
    # خمسين after a ten: a ten cannot follow a ten, so it is two fifths
    got = _only(tok, "دفعت مئة وثلاثون وخمسين دينارا")
    assert got[0] == "مئة وثلاثون وخمسين" and math.isclose(got[1], 130.4)
    # where a cardinal can stand, it is one
    assert _only(tok, "انتظرنا مئة وخمسين دقيقة")[:2] == ("مئة وخمسين", 150.0)
    assert _only(tok, "وصل خمسة وعشرون لاعبا")[:2] == ("خمسة وعشرون", 25.0)
    # before a hundred word خمس is the unit of the hundreds: ألف خمس مائة = 1500
    assert _only(tok, "بلغ العدد ألف خمس مائة زائر")[:2] == ("ألف خمس مائة", 1500.0)


def test_range_between_two_units_keeps_both_bounds(tok):
    assert _only(tok, "يستغرق البناء بين ثلاث وخمس سنوات")[:4] == ("بين ثلاث وخمس", 3.0, 5.0, "range")


def test_a_fraction_of_a_definite_number(tok):
    assert _only(tok, "حصل الفريق على خمس العشرين نقطة")[:2] == ("خمس العشرين", 4.0)
    assert _only(tok, "تبرع بربع المليون")[:2] == ("بربع المليون", 250000.0)
    # a name, not a quantity
    assert _spans(tok, "تأهل الفريق إلى ربع النهائي") == []


def test_exponent_with_a_run_of_signs(tok):
    got = _only(tok, "-1.1^--23")
    assert math.isclose(got[1], -(1.1 ** 23))


# --- definite number words ------------------------------------------------------------------------


def test_definite_hundred_or_scale_alone_is_a_cardinal(tok):
    assert _only(tok, "ارتفع عدد المشاركين إلى المائة")[:4] == ("المائة", 100.0, None, "cardinal")
    # after a definite noun it is an ordinal, and "في المائة" is a percent word
    assert _only(tok, "احتفلت المدرسة بالذكرى المئة")[3] == "ordinal"
    assert _only(tok, "المائة والخامس والعشرون")[:4] == ("المائة والخامس والعشرون", 125.0, None, "ordinal")


def test_definite_number_after_a_bound_is_a_quantity(tok):
    assert _only(tok, "يسمح بالدخول لمن هم فوق الستين")[:4] == ("الستين", 60.0, None, "cardinal")
    got = _only(tok, "صوت أكثر من النصف لصالح القرار")
    assert (got[0], got[1], got[5]) == ("النصف", 0.5, "more_than")
    assert _only(tok, "نسبة المشاركة فوق الربع وتحت النصف")[:4] == ("فوق الربع وتحت النصف", 0.25, 0.5, "range")


# --- modifiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,value,modifier", [
    ("عمر المتقدم لا أقل من ثلاثين عاما", 30.0, "at_least"),
    ("المبلغ يساوي 200 دولار", 200.0, "equal"),
    ("يقبل الفريق 12 لاعبا أو يساوي", 12.0, None),  # "أو يساوي" alone gives no bound
    ("تبرع أقل من 5000 شخص أو يساوي", 5000.0, "at_most"),
    ("يساوي 5000 شخص أو أقل", 5000.0, "at_most"),
    ("حضر حوالي 500 شخص أو أقل", 500.0, "at_most"),
    ("باع خمس مائة وأكثر", 500.0, "at_least"),
])
def test_bound_phrases(tok, text, value, modifier):
    got = _only(tok, text)
    assert got[1] == value and got[5] == modifier, got


def test_a_bound_phrase_followed_by_a_number_belongs_to_that_number(tok):
    got = _spans(tok, "يساوي 5000 أو أقل من 6000")
    assert [(g[1], g[5]) for g in got] == [(5000.0, "equal"), (6000.0, "less_than")]


def test_two_negated_bounds_make_a_range(tok):
    assert _only(tok, "يكون العدد لا أكثر من ٥٠ ولا أقل من ٢٠")[:4] == (
        "لا أكثر من ٥٠ ولا أقل من ٢٠", 20.0, 50.0, "range")


def test_operator_pairs_are_not_bounds(tok):
    assert _only(tok, "الشرط <>30")[5] is None
    assert _only(tok, "الشرط >30")[5] == "more_than"


# --- ranges, identifiers, percent ------------------------------------------------------------------


def test_range_opener_after_an_identifier_word(tok):
    assert _only(tok, "جاءت النتيجة بين سالب عشرة وخمسة عشر")[1:4] == (-10.0, 15.0, "range")
    assert _only(tok, "الرقم بين ٢٠ و٣٠")[:4] == ("بين ٢٠ و٣٠", 20.0, 30.0, "range")
    assert _spans(tok, "اتصل على الرقم 0123") == []


def test_dotted_digit_groups_are_an_identifier(tok):
    assert _spans(tok, "عنوان الخادم ١٩٢.١٦٨.١.٢ في الشبكة") == []


def test_percent_with_a_bidi_mark_after_an_identifier_word(tok):
    got = _only(tok, "شحن الجوال ١٠٠٪\u061c.")
    assert got[1:4] == (100.0, None, "percent")


# --- relative ordinals ----------------------------------------------------------------------------


@pytest.mark.parametrize("text,span,kind,value", [
    ("قرأت الفصل الأخير من الرواية", "الأخير", "ordinal_from_end", 1.0),
    ("فاز العداء في الجولة قبل الأخيرة", "قبل الأخيرة", "ordinal_from_end", 2.0),
    ("تأهل في المباراة التي سبقت الأخيرة", "سبقت الأخيرة", "ordinal_from_end", 2.0),
    ("خسر الفريق في آخر مباراة", "آخر", "ordinal_from_end", 1.0),
    ("سجل هدفين في آخر 3 مباريات", "آخر", "ordinal_from_end", 1.0),
    ("انتقل إلى الصفحة التالية", "التالية", "ordinal_relative", 1.0),
    ("في المرحلة التالية", "التالية", "ordinal_relative", 1.0),
    ("تراجع المؤشر عن مستواه في الجلسة السابقة", "السابقة", "ordinal_relative", -1.0),
    ("حل الفريق في المركز قبل الأخير", "قبل الأخير", "ordinal_from_end", 2.0),
    ("انتهت الجولة الثالثة والأخيرة من المفاوضات", "والأخيرة", "ordinal_from_end", 1.0),
    ("اقرأ الكتب الثلاثة التالية", "التالية", "ordinal_relative", 1.0),
    ("يعرض المسلسل في الحلقات القادمة مفاجآت", "القادمة", "ordinal_relative", 1.0),
    ("اكتب الرقم الأخير", "الأخير", "ordinal_from_end", 1.0),
    ("أرني السابق", "السابق", "ordinal_relative", -1.0),
    ('هل قصدت ما قبل الأخير أم تعني "التالي"؟', "التالي", "ordinal_relative", 1.0),
])
def test_relative_ordinals(tok, text, span, kind, value):
    got = [g for g in _spans(tok, text) if g[0] == span]
    assert got and got[0][3] == kind and got[0][1] == value, _spans(tok, text)


@pytest.mark.parametrize("text", [
    "قال مصدر عسكري آخر إن القوات تقدمت",  # آخَر "another" after its noun
    "وبالتالي ارتفعت الأسعار",  # بالتالي = consequently
    "التقى الطرف الآخر",  # الآخر = the other
    # not positions in a sequence: a former office holder, the latter, a time, "as follows", recency
    "قال الرئيس السابق إن الاتفاق صامد",
    "استقبل الوزير السابق للمالية الوفد",
    "أكد نائب رئيس الاتحاد السابق أنه بريء",
    "وقال الأخير إنه سيعود",
    "ناقش المجلس الوضع الحالي",
    "سيبدأ المشروع في الوقت الحالي",
    "تحسنت الأرقام خلال الفترة الأخيرة",
    "جاءت النتائج على النحو التالي",
    "كان الوضع أفضل في السابق",
    "وصل المسافرون القادمون من جدة",
    "خلال زيارته الأخيرة للرياض",
    'رحب "المقبل" بالقرار',
    "وصل القطار في آخر لحظة",
    "تأهل النادي في الموسم الحالي",
])
def test_not_relative_ordinals(tok, text):
    assert [g for g in _spans(tok, text) if g[3].startswith("ordinal")] == []


def test_hyphen_range_of_thousands_is_not_a_score(tok):
    assert _only(tok, "يتراوح السعر 1000 - 5000")[1:4] == (1000.0, 5000.0, "range")
    assert [g[1] for g in _spans(tok, "فاز الفريق 2 - 1")] == [2.0, 1.0]


def test_tilde_range_in_one_token(tok):
    assert _only(tok, "الطول ٢٠~١٠٠")[:4] == ("٢٠~١٠٠", 20.0, 100.0, "range")


def test_range_after_a_conjunction(tok):
    assert _only(tok, "ومن 200 إلى 300 طالب")[:4] == ("ومن 200 إلى 300", 200.0, 300.0, "range")


def test_relative_ordinal_after_an_identifier_word(tok):
    assert _only(tok, "ناقش المجلس البند التالي")[3] == "ordinal_relative"


def test_former_president_gives_no_number(tok):
    assert _spans(tok, "قال الرئيس السابق") == []
    assert _only(tok, "في المرحلة التالية")[:4] == ("التالية", 1.0, None, "ordinal_relative")


def test_definite_compound_after_a_bound(tok):
    got = _only(tok, "صودرت مبالغ تزيد على الخمسة والعشرين ألف ريال")
    assert got[:2] == ("الخمسة والعشرين ألف", 25000.0) and got[3:] == ("money", "SAR", "more_than")
    assert _only(tok, "بلغ عدد الزوار المليون ومائتين وثمانين ألف زائر")[1] == 1_280_000.0


def test_definite_scale_after_a_fraction_word_is_not_a_million(tok):
    # "... نسمة ونصف المليون": the half belongs to the number before the noun; never read 1,000,000
    assert [g[1] for g in _spans(tok, "ونصف المليون تقريبا")] == []


def test_approx_after_a_percent_before_min(tok):
    assert _only(tok, "تغطي 90 في المائة تقريبا من التجارة")[5] == "approx"


def test_below_zero(tok):
    assert _only(tok, "انخفضت الحرارة إلى ما دون الصفر")[1:] == (0.0, None, "cardinal", None, "less_than")


# --- Saudi news (issue 18): one corpus of positive and negative examples per family ---------------
@pytest.mark.parametrize("text,span,value,unit", [
    ("بلغت قيمة العقد (150) ألف ريال.", "(150) ألف", 150000, "SAR"),
    ("رصدت الوزارة «12» مليوناً للمشروع.", "«12» مليوناً", 12000000, None),
    ('خصصت البلدية "40" ألف ريال للحديقة.', '"40" ألف', 40000, "SAR"),
])
def test_digits_in_brackets_before_a_scale_are_one_number(tok, text, span, value, unit):
    got = _only(tok, text)
    assert (got[0], got[1], got[4]) == (span, value, unit)


def test_brackets_without_a_scale_stay_apart(tok):
    assert [g[:2] for g in _spans(tok, "شارك (15) لاعبا في المعسكر.")] == [("15", 15)]


@pytest.mark.parametrize("text,value", [
    ("بلغ عدد الضحايا ألفاً .", 1000),          # the accusative singular, with its tanween
    ("صدت الشرطة ألفا من المحاولات.", 1000),    # alone before من: one thousand
    ("بلغ عدد الزوار عشرين ألفا.", 20000),      # after a number: the scale
    ("وصلت قيمة الصفقة إلى مليونا دولار.", 2000000),  # the dual construct before its noun
])
def test_accusative_scale_words(tok, text, value):
    assert _only(tok, text)[1] == value


@pytest.mark.parametrize("text,span,value", [
    ("ارتفعت الحرارة بمقدار 88ر0 درجة.", "88ر0", 0.88),   # the old decimal sign ر, digits reversed
    ("بلغ المتوسط 5ر15 درجة مئوية.", "5ر15", 15.5),
])
def test_old_decimal_sign(tok, text, span, value):
    assert _only(tok, text)[:2] == (span, value)


def test_definite_count_after_its_noun(tok):
    assert _only(tok, "تحدث عن الأسباب الخمسة للظاهرة.")[:2] == ("الخمسة", 5)
    assert _spans(tok, "وصل الوفد يوم الاثنين.") == []  # الاثنين is a weekday, no count


def test_fixed_names_hold_no_ordinal(tok):
    assert _spans(tok, "غادرت بعثة الفريق الأول إلى الرياض.") == []
    assert _only(tok, "فاز في الجولة الثانية.")[1] == 2


@pytest.mark.parametrize("text,span,value", [
    ("ارتفع المؤشر بنسبة 7.5 % أمس.", "7.5 %", 7.5),
    ("ارتفع المؤشر إلى 3.31% في الجلسة.", "3.31%", 3.31),
    ("بنسبة 4ر95 بالمئة تقريبا.", "4ر95 بالمئة", 95.4),
])
def test_decimal_percentages_are_not_dates(text, span, value):
    import pipeline

    tables = pipeline.extract(text, published="2015-08-09")
    assert tables["dates"] == [] or all("." not in d["text"] for d in tables["dates"])
    assert [(r["text"], r["value"], r["kind"]) for r in tables["numbers"]] == [(span, value, "percent")]
