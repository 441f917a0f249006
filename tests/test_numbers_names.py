"""Numbers: numbers that name rather than count (unit and resolution numbers, regnal numbers, fixed
names, "one of"), counts after a possessed plural or inside a relative date, money ranges with the
currency after each bound, ratios of number words. All sentences are written for these tests."""

from __future__ import annotations

import pipeline
from pipeline.numbers import find_numbers


def _spans(tok, text):
    doc = tok(text)
    return [(sp.text, sp._.value, sp._.value_max, sp._.kind) for sp in find_numbers(doc)]


def _numbers(text, published="2016-03-10"):
    return [(n["text"], n["value"], n["kind"]) for n in pipeline.extract(text, published=published)["numbers"]]


def test_unit_and_resolution_numbers_are_identifiers(tok):
    assert _spans(tok, "انتشرت الكتيبة 17 على الحدود.") == []
    assert _spans(tok, "وصل قائد الفرقة 9 مشاة إلى الجبهة.") == []
    assert _spans(tok, "طالب المجلس بتنفيذ القرار الأممي 1701 كاملا.") == []
    # a count of divisions is a number
    assert _spans(tok, "شاركت 9 فرق في العرض.") == [("9", 9.0, None, "cardinal")]


def test_a_regnal_number_is_part_of_the_name(tok):
    assert _spans(tok, "استقبل الملك فيصل الثاني الوفد.") == []
    assert _spans(tok, "والبابا يوحنا الثالث والعشرون") == []
    # a definite word after the title: an ordinal ("the second king")
    assert _spans(tok, "كان الملك الثاني في الأسرة.") == [("الثاني", 2.0, None, "ordinal")]


def test_the_first_division_league_is_a_name(tok):
    assert _spans(tok, "صعد الفريق إلى دوري الدرجة الأولى.") == []
    # a first-class seat or a second-degree burn keep their ordinal
    assert _spans(tok, "أصيب بحروق من الدرجة الثانية.") == [("الثانية", 2.0, None, "ordinal")]


def test_one_of_before_a_superlative_is_no_count(tok):
    assert _spans(tok, "تعد المدينة واحدة من أجمل المدن.") == []
    assert _spans(tok, "كان واحدا من أبرز اللاعبين.") == []
    # one of a counted group stays one
    assert _spans(tok, "نجا واحد من الركاب.") == [("واحد", 1.0, None, "cardinal")]


def test_a_count_after_a_possessed_plural(tok):
    assert _spans(tok, "سافر مع أشقائه الأربعة إلى مكة.") == [("الأربعة", 4.0, None, "cardinal")]
    assert _spans(tok, "باع سياراتهم الخمس في المزاد.") == [("الخمس", 5.0, None, "cardinal")]
    # an ordinal after it stays an ordinal; a definite number word after a verb is nothing
    assert _spans(tok, "فاز في سباقاته الثالثة.") == [("الثالثة", 3.0, None, "ordinal")]
    assert _spans(tok, "وصل الثلاثة.") == []


def test_the_count_of_a_relative_date_is_a_number():
    assert ("سبعة", 7.0, "cardinal") in _numbers("وصل الوفد قبل نحو سبعة أيام إلى الرياض.")
    assert ("أربعة", 4.0, "cardinal") in _numbers("ارتفعت المبيعات في أول أربعة أشهر من العام.")
    # the day of a date is not
    assert _numbers("وصل الوفد قبل 20 مايو إلى الرياض.") == []


def test_money_range_with_the_currency_after_each_bound(tok):
    assert _spans(tok, "تراوحت الغرامات بين 50 ألف ريال و200 ألف ريال للمخالف.") == [
        ("بين 50 ألف ريال و200 ألف", 50000.0, 200000.0, "range")]
    # two currencies: two amounts
    assert [s[3] for s in _spans(tok, "دفع بين 50 ريالا و20 دولارا.")] == ["money", "money"]


def test_a_ratio_of_number_words_ending_the_sentence(tok):
    assert _spans(tok, "حصل الطالب على ثلاثة من ثمانية.") == [("ثلاثة من ثمانية", 0.375, None, "fraction")]
    # a counted noun after it, or digits: two numbers
    assert [s[1] for s in _spans(tok, "فاز في ثلاثة من ثمانية مباريات.")] == [3.0, 8.0]
    assert [s[1] for s in _spans(tok, "نجح 3 من 8.")] == [3.0, 8.0]


