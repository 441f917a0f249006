"""Dates stage: expressions read from the article's context (periods named earlier) and adjectives
of recurrence. All sentences are written for these tests."""

from __future__ import annotations

from datetime import date

from pipeline.dates import find_dates

PUB = date(2015, 7, 24)


def values(tok, text, published=PUB):
    doc = tok(text)
    doc._.published = published
    return [(s.text, s._.value) for s in find_dates(doc)]


def test_same_period_takes_the_half_named_before(tok):
    got = values(tok, "ربحت الشركة في النصف الأول من العام الحالي أكثر من الفترة المماثلة من العام السابق.")
    assert got[1] == ("الفترة المماثلة من العام السابق", "2014-01-01/2014-06-30")


def test_same_period_takes_the_quarter_named_before(tok):
    got = values(tok, "تراجعت المبيعات خلال الربع الثالث من 2014 عن الفترة ذاتها من عام 2013م بنسبة كبيرة.")
    assert got == [("الربع الثالث من 2014", "2014-07-01/2014-09-30"),
                   ("الفترة ذاتها من عام 2013م", "2013-07-01/2013-09-30")]


def test_same_period_without_a_year_is_the_period_itself(tok):
    got = values(tok, "بلغت الأرباح في النصف الأول من العام الحالي مليونا، ووصلت لنفس الفترة إلى ألف.")
    assert got[1] == ("لنفس الفترة", "2015-01-01/2015-06-30")


def test_same_period_with_nothing_named_before_has_no_value(tok):
    assert values(tok, "ارتفعت الأرباح مقارنة بالفترة المماثلة من العام الماضي.") == [
        ("بالفترة المماثلة من العام الماضي", None)]
    # a period noun alone is no date
    assert values(tok, "في هذه الفترة الصعبة تراجعت المبيعات.") == []


def test_same_month_of_last_year(tok):
    got = values(tok, "كان شهر مارس 2015 الأدفأ، وتجاوز نفس الشهر من العام الماضي.")
    assert got[1] == ("نفس الشهر من العام الماضي", "2014-03")


def test_bare_quarter_is_the_nearer_one(tok):
    assert values(tok, "ربحت الشركة خلال الربع الثاني مليون ريال.") == [("الربع الثاني", "2015-04-01/2015-06-30")]
    assert values(tok, "ربحت الشركة خلال الربع الرابع مليون ريال.", date(2016, 1, 20)) == [
        ("الربع الرابع", "2015-10-01/2015-12-31")]
    # الربع alone is a quarter of something else (a fraction), not a date
    assert values(tok, "خسر الربع من قيمته.") == []


def test_relative_quarter_counts_from_the_quarter_named_before(tok):
    got = values(tok, "ربحت خلال الربع الثاني أكثر من الربع السابق، وعن الربع المماثل من العام السابق، "
                      "وتقلصت الخسائر خلال الربع الحالي.")
    assert got == [("الربع الثاني", "2015-04-01/2015-06-30"), ("الربع السابق", "2015-01-01/2015-03-31"),
                   ("الربع المماثل من العام السابق", "2014-04-01/2014-06-30"),
                   ("الربع الحالي", "2015-04-01/2015-06-30")]
    # nothing named before: the publication date's quarter
    assert values(tok, "سنوقع العقد خلال هذا الربع.") == [("هذا الربع", "2015-07-01/2015-09-30")]


def test_year_anaphor_takes_the_year_named_before(tok):
    got = values(tok, "تأهل الفريق عام 2012 وفاز بالكأس في العام ذاته.")
    assert got[1] == ("العام ذاته", "2012")
    assert values(tok, "فاز الفريق بالكأس في العام ذاته.") == [("العام ذاته", None)]


def test_recurrence_adjectives_are_sets(tok):
    got = values(tok, "يتقاضى اللاعب راتبا سنويا كبيرا، وسجل السهم أكبر خسائره الشهرية، ونشرت الهيئة تقريرها الأسبوعي والتقرير اليومي.")
    assert [v for _, v in got] == ["R/P1Y", "R/P1M", "R/P1W", "R/P1D"]
    # "يومي"، "أسبوعي" are also "my day", "my week": not read alone
    assert values(tok, "قضيت أسبوعي في القرية.") == []
    assert values(tok, "ختمت يومي بزيارة.") == []


def test_year_before_a_quarter(tok):
    assert values(tok, "سأعود 2016 الربع الثالث.") == [("2016 الربع الثالث", "2016-07-01/2016-09-30")]


def test_two_days_joined_by_wa_are_a_range(tok):
    assert values(tok, "تجتمع اللجنة يومي 28 و29 يوليو.") == [("28 و29 يوليو", "2015-07-28/2015-07-29")]
    # numbers joined by و with no month: no date
    assert values(tok, "سجل اللاعب 3 و4 أهداف.") == []


