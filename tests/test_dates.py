"""Dates stage: detection families, resolution, Hijri conversion, tense, no invention.

All sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.dates import find_dates
from pipeline.dates.resolve import bounds

PUB = date(2022, 6, 20)  # a Monday


def dates(tok, text, published=PUB):
    doc = tok(text)
    doc._.published = published
    out = []
    for s in find_dates(doc):
        assert text[s.start_char:s.end_char] == s.text
        out.append((s.text, s._.value, s._.granularity, s._.kind, s._.calendar, s._.hijri))
    return out


def one(tok, text, published=PUB):
    got = dates(tok, text, published)
    assert len(got) == 1, got
    return got[0]


# ------------------------------------------------------------------ Gregorian names and numbers
@pytest.mark.parametrize("text,span,value", [
    ("وصل الوزير إلى الرياض في 3 مارس 2021 لإجراء محادثات.", "3 مارس 2021", "2021-03-03"),
    ("افتتح المعرض في 14 آذار 2019 بحضور الوزير.", "14 آذار 2019", "2019-03-14"),
    ("وقعت الاتفاقية في 2 كانون الثاني 2020 في بغداد.", "2 كانون الثاني 2020", "2020-01-02"),
    ("تعقد القمة في 9 حزيران/يونيو 2023.", "9 حزيران/يونيو 2023", "2023-06-09"),
    ("صدر القرار في 5 يونيو (حزيران) 2018.", "5 يونيو (حزيران) 2018", "2018-06-05"),
    ("أعلنت الوزارة في 11 يوليه 2017 النتائج.", "11 يوليه 2017", "2017-07-11"),
    ("نشر البيان بتاريخ 20/6/2022 على الموقع.", "20/6/2022", "2022-06-20"),
    ("نشر البيان بتاريخ ٢٠/٦/٢٠٢٢ على الموقع.", "٢٠/٦/٢٠٢٢", "2022-06-20"),
    ("وحدد الموعد 2022-06-20 نهائيا.", "2022-06-20", "2022-06-20"),
    ("ولد الكاتب في الرابع من أغسطس 1950 بالقاهرة.", "الرابع من أغسطس 1950", "1950-08-04"),
])
def test_absolute_dates(tok, text, span, value):
    got = one(tok, text)
    assert got[:2] == (span, value)
    assert got[2] == "day" and got[3] == "absolute" and got[4] == "gregorian"


def test_partial_dates_are_not_completed(tok):
    assert one(tok, "انعقد المنتدى في مايو 2022 في نيويورك.")[:3] == ("مايو 2022", "2022-05", "month")
    assert one(tok, "بدأت المبادرة في ديسمبر 2021.")[:3] == ("ديسمبر 2021", "2021-12", "month")
    assert one(tok, "تأسست الشركة عام 1998 في دبي.")[:3] == ("عام 1998", "1998", "year")
    assert one(tok, "شيد المبنى في 1975م على ضفاف النهر.")[1:3] == ("1975", "year")


def test_year_less_date_takes_the_year_of_publication_only_when_there_is_one(tok):
    assert one(tok, "عقد الاجتماع يوم الاثنين 20 يونيو في القاهرة.")[:2] == ("الاثنين 20 يونيو", "2022-06-20")
    assert one(tok, "عقد الاجتماع في 20 يونيو في القاهرة.", published=None)[1] == "--06-20"
    # December mentioned in a January article is the December just past
    assert one(tok, "بدأت الحملة في 28 ديسمبر.", published=date(2023, 1, 5))[1] == "2022-12-28"


def test_counts_are_not_years(tok):
    assert dates(tok, "شارك أكثر من 2000 شخص في المسيرة.") == []
    assert one(tok, "تراجعت الصادرات في 2019 بشكل حاد.")[1] == "2019"
    assert one(tok, "توفي الشاعر في مارس آذار الماضي.")[:2] == ("مارس آذار الماضي", "2022-03")


def test_ambiguous_month_words_need_context(tok):
    assert dates(tok, "مارس اللاعب الرياضة منذ صغره.") == []
    assert one(tok, "ارتفعت الأسعار في مارس الماضي.")[:2] == ("مارس الماضي", "2022-03")
    assert dates(tok, "قال طارق رمضان إن الأب سافر.") == []


# ------------------------------------------------------------------ Hijri
def test_hijri_day_is_converted(tok):
    text, value, gran, kind, cal, hij = one(tok, "يبدأ الحدث في 15 رمضان 1443هـ في مكة.")
    assert text == "15 رمضان 1443هـ"
    assert (value, gran, cal, hij) == ("2022-04-16", "day", "hijri", "1443-09-15")


def test_hijri_year_and_month(tok):
    got = one(tok, "صدر النظام عام 1443 هـ بعد مشاورات.")
    assert got[0] == "عام 1443 هـ" and got[4:] == ("hijri", "1443")
    a, z = bounds(got[1])
    assert a == date(2021, 8, 9) and z.year == 2022
    got = one(tok, "تكثر الزيارات في شهر رمضان.")
    assert got[4] == "hijri" and got[5].endswith("-09") and got[2] == "month"


def test_holidays(tok):
    got = one(tok, "توقفت الأعمال في عيد الأضحى 2021.")
    assert got[1] == "2021-07-20" and got[4:] == ("hijri", "1442-12-10")
    assert one(tok, "تغلق المدارس في عيد الميلاد.")[1] == "2021-12-25"
    got = one(tok, "سأعود في يوم الأب.")  # الأب is not the month آب: Father's Day (21 June in Arab countries)
    assert got[:2] == ("يوم الأب", "2022-06-21")


# ------------------------------------------------------------------ weekdays and tense
def test_weekday_direction_follows_tense(tok):
    assert one(tok, "سيعقد المجلس اجتماعا يوم الخميس.")[:2] == ("الخميس", "2022-06-23")
    assert one(tok, "عقد المجلس اجتماعا يوم الخميس.")[:2] == ("الخميس", "2022-06-16")
    assert one(tok, "يصل الوفد الأربعاء المقبل.")[1] == "2022-06-22"
    assert one(tok, "وصل الوفد الأحد الماضي.")[1] == "2022-06-19"
    assert one(tok, "سوف يصوت البرلمان الثلاثاء.")[3] == "weekday"


def test_names_and_institutions_are_not_weekdays(tok):
    from spacy.tokens import Span

    doc = tok("أصيب اللاعب بدر الخميس في التدريب.")
    doc._.published = PUB
    doc.ents = [Span(doc, 2, 4, label="PER")]  # as the ner stage would mark it
    assert find_dates(doc) == []
    assert dates(tok, "وزعت الوزارة خطب الجمعة على المساجد.") == []
    assert one(tok, "أقيمت صلاة العيد يوم الجمعة الماضي.")[1] == "2022-06-17"
    assert one(tok, "بقي المسافرون في المطار يوم واحد.")[1] == "P1D"
    assert dates(tok, "لا فرق كبيرا بين الاثنين.") == []
    assert one(tok, "يعمل المكتب بين الاثنين والأربعاء.")[1] == "2022-06-20/2022-06-22"


def test_deixis_with_a_weekday_trusts_the_weekday(tok):
    # written on Sunday, published on Tuesday 2022-06-21
    assert one(tok, "أصيب 17 شخصا اليوم الأحد في الحادث.", published=date(2022, 6, 21))[:2] == (
        "اليوم الأحد", "2022-06-19")
    assert one(tok, "قال الوزير أمس الاثنين إن الاتفاق قريب.", published=date(2022, 6, 21))[1] == "2022-06-20"


def test_weekday_with_date(tok):
    assert one(tok, "سافر الرئيس يوم الأربعاء، 15 يونيو 2022.")[:2] == ("الأربعاء، 15 يونيو 2022", "2022-06-15")
    got = one(tok, "تبدأ الدراسة يوم الأحد الموافق 10 / 10 / 1436هـ.")
    assert got[1] == "2015-07-26" and got[5] == "1436-10-10"


# ------------------------------------------------------------------ relative
@pytest.mark.parametrize("text,span,value,gran", [
    ("وصل الوفد أمس إلى جدة.", "أمس", "2022-06-19", "day"),
    ("وصل الوفد أول أمس إلى جدة.", "أول أمس", "2022-06-18", "day"),
    ("يصل الوفد غدا إلى جدة.", "غدا", "2022-06-21", "day"),
    ("تبدأ الامتحانات اليوم في المدارس.", "اليوم", "2022-06-20", "day"),
    ("ارتفعت الأسعار الأسبوع الماضي بشكل حاد.", "الأسبوع الماضي", "2022-W24", "week"),
    ("تنخفض الأسعار الأسبوع المقبل كما يتوقع.", "الأسبوع المقبل", "2022-W26", "week"),
    ("أعلنت الشركة أرباحها الشهر الماضي.", "الشهر الماضي", "2022-05", "month"),
    ("تجرى الانتخابات العام المقبل.", "العام المقبل", "2023", "year"),
    ("زار الوزير المصنع منذ ثلاثة أيام.", "منذ ثلاثة أيام", "2022-06-17", "day"),
    ("وقع الحادث قبل أسبوعين في المدينة.", "قبل أسبوعين", "2022-06-06", "day"),
])
def test_relative(tok, text, span, value, gran):
    got = one(tok, text)
    assert got[:3] == (span, value, gran) and got[3] in ("relative", "weekday")


def test_relative_without_publication_date_has_no_value(tok):
    for text in ("وصل الوفد أمس إلى جدة.", "ارتفعت الأسعار الأسبوع الماضي.", "عقد المجلس اجتماعا يوم الخميس.",
                 "زار الوزير المصنع منذ ثلاثة أيام."):
        got = one(tok, text, published=None)
        assert got[1] is None, got
    # absolute dates keep their value
    assert one(tok, "انعقد المنتدى في مايو 2022.", published=None)[1] == "2022-05"


def test_open_period_is_not_invented(tok):
    got = one(tok, "تنخفض درجات الحرارة خلال الأيام المقبلة.")
    assert got[0] == "خلال الأيام المقبلة" and got[1] is None and got[3] == "relative"
    got = one(tok, "زادت الصادرات في الأيام الثلاثة الماضية.")
    assert got[1] == "2022-06-17/2022-06-20"


def test_shift_counted_from_another_event_has_no_value(tok):
    assert one(tok, "توفي قبل ثلاثة أعوام من تأسيس الشركة.")[1] is None
    assert dates(tok, "يتحسن الأداء يوما بعد يوم.") == []


def test_written_year_wins_over_relative_year(tok):
    assert one(tok, "بلغت الإيرادات في العام الحالي 2015م نحو مليار.")[1:4] == ("2015", "year", "absolute")
    assert one(tok, "تراجعت المبيعات بنهاية العام الماضي 2014م.")[1] == "2014-07-01/2014-12-31"
    assert dates(tok, "تأجلت بداية العام الدراسي.") == []


# ------------------------------------------------------------------ parts and ranges
def test_parts(tok):
    assert one(tok, "تعقد الجولة منتصف مايو.")[1] == "2022-05-11/2022-05-20"
    assert one(tok, "تراجع النمو أواخر 2021.")[1] == "2021-07-01/2021-12-31"
    assert one(tok, "تحسن الأداء مطلع العام.")[1] == "2022-01-01/2022-06-30"


def test_ranges(tok):
    got = one(tok, "يقام المهرجان من 1 إلى 5 يونيو في الرياض.")
    assert got[:2] == ("من 1 إلى 5 يونيو", "2022-06-01/2022-06-05") and got[3] == "range"
    got = one(tok, "تضاعف الإنتاج بين عامي 2010 و2015.")
    assert got[1] == "2010/2015" and got[3] == "range"
    assert one(tok, "تستمر الدورة 19-20 نوفمبر 2022.")[1] == "2022-11-19/2022-11-20"


def test_seasons_need_a_year_or_a_modifier_for_a_value(tok):
    assert one(tok, "تراجعت السياحة في صيف 2016.")[1:3] == ("2016-22", "season")
    assert one(tok, "اشتد البرد الشتاء الماضي.")[1] == "2021-24"
    assert dates(tok, "اندلعت ثورات الربيع العربي.") == []
    # a bare season is a time but the text does not say of which year
    assert one(tok, "تكثر الأمطار في الخريف.")[:3] == ("الخريف", None, "season")
    assert one(tok, "تنخفض الأسعار منتصف الصيف.")[:2] == ("منتصف الصيف", None)
    assert one(tok, "تنخفض الأسعار منتصف صيف 2016.")[1] == "2016-07-01/2016-07-31"
    assert dates(tok, "تحدث عن صيف طويل.") == []  # indefinite and alone: not taken


# ------------------------------------------------------------------ durations and sets
def test_durations(tok):
    assert one(tok, "استمرت المفاوضات ثلاث سنوات قبل الاتفاق.")[1:4] == ("P3Y", "year", "duration")
    assert one(tok, "بقي في المستشفى 10 أيام.")[1] == "P10D"
    assert one(tok, "استغرق البناء عامين.")[1] == "P2Y"
    assert one(tok, "امتدت الجلسة ساعتين ونصف.")[1] == "PT2.5H"


def test_sets(tok):
    got = one(tok, "يعقد المنتدى كل أربع سنوات منذ تأسيسه.")
    assert got[:4] == ("كل أربع سنوات", "R/P4Y", "year", "set")
    assert one(tok, "تصدر النشرة أسبوعيا.")[1] == "R/P1W"
    assert one(tok, "يجتمع المجلس كل يوم اثنين.")[1:4] == ("R/P1W", "week", "set")


def test_numbers_inside_dates_are_claimed_by_dates(nlp):
    import pipeline

    tables = pipeline.extract("يعقد المنتدى كل أربع سنوات ويضم 25 دولة منذ 20 يونيو 2022.", published="2022-06-20",
                              nlp=nlp)
    assert [d["text"] for d in tables["dates"]] == ["كل أربع سنوات", "20 يونيو 2022"]
    nums = [n["text"] for n in tables["numbers"]]
    assert "أربع" not in nums and "20" not in nums and "2022" not in nums


def test_seed_article(shared, nlp):
    import pipeline

    text = (shared / "samples" / "iom-cairo-2022-06-20.txt").read_text(encoding="utf-8")
    rows = pipeline.extract(text, published="2022-06-20", nlp=nlp)["dates"]
    got = {r["text"]: r for r in rows}
    assert got["الاثنين 20 يونيو"]["value"] == "2022-06-20"
    assert got["مايو 2022"]["value"] == "2022-05" and got["مايو 2022"]["granularity"] == "month"
    assert got["ديسمبر 2021"]["value"] == "2021-12"
    assert got["عام 2022"]["value"] == "2022"
    assert got["كل أربع سنوات"]["kind"] == "set" and got["كل أربع سنوات"]["value"] == "R/P4Y"
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
