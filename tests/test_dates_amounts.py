"""Dates stage: amounts of time read as durations in news wording, weekdays and months placed by the
tense around them, and words that look like dates and are not. All sentences are written for these
tests (none is taken from a corpus)."""

from __future__ import annotations

from datetime import date

import pipeline
from pipeline.dates import find_dates

PUB = date(2016, 3, 10)  # a Thursday


def values(tok, text, published=PUB):
    doc = tok(text)
    doc._.published = published
    return [(s.text, s._.value, s._.kind) for s in find_dates(doc)]


# ------------------------------------------------------------------ منذ + an amount
def test_since_after_a_superlative_is_a_duration(tok):
    assert values(tok, "سجلت الصادرات أعلى مستوى لها منذ 18 شهرا بحسب البيانات.") == [
        ("18 شهرا", "P18M", "duration")]
    assert values(tok, "هبط المؤشر إلى أدنى قراءة منذ ستة أسابيع.") == [("ستة أسابيع", "P6W", "duration")]


def test_since_more_than_an_amount_is_a_duration(tok):
    assert values(tok, "يعاني السكان من انقطاع الكهرباء منذ أكثر من أربعة أشهر.") == [
        ("أربعة أشهر", "P4M", "duration")]


def test_since_an_amount_after_an_event_stays_the_date(tok):
    # a punctual event: "three days ago"
    assert values(tok, "افتتح المحافظ الجسر منذ ثلاثة أيام.") == [("منذ ثلاثة أيام", "2016-03-07", "relative")]
    # a superlative in another clause does not count
    assert values(tok, "حقق الفريق أكبر فوز، ووصل منذ يومين إلى المدينة.")[0][2] == "relative"


def test_after_an_amount_counted_from_another_event(tok):
    assert values(tok, "انتهى المشروع بعد ستة أشهر مما كان مخططا له.") == [("ستة أشهر", "P6M", "duration")]
    # counted from the publication date: a date
    assert values(tok, "يفتتح المعرض بعد ستة أشهر.")[0][2] == "relative"


# ------------------------------------------------------------------ stretches of time
def test_the_last_n_units_are_an_amount(tok):
    assert values(tok, "تضاعفت المبيعات خلال السنوات الخمس الأخيرة في المنطقة.") == [
        ("السنوات الخمس الأخيرة", "P5Y", "duration")]
    assert values(tok, "لم يخسر الفريق في المواسم الأربعة الاخيرة.") == [
        ("المواسم الأربعة الاخيرة", "P4Y", "duration")]
    # without a count they stay vague (conventions): no date
    assert values(tok, "تضاعفت المبيعات خلال السنوات الأخيرة.") == []


def test_within_the_next_n_units_is_an_amount(tok):
    assert values(tok, "يتوقع وصول الشحنات خلال الأسابيع الأربعة المقبلة.") == [
        ("الأسابيع الأربعة المقبلة", "P4W", "duration")]
    assert values(tok, "أصدرت الأرصاد توقعاتها للثلاثة الأيام القادمة للمنطقة.") == [
        ("للثلاثة الأيام القادمة", "P3D", "duration")]
    # without خلال or ل the stretch stays the days it covers
    got = values(tok, "يزور الوفد المدينة في الأيام الثلاثة المقبلة.")
    assert got == [("الأيام الثلاثة المقبلة", "2016-03-11/2016-03-13", "relative")]
    # the past stretch stays the days before the publication date
    assert values(tok, "تراجعت الأسعار خلال الأيام الثلاثة الماضية.")[0][1] == "2016-03-07/2016-03-10"


def test_within_an_indefinite_unit_is_one_unit(tok):
    assert values(tok, "أنجزت الفرق العمل خلال شهر من بدئه.") == [("شهر", "P1M", "duration")]
    # a month name, a weekday or a year after the unit: the date itself
    assert values(tok, "زادت المبيعات خلال شهر رمضان.")[0][2] == "absolute"
    assert values(tok, "افتتح خلال عام 2012 فرعين.") == [("عام 2012", "2012", "absolute")]
    # a definite unit alone is nothing
    assert values(tok, "تحدث خلال الشهر عن الخطة.") == []


def test_one_more_unit(tok):
    assert values(tok, "سيبقى المدرب مع الفريق عاما آخر.") == [("عاما آخر", "P1Y", "duration")]
    assert values(tok, "مددت الوزارة المهلة شهرا آخر.") == [("شهرا آخر", "P1M", "duration")]
    # "اليوم الآخر" is no amount of days
    assert all(v[2] != "duration" for v in values(tok, "تحدث عن الإيمان باليوم الآخر."))


