"""Dates stage: readings adopted from the Recognizers-Text specs and the limits kept on them.

All sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.dates import find_dates

PUB = date(2022, 6, 20)  # a Monday


def spans(tok, text, published=PUB):
    doc = tok(text)
    doc._.published = published
    out = []
    for s in find_dates(doc):
        assert text[s.start_char:s.end_char] == s.text
        out.append(s)
    return out


def one(tok, text, published=PUB):
    got = spans(tok, text, published)
    assert len(got) == 1, [(s.text, s._.value) for s in got]
    return got[0]


# ------------------------------------------------------------------ numeric dates
def test_two_digit_fields_take_the_reading_nearer_the_publication_date(tok):
    # dd/mm/yy (2021-04-16) or yy/mm/dd (2016-04-21): an article of November 2016 means the latter
    assert one(tok, "سيعود الوفد 16/04/21 إلى العاصمة.", published=date(2016, 11, 7))._.value == "2016-04-21"
    # in 2021 the same digits are dd/mm/yy
    assert one(tok, "عاد الوفد 16/04/21 إلى العاصمة.", published=date(2021, 5, 1))._.value == "2021-04-16"
    # no publication date: dd/mm/yy, the Arabic order
    assert one(tok, "عاد الوفد 16/04/21 إلى العاصمة.", published=None)._.value == "2021-04-16"
    # a four-digit year leaves no choice
    assert one(tok, "عاد الوفد 16/04/2021 إلى العاصمة.", published=date(2016, 11, 7))._.value == "2021-04-16"


def test_day_dash_month_written_together(tok):
    s = one(tok, "سيصل الوزير 22-4 إلى بيروت.")
    assert (s.text, s._.value) == ("22-4", "2022-04-22")
    assert spans(tok, "فاز الفريق 21-0 على منافسه.") == []  # a score: no month 0
    assert spans(tok, "انتهت المباراة 25 - 10 لصالح الضيوف.") == []  # spaced: not one written date
    assert spans(tok, "فاز الفريق 3-1 على منافسه.") == []  # both fields could be a month: a score


# ------------------------------------------------------------------ "a few": 3, marked approximate
def test_a_few_units_count_as_three_and_are_marked_approximate(tok):
    s = one(tok, "التقى الوزير نظيره قبل بضعة أيام في عمان.")
    assert (s.text, s._.value, s._.modifier) == ("قبل بضعة أيام", "2022-06-17", "approx")
    s = one(tok, "أرسل الطلب قبل بضعة أشهر.")
    assert (s._.value, s._.modifier) == ("2022-03-20", "approx")
    s = one(tok, "تراجعت الأسعار خلال الأيام القليلة الماضية.")
    assert s._.value == "2022-06-17/2022-06-20" and s._.modifier == "approx"
    s = one(tok, "بقي الوفد في الرياض بضعة أيام.")
    assert (s._.value, s._.kind, s._.modifier) == ("P3D", "duration", "approx")


def test_exact_amounts_are_not_marked(tok):
    s = one(tok, "التقى الوزير نظيره قبل ثلاثة أيام في عمان.")
    assert (s._.value, s._.modifier) == ("2022-06-17", None)
    assert spans(tok, "زادت الصادرات في الأيام الماضية.") == []  # no amount at all: vague, not a date


def test_a_few_without_publication_date_has_no_value(tok):
    s = one(tok, "التقى الوزير نظيره قبل بضعة أيام.", published=None)
    assert s._.value is None and s._.modifier is None


# ------------------------------------------------------------------ holidays (holidays.tsv)
@pytest.mark.parametrize("text,span,value", [
    ("احتفل المسيحيون بعيد الفصح 2022 في القدس.", "بعيد الفصح 2022", "2022-04-17"),  # Western; the proclitic stays in the span
    ("خرج المصريون إلى الحدائق في شم النسيم 2022.", "شم النسيم 2022", "2022-04-25"),  # Orthodox Easter + 1
    ("أغلقت الأسواق في عيد الشكر 2021.", "عيد الشكر 2021", "2021-11-25"),  # 4th Thursday of November
    ("تقام مسيرات في يوم الأرض.", "يوم الأرض", "2022-03-30"),
    ("يبدأ الصيام بعد إثنين الرماد 2022.", "إثنين الرماد 2022", "2022-02-28"),
    ("عادت العائلات بعد رأس السنة الميلادية.", "رأس السنة الميلادية", "2022-01-01"),
    ("تزدحم الشوارع في اليوم الوطني الإماراتي.", "اليوم الوطني الإماراتي", "2022-12-02"),  # the nearer 2 December
])
def test_holidays_with_their_calendar(tok, text, span, value):
    s = one(tok, text)
    assert (s.text, s._.value, s._.granularity) == (span, value, "day")


def test_holiday_with_yawm_and_hijri_period(tok):
    s = one(tok, "سأعود في يوم عيد الميلاد.")
    assert (s.text, s._.value) == ("يوم عيد الميلاد", "2021-12-25")
    s = one(tok, "تضاعف عدد الحجاج في الحج سنة 2016.")
    assert s.text == "الحج سنة 2016" and s._.calendar == "hijri"
    assert (s._.value, s._.hijri) == ("2016-09-09/2016-09-14", "1437-12-08/1437-12-13")  # Umm al-Qura
    assert one(tok, "ارتفعت الأسعار خلال موسم الحج.")._.hijri == "1443-12-08/1443-12-13"


def test_holidays_not_invented(tok):
    # the pilgrimage or a ministry is not a date; a national day of no named country has no value
    assert spans(tok, "أعلنت وزارة الحج خطتها.") == []
    assert spans(tok, "سافر إلى الحج مع والدته.") == []
    s = one(tok, "تزينت الشوارع في عيد الاستقلال.")
    assert (s.text, s._.value) == ("عيد الاستقلال", None)
    assert spans(tok, "احتفل بعيد ميلاده مع أصدقائه.") == []


# ------------------------------------------------------------------ recurrences with a clock time
@pytest.mark.parametrize("text,span,value", [
    ("تفتح المكتبة الساعة 9 صباحا كل يوم أحد.", "الساعة 9 صباحا كل يوم أحد", "R/P1W"),
    ("يجتمع المجلس كل يوم اثنين الساعة 4 مساء.", "كل يوم اثنين الساعة 4 مساء", "R/P1W"),
    ("تصدر النشرة صباح كل يوم في الساعة 8 صباحا.", "صباح كل يوم في الساعة 8 صباحا", "R/P1D"),
    ("يبث البرنامج كل ليلة في 9.", "كل ليلة في 9", "R/P1D"),
    ("يحتفل السكان بالذكرى كل 15 أبريل.", "كل 15 أبريل", "R/P1Y"),
])
def test_recurrences_keep_their_clock_time_in_the_span(tok, text, span, value):
    s = one(tok, text)
    assert (s.text, s._.value, s._.kind) == (span, value, "set")


def test_clock_time_alone_is_a_time(tok):
    s = one(tok, "وصل الوفد الساعة 9 صباحا إلى المطار.")
    assert (s.text, s._.value, s._.kind) == ("الساعة 9 صباحا", "T09:00", "time")
    # a count after a recurrence is not a clock time without في or الساعة
    assert [s.text for s in spans(tok, "يتدرب الفريق كل يوم 3 ساعات.")] == ["كل يوم", "3 ساعات"]


# ------------------------------------------------------------------ periods and ranges
def test_last_n_units(tok):
    s = one(tok, "تضاعفت الصادرات في آخر 3 سنوات.")
    assert (s.text, s._.value) == ("آخر 3 سنوات", "2019-06-20/2022-06-20")
    assert one(tok, "سجلت الشرطة 40 حادثا في آخر 10 أيام.")._.value == "2022-06-10/2022-06-20"


def test_days_of_a_named_or_relative_month(tok):
    s = one(tok, "يقام المعرض نوفمبر بين 15 و 19 في جدة.")
    assert (s.text, s._.value, s._.kind) == ("نوفمبر بين 15 و 19", "2022-11-15/2022-11-19", "range")
    assert one(tok, "يقام المعرض تشرين الثاني بين الخامس عشر والتاسع عشر.")._.value == "2022-11-15/2022-11-19"
    s = one(tok, "تستمر الدورة 4 حتى 23 من الشهر المقبل.")
    assert (s.text, s._.value) == ("4 حتى 23 من الشهر المقبل", "2022-07-04/2022-07-23")
    assert one(tok, "تغلق المدارس من 4-23 في الشهر المقبل.")._.value == "2022-07-04/2022-07-23"
    # a bare pair of numbers is not a range of days
    assert spans(tok, "ارتفع عدد المصابين من 4 إلى 23 شخصا.") == []


def test_ranges_of_weekdays_with_their_days_or_their_week(tok):
    assert one(tok, "تستمر العطلة من الجمعة 24 حتى الثلاثاء 28.")._.value == "2022-06-24/2022-06-28"
    s = one(tok, "يعقد المؤتمر الأسبوع المقبل بين الأربعاء والجمعة.")
    assert (s.text, s._.value) == ("الأسبوع المقبل بين الأربعاء والجمعة", "2022-06-29/2022-07-01")


def test_year_before_a_spaced_dash(tok):
    s = one(tok, "تستمر الحملة 12 يناير، 2016 - 2016/01/22 في المدن.")
    assert s._.value == "2016-01-12/2016-01-22"


def test_weekend_and_vague_parts(tok):
    s = one(tok, "تزدحم الشواطئ في عطلة نهاية الأسبوع.")
    assert (s.text, s._.value) == ("عطلة نهاية الأسبوع", "2022-W25-WE")  # the country's weekend days
    # "later this month": the month, nothing finer invented
    s = one(tok, "يصدر التقرير في وقت لاحق من هذا الشهر.")
    assert (s.text, s._.value, s._.granularity) == ("في وقت لاحق من هذا الشهر", "2022-06", "month")
    assert spans(tok, "أعلن في وقت لاحق أنه استقال.") == []


def test_week_of_a_date_and_hour_and_a_half(tok):
    s = one(tok, "تقام الفعاليات أسبوع 16 سبتمبر في الرياض.")
    assert (s.text, s._.value, s._.granularity) == ("أسبوع 16 سبتمبر", "2022-W37", "week")
    assert one(tok, "استمر الاجتماع ساعة ونصف.")._.value == "PT1.5H"


def test_bare_seasons_and_hajj_need_a_time_word(tok):
    assert spans(tok, "افتتح مهرجان الصيف الدولي في الإسكندرية.") == []
    assert spans(tok, "توفي في الربيع الأول من عام 1200.")[0].text != "الربيع"  # ربيع الأول, a Hijri month
    assert [s.text for s in spans(tok, "تنشط السياحة في فصل الصيف.")] == ["الصيف"]
    assert spans(tok, "يرغب كثيرون في الحج مع عائلاتهم.") == []
    assert one(tok, "يرغب كثيرون في الحج هذا العام.").text == "الحج هذا العام"  # this year's Hajj
    assert one(tok, "ترتفع الأسعار قبل الحج.").text == "الحج"


def test_hour_periods_have_no_day_value(tok):
    s = one(tok, "يصل الوفد خلال الساعات القليلة المقبلة.")
    assert s._.value is None


def test_year_before_a_glued_slash_is_not_taken_alone(tok):
    for text in ("صدر التقرير السنوي للعام 1435/ 1436هـ أمس.", "صدر التقرير السنوي للعام 1435 / 1436هـ أمس."):
        assert all(s._.value != "1435" for s in spans(tok, text))


def test_feminine_ordinal_alone_is_the_hour_not_the_day(tok):
    assert spans(tok, "يصل القطار في التاسعة.") == []
    assert one(tok, "يصل القطار في التاسع.")._.value == "2022-06-09"