def test_a_score_is_no_quantity(tok):
    assert _spans(tok, "فاز الفريق بخمسة أهداف دون رد.") == []
    assert _spans(tok, "تقدم بثلاثة أهداف مقابل هدف.") == []
    # goals counted: a quantity
    assert _spans(tok, "سجل المهاجم خمسة أهداف في الموسم.") == [("خمسة", 5.0, None, "cardinal")]


def test_a_score_written_with_a_dash_is_no_quantity(tok):
    assert _spans(tok, "انتهت المباراة بفوز الأهلي 3-1 على ضيفه.") == []
    assert _spans(tok, "خسر الفريق 0-2 أمام منافسه.") == []
    # without a result word the numbers stay ("صفحات 3-1" is no score); big numbers are no score
    assert [s[1] for s in _spans(tok, "راجع الصفحات 3-1 من الكتاب.")] == [3.0, 1.0]
    assert [s[1] for s in _spans(tok, "بفوز ساحق بلغ 150-120 صوتا.")] != []


def test_and_one_of_is_no_count(tok):
    # "وأحد" is و + أحد (one of), though it normalizes as "واحد"
    assert _spans(tok, "وأحد أسباب التأخير نقص العمال.") == []
    assert _spans(tok, "وأحد عشر لاعبا شاركوا.") == [("وأحد عشر", 11.0, None, "cardinal")]
    assert _spans(tok, "بقي لاعب واحد.") == [("واحد", 1.0, None, "cardinal")]


def test_a_number_in_a_programme_name(tok):
    assert _spans(tok, "فاز بلقب شاعر المليون في موسمه.") == []
    assert _spans(tok, "حضر الحفل مليون زائر.") == [("مليون", 1000000.0, None, "cardinal")]


def test_an_ordinal_without_the_article_after_its_noun(tok):
    assert _spans(tok, "أعلن النادي عن صفقة سادسة هذا الصيف.") == [("سادسة", 6.0, None, "ordinal")]
    # not after a definite noun, not ثانية (a second), not a name
    assert _spans(tok, "أعلن النادي عن الصفقة سادسة.") == []
    assert _spans(tok, "انتظر دقيقة ثانية.") == []
    assert _spans(tok, "تجمعوا في ساحة رابعة العدوية.") == []


def test_digits_after_an_index_name_name_the_index(tok):
    assert _spans(tok, "وتراجع مؤشر نيكاي 225 الياباني بنسبة 1 %.") == [("1 %", 1.0, None, "percent")]
    assert _spans(tok, "وصعد المؤشر ستاندرد آند بورز 500 عند الإغلاق.") == []
    # a change of the index, or a reading of an index named in Arabic words, is a quantity
    assert _spans(tok, "وارتفع مؤشر السوق 85 نقطة.") == [("85", 85.0, None, "cardinal")]
    assert _spans(tok, "وبلغ مؤشر مديري المشتريات 52 في مايو.")[0][:2] == ("52", 52.0)


def test_a_senior_team_and_a_club_are_names(tok):
    assert _spans(tok, "عاد فريق الوحدة الأول لكرة القدم من المعسكر.") == []
    assert _spans(tok, "تعاقد نادي وست هام مع المدافع.") == []
    # a first place and six players are numbers
    assert _spans(tok, "نال الفريق المركز الأول وضم ست لاعبات.") == [
        ("الأول", 1.0, None, "ordinal"), ("ست", 6.0, None, "cardinal")]


def test_the_bounds_of_an_amount_of_time_are_a_range():
    assert _numbers("شملت الدراسة مرضى تتراوح أعمارهم بين 40 و65 عاما.") == [("بين 40 و65", 40.0, "range")]


def test_four_digits_before_what_they_count_are_no_year(tok):
    assert _spans(tok, "شارك في المسح 1984 طالبا من المدارس.") == [("1984", 1984.0, None, "cardinal")]
    # a year before an adverb or a place with a proclitic stays a year (the dates stage's)
    assert _spans(tok, "وفي 1984 أيضا افتتح المبنى.") == []
    assert _spans(tok, "تأهل المنتخب إلى مونديال 2018 بروسيا.") == []