def test_an_age_said_with_an_ordinal(tok):
    assert values(tok, "بدأ العزف وهو في السابعة من عمره.") == [("السابعة من عمره", "P7Y", "duration")]
    assert values(tok, "تخرجت وهي في الثانية والعشرين من عمرها.") == [
        ("الثانية والعشرين من عمرها", "P22Y", "duration")]
    # a decade of a life is not an age in years; an ordinal of something else is no date
    assert values(tok, "رجل في العقد الخامس من عمره.") == []
    assert values(tok, "فاز في الجولة السابعة من البطولة.") == []


# ------------------------------------------------------------------ direction from the wording
def test_an_event_verb_before_a_weekday_looks_ahead(tok):
    # PUB is a Thursday: the coming Saturday, not the one before
    assert values(tok, "تختتم البطولة مساء السبت بحفل كبير.")[0][1] == "2016-03-12"
    # a past verb: the Saturday before
    assert values(tok, "اختتمت البطولة مساء السبت بحفل كبير.")[0][1] == "2016-03-05"
    # the verb only counts just before the weekday, and never for a month
    assert values(tok, "تعقد الجمعية اجتماعها كما جرى في فبراير.")[0][1] == "2016-02"


def test_a_bare_month_in_past_wording_is_the_past_one(tok):
    pub = date(2016, 8, 20)
    assert values(tok, "تراجع الإنتاج بنسبة كبيرة في فبراير.", pub)[0][1] == "2016-02"
    # with a future marker the coming one
    assert values(tok, "ستعلن النتائج في فبراير.", pub)[0][1] == "2017-02"
    # a month far in the past is the nearer coming one
    assert values(tok, "انطلقت الدورة في مايو.", date(2016, 2, 20))[0][1] == "2016-05"
    assert values(tok, "انطلقت الدورة في نوفمبر.", date(2016, 2, 20))[0][1] == "2015-11"


def test_middle_of_a_relative_week_is_that_week(tok):
    assert values(tok, "يعود اللاعب منتصف الأسبوع المقبل.") == [("منتصف الأسبوع المقبل", "2016-W11", "relative")]
    # the middle of a month keeps its middle third
    assert values(tok, "يعود اللاعب منتصف الشهر المقبل.")[0][1] == "2016-04-11/2016-04-20"


# ------------------------------------------------------------------ recurrences and non-dates
def test_weekdays_of_every_week_are_one_recurrence(tok):
    assert values(tok, "تفتح السوق أيام الجمعة والسبت من كل أسبوع للزوار.") == [
        ("أيام الجمعة والسبت من كل أسبوع", "R/P1W", "set")]
    assert values(tok, "تفتح السوق أيام الأحد للزوار.") == [("أيام الأحد", "R/P1W", "set")]


def test_a_market_named_after_a_weekday_is_no_date(tok):
    assert values(tok, "ازدحم سوق الخميس في القرية بالمتسوقين.") == []
    assert values(tok, "تقام السوق يوم الخميس في القرية.")[0][2] == "weekday"
    # a mosque named after a weekday (مسجد الخميس) is a place
    assert values(tok, "زار الوفد البرج القديم ومسجد الجمعة في المدينة.") == []
    assert values(tok, "افتتح المسجد الجمعة الماضية.")[0][2] == "weekday"


def test_a_door_is_not_august(tok):
    assert values(tok, "تبرع التاجر من باب المسؤولية.") == []
    assert values(tok, "وصل الوفد في آب الماضي.")[0][1] == "2015-08"


def test_a_number_before_money_is_not_the_day_of_a_month(tok):
    got = pipeline.extract("ارتفع عقد شهر مارس 15 سنتا إلى 40 دولارا للبرميل.", published="2016-01-10")
    assert [(d["text"], d["value"]) for d in got["dates"]] == [("شهر مارس", "2016-03")]
    assert ("15", 0.15, "money") in [(n["text"], n["value"], n["kind"]) for n in got["numbers"]]
    # a day before a counted noun that is no money stays the day
    assert values(tok, "وصل الوفد في مارس 15 صباحا.")[0][1].startswith("2016-03-15")


def test_half_of_a_decade(tok):
    assert values(tok, "ازدهرت الصناعة في النصف الثاني من الثمانينيات.") == [
        ("النصف الثاني من الثمانينيات", "1985/1989", "absolute")]
    assert values(tok, "ازدهرت الصناعة في النصف الأول من التسعينيات.")[0][1] == "1990/1994"