def test_years_with_an_era_after_a_dash(tok):
    assert values(tok, "عاش الشاعر (نحو 570 - 632 ميلادية) في مكة.") == [("570 - 632 ميلادية", "0570/0632")]
    assert values(tok, "انطلق الموسم 2015 _ 2016 بمباراة.") == [("2015 _ 2016", "2015/2016")]
    # a score is no range
    assert values(tok, "فاز الفريق 3 - 1 على ضيفه.") == []


def test_night_between_two_weekdays(tok):
    got = values(tok, "وقعت المحاولة ليل الأحد الاثنين قرب النفق.", date(2015, 8, 4))
    assert got == [("الأحد الاثنين", "2015-08-02/2015-08-03")]
    # two weekdays not in order: two dates
    assert len(values(tok, "يفتح السوق الأحد، الثلاثاء.", date(2015, 8, 4))) == 2


def test_month_range_with_wahatta(tok):
    got = values(tok, "ارتفعت الحرارة بدءا من كانون الثاني/يناير وحتى حزيران/يونيو الماضي.")
    assert got == [("كانون الثاني/يناير وحتى حزيران/يونيو الماضي", "2015-01/2015-06")]


def test_basis_of_comparison_is_no_set(tok):
    assert values(tok, "ارتفعت الأرباح 24% على أساس سنوي.") == []


def test_same_month_needs_a_year(tok):
    assert values(tok, "كان يونيو 2015 الأدفأ مقارنة بنفس الشهر من الأعوام الماضية.") == [("يونيو 2015", "2015-06")]


def test_day_anaphor_keeps_no_value(tok):
    got = values(tok, "أعلن الجيش أمس السيطرة على المدينة، وفي اليوم ذاته قتل أربعة.")
    assert got[-1] == ("اليوم ذاته", None)


def test_centuries(tok):
    assert values(tok, "كان المتوسط في القرن العشرين أعلى.") == [("القرن العشرين", "19")]
    assert values(tok, "يرجع تاريخه إلى أواخر القرن السابع الميلادي.") == [("أواخر القرن السابع الميلادي", "0667/0700")]
    assert values(tok, "شهد القرن الـ21 تغيرات كبيرة.") == [("القرن الـ21", "20")]
    # a Hijri century: detected, no Gregorian value; القرن with no ordinal: no century
    assert values(tok, "عاش في القرن الرابع الهجري.") == [("القرن الرابع الهجري", None)]
    assert values(tok, "وصفوه بأنه مشروع القرن.") == []


def test_reported_speech_after_a_weekday_is_no_future(tok):
    got = values(tok, "وقال الوزير الخميس إنه سيزور المدينة.", date(2015, 8, 1))
    assert got == [("الخميس", "2015-07-30")]
    assert values(tok, "ستعقد اللجنة اجتماعها الخميس.", date(2015, 8, 1)) == [("الخميس", "2015-08-06")]


def test_words_that_start_like_a_future_verb(tok):
    assert values(tok, "سيطرت فرق الدفاع المدني السبت على حريق.", date(2015, 8, 3)) == [("السبت", "2015-08-01")]


def test_first_months_of_a_year(tok):
    assert values(tok, "انخفضت الإيرادات في أول ستة أشهر من السنة.") == [("أول ستة أشهر من السنة", "2015-01-01/2015-06-30")]
    assert values(tok, "ربحت في أول ثلاثة أشهر من عام 2014.") == [("أول ثلاثة أشهر من عام 2014", "2014-01-01/2014-03-31")]
    # no year after: the first months of something else, a duration only
    assert values(tok, "تدرب في أول ستة أشهر له مع الفريق.") == [("ستة أشهر", "P6M")]


def test_definite_unit_and_count_is_a_duration(tok):
    assert values(tok, "أعلنت نتائجها لفترة الأشهر الستة المنتهية في 30 يونيو.")[0] == ("الأشهر الستة", "P6M")
    # with a modifier it stays the period before or after the publication date
    assert values(tok, "تراجعت خلال الأيام الثلاثة الماضية.")[0][1] == "2015-07-21/2015-07-24"


def test_end_of_the_week_is_the_weekend(tok):
    assert values(tok, "تفقد الوزير المشاريع نهاية الأسبوع المنصرم.", date(2015, 8, 4)) == [
        ("نهاية الأسبوع المنصرم", "2015-W31-WE")]
    # the end of a month stays its last third
    assert values(tok, "يصدر القرار نهاية الشهر الجاري.", date(2015, 8, 4)) == [
        ("نهاية الشهر الجاري", "2015-08-21/2015-08-31")]
