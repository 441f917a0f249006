"""Numbers on news: words that look like numbers but are not (preliminary, per second, list
markers). All sentences are written for these tests."""

from __future__ import annotations

from pipeline.numbers import find_numbers


def texts(tok, text):
    return [(sp.text, sp._.value) for sp in find_numbers(tok(text))]


def test_preliminary_is_no_ordinal(tok):
    assert texts(tok, "وبحسب التقرير الأولي ارتفع المؤشر.") == []
    assert texts(tok, "أعلنت الشركة عن الربح الأولي للسهم.") == []
    # after a feminine noun, or written with ى, it is the ordinal
    assert texts(tok, "انتهت المرحلة الأولي من المشروع.") == [("الأولي", 1.0)]
    assert texts(tok, "فاز في المباراة الأولى.") == [("الأولى", 1.0)]


def test_per_second_is_no_ordinal(tok):
    assert texts(tok, "بلغت السرعة 300 ميجابت في الثانية.") == [("300", 300.0)]
    assert texts(tok, "يقطع الضوء 300 ألف كيلومتر في الثانية.") == [("300 ألف", 300000.0)]
    # a place in a ranking stays an ordinal
    assert texts(tok, "حل الفريق في الثانية بعد الهلال.") == [("الثانية", 2.0)]


def test_list_markers_are_no_numbers(tok):
    assert texts(tok, "من الأسباب: 1 – غلاء المهور. 2 – البطالة.") == []
    assert texts(tok, "الشروط:\n3) أن يكون سعوديا.") == []
    # a count after a word, a score and a range stay
    assert texts(tok, "قال إن 5 - لاعبين غابوا.")[0] == ("5", 5.0)
    assert texts(tok, "تراوحت الأعمار: 10 - 20 عاما.")[0][1] == 10.0


def test_construct_ordinals(tok):
    got = texts(tok, "والهند ثاني أكبر مستهلك، ويتجه الخام لتكبد خامس خسائره، وشنت تركيا أولى ضرباتها.")
    assert got == [("ثاني", 2.0), ("خامس", 5.0), ("أولى", 1.0)]
    # a name, "more deserving", a family name: no ordinal
    assert texts(tok, "ارتفع ثاني أكسيد الكربون، وهو أولى بالرعاية.") == []
    assert texts(tok, "التقى الشيخ حمد آل ثاني الوفد.") == []


def test_cents_are_hundredths_of_the_currency(tok):
    sp = find_numbers(tok("وتراجع سعر الخام 35 سنتا إلى 54.92 دولار."))
    assert (sp[0].text, sp[0]._.value, sp[0]._.kind, sp[0]._.unit) == ("35", 0.35, "money", "USD")
    sp = find_numbers(tok("ارتفع السهم 50 هللة."))
    assert (sp[0]._.value, sp[0]._.unit) == (0.5, "SAR")
    # a count of other things stays as written
    assert texts(tok, "اشترى 35 سنارة.") == [("35", 35.0)]