def test_the_day_of_eid_is_the_feast_nearest_the_publication_date(tok):
    # 2016-07-10: Eid al-Fitr 1437 (2016-07-06) is nearer than Eid al-Adha (2016-09-11)
    assert values(tok, "زار المحافظ المرضى يوم العيد.", date(2016, 7, 10)) == [("يوم العيد", "2016-07-06", "absolute")]
    assert values(tok, "زار المحافظ المرضى في أول أيام العيد.", date(2016, 9, 1))[0][1] == "2016-09-11"
    # the feast's prayer or the word alone is no date
    assert values(tok, "صلى المواطنون العيد في الساحات.", date(2016, 7, 10)) == []


def test_the_days_off_of_a_feast_have_no_value(tok):
    assert values(tok, "ازدحمت الفنادق خلال إجازة عيد الأضحى.") == [("إجازة عيد الأضحى", None, "absolute")]
    assert values(tok, "ازدحمت الفنادق خلال إجازة العيد.") == [("إجازة العيد", None, "absolute")]
    # a leave that is no feast's is nothing; the weekend stays the weekend
    assert values(tok, "حصل الموظف على إجازة مرضية.") == []
    assert values(tok, "سافر في عطلة نهاية الأسبوع الماضي.")[0][1] == "2016-W09-WE"


def test_past_and_next_decades_are_calendar_decades(tok):
    # published in 2016: the 1990s and 2000s; the 2020s to the 2040s
    assert values(tok, "تضاعف عدد السكان خلال العقدين الماضيين.")[0][1] == "1990-01-01/2009-12-31"
    assert values(tok, "يتوقع النمو في العقود الثلاثة القادمة.")[0][1] == "2020-01-01/2049-12-31"
    # years stay counted from the publication date
    assert values(tok, "تراجعت الأسعار خلال الأيام الثلاثة الماضية.")[0][1] == "2016-03-07/2016-03-10"


def test_a_year_in_words_after_in(tok):
    assert values(tok, "تأسست المدينة في ألف وتسعمائة واثنين وثلاثين.") == [
        ("ألف وتسعمائة واثنين وثلاثين", "1932", "absolute")]
    # a counted noun after it, or a round number: a quantity, no year
    assert values(tok, "وزعت الهدايا في ألف وتسعمائة واثنين وثلاثين منزلا.") == []
    assert values(tok, "شارك في ألف وخمسمائة.") == []


# ------------------------------------------------------------------ times of day after a part of the day
def test_an_evening_word_makes_the_hour_after_it_pm(tok):
    assert values(tok, "وصل الوفد مساء أمس الساعة التاسعة.") == [
        ("مساء أمس الساعة التاسعة", "2016-03-09T21:00", "relative")]
    assert values(tok, "تنطلق القافلة الليلة الساعة 8.")[0][1] == "2016-03-10T20:00"
    assert values(tok, "وصل الوفد الساعة 9 هذا المساء.")[0][1] == "2016-03-10T21:00"
    # a morning keeps the hour; an hour of one to three after an evening word stays as written
    assert values(tok, "وصل الوفد صباح أمس الساعة التاسعة.")[0][1] == "2016-03-09T09:00"
    assert values(tok, "وصل الوفد مساء أمس الساعة الواحدة.")[0][1] == "2016-03-09T01:00"


def test_a_bare_hour_after_a_part_of_the_day_and_في(tok):
    assert values(tok, "تبدأ الحفلة هذه الليلة في 9.") == [("هذه الليلة في 9", "2016-03-10T21:00", "relative")]
    # a number with a counted noun after it is no hour
    assert values(tok, "هطلت الأمطار صباح اليوم في 10 مدن.") == [("صباح اليوم", "2016-03-10", "relative")]


def test_ordinals_and_counts_are_no_clock_times(tok):
    # a masculine ordinal is no hour ("the second friendly match on Thursday evening")
    assert values(tok, "يخوض الفريق لقاءه الودي الثاني مساء الخميس.") == [("مساء الخميس", "2016-03-10", "weekday")]
    assert values(tok, "تبدأ الحفلة الساعة الثانية مساء الخميس.")[0][1] == "2016-03-10T14:00"
    # a count of months after a recurrence is no clock time of it
    got = values(tok, "سجلت الأسعار أضيق نطاقاتها الأسبوعية في 11 شهرا.")
    assert ("11 شهرا", "P11M", "duration") in got
    assert values(tok, "يفتح المتحف كل يوم في التاسعة.") == [("كل يوم في التاسعة", "R/P1D", "set")]
    # "the first hours of the morning" is no amount of hours
    assert values(tok, "استمر البحث حتى الساعات الأولى من صباح أمس.") == [("صباح أمس", "2016-03-09", "relative")]


def test_a_weekday_opening_a_range_keeps_its_own_day(tok):
    # the end's Hijri year is no year of the weekday (PUB is Thursday 2016-03-10)
    got = values(tok, "يعمل الفرع اعتبارا من يوم الأحد حتى 1437/6/25هـ.")
    assert got[0][1].startswith("2016-03-06/")
    # a day of the month still takes the end's month and year
    assert values(tok, "تقام الدورة من 5 إلى 10 شوال 1437.")[0][1] == "2016-07-10/2016-07-15"


def test_the_night_before_last(tok):
    assert values(tok, "وقع الحادث الليلة قبل الماضية.") == [("الليلة قبل الماضية", "2016-03-08", "relative")]
    assert values(tok, "وقع الحادث الليلة الماضية.")[0][1] == "2016-03-09"


def test_a_half_of_the_year_without_its_number_is_this_year(tok):
    assert values(tok, "تضاعفت أرباح المصنع في النصف الأول من العام.") == [
        ("النصف الأول من العام", "2016-01-01/2016-06-30", "relative")]
    # a half of a match, or of a school year, is no calendar half
    assert values(tok, "تقدم الفريق في النصف الثاني من المباراة.") == []
    assert values(tok, "تبدأ الاختبارات في النصف الثاني من العام الدراسي.") == []


def test_a_day_glued_to_the_article_before_its_month(tok):
    assert values(tok, "يفتتح المعرض في ال15 من شهر مايو المقبل.") == [
        ("ال15 من شهر مايو المقبل", "2016-05-15", "absolute")]
    assert values(tok, "وصل الوفد في الـ3 من أبريل.") == [("الـ3 من أبريل", "2016-04-03", "absolute")]
    # a rank glued to the article is no day
    assert values(tok, "حل الفريق في المركز ال15 من أصل عشرين.") == []


def test_an_amount_in_a_larger_unit_is_a_recurrence(tok):
    assert values(tok, "يعمل المصنع عشرين ساعة في اليوم.") == [
        ("عشرين ساعة", "PT20H", "duration"), ("اليوم", "R/P1D", "set")]
    assert values(tok, "يتدرب اللاعبون مرتين في الأسبوع.") == [("الأسبوع", "R/P1W", "set")]
    # a day named after في, or an amount spent in a past month, places it
    assert values(tok, "تحدث الوزير ساعة في اليوم الثاني من المؤتمر.") == []
    assert values(tok, "قضى الوفد ثلاثة أيام في الشهر الماضي.")[1] == ("الشهر الماضي", "2016-02", "relative")


def test_a_weekday_with_its_date(tok):
    # written with it: one span; after a comma and تاريخ: the weekday takes the date's day
    assert values(tok, "يبدأ التسجيل يوم الأحد المقبل 13/3/2016 للطلاب.") == [
        ("الأحد المقبل 13/3/2016", "2016-03-13", "absolute")]
    assert values(tok, "ينتهي الاكتتاب يوم الثلاثاء، تاريخ 15 مارس 2016.") == [
        ("الثلاثاء", "2016-03-15", "weekday"), ("15 مارس 2016", "2016-03-15", "absolute")]
    # a date on another day leaves the weekday as it was
    assert values(tok, "يبدأ التسجيل يوم الأحد المقبل 14/3/2016 للطلاب.")[0] == (
        "الأحد المقبل", "2016-03-13", "weekday")


def test_an_amount_between_two_counts_is_one_duration(tok):
    assert values(tok, "شملت الدراسة مرضى تتراوح أعمارهم بين 40 و65 عاما.") == [
        ("40 و65 عاما", None, "duration")]
    assert values(tok, "يستغرق الشحن من 3 إلى 5 أيام.") == [("3 إلى 5 أيام", None, "duration")]
    # years between two bounds stay a range of years
    assert values(tok, "ارتفعت الصادرات بين 2011 و2014.") == [("بين 2011 و2014", "2011/2014", "range")]


def test_a_day_or_another_of_the_same_month(tok):
    assert values(tok, "يصل الوفد في 3 أو 4 مارس 2016.") == [
        ("3", "2016-03-03", "absolute"), ("4 مارس 2016", "2016-03-04", "absolute")]
    # counts joined by أو are no days
    assert values(tok, "حصل المرشح على 3 أو 4 أصوات.") == []


def test_an_age_in_springs_is_years(tok):
    assert values(tok, "انضم المهاجم صاحب الـ 24 ربيعا إلى الفريق.") == [("24 ربيعا", "P24Y", "duration")]
    assert values(tok, "كرمت البلدية المعلم ذا الـ70 ربيعا.") == [("الـ70 ربيعا", "P70Y", "duration")]
    # a spring without a count, and the Hijri month, are no age
    assert values(tok, "عاشت البلاد ربيعا سياسيا طويلا.") == []
