"""Numbers: the pure reader (pipeline.lang.number_words) and the stage (pipeline.numbers).

All sentences are written for these tests.
"""

from __future__ import annotations

import math

import pytest
from spacy.tokens import Span

from pipeline.lang.number_words import parse_digits, read_number, read_ordinal
from pipeline.numbers import find_numbers


def _read(tok, text, reader=read_number):
    doc = tok(text)
    norms = [t.norm_ for t in doc]
    ws = [t.whitespace_ for t in doc]
    r = reader(norms, 0, ws) if reader is read_number else reader(norms, 0)
    if r is None:
        return None
    return r[0], doc[: r[1]].text


def _spans(tok, text, dates=None):
    doc = tok(text)
    if dates is not None:
        doc.spans["dates"] = [doc.char_span(text.index(d), text.index(d) + len(d), alignment_mode="expand")
                              for d in dates]
    spans = find_numbers(doc)
    for sp in spans:
        assert text[sp.start_char:sp.end_char] == sp.text
    return spans


def _one(tok, text, expected_text):
    spans = [s for s in _spans(tok, text) if s.text == expected_text]
    assert spans, f"{expected_text!r} not found in {[s.text for s in _spans(tok, text)]}"
    return spans[0]


# --- the reader -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,value", [
    ("1500", 1500),
    ("١٥٠٠", 1500),  # Arabic-Indic
    ("۱۵۰۰", 1500),  # Persian
    ("٢٥٫٥", 25.5),  # Arabic decimal separator
    ("١٬٢٣٤٬٥٦٧", 1234567),  # Arabic thousands separator
    ("1,234,567", 1234567),
    ("1.5", 1.5),
    ("4.800", 4.8),
    ("0,25", 0.25),
])
def test_digits(tok, text, value):
    got = _read(tok, text)
    assert got is not None and math.isclose(got[0], value) and got[1] == text


def test_three_decimals_before_a_count_noun_are_thousands(tok):
    assert _read(tok, "20.000 متظاهر")[0] == 20000
    assert _read(tok, "20.000 مليون")[0] == 20_000_000
    assert parse_digits("20.000") == 20.0


def test_arabic_comma_groups_and_space_groups(tok):
    assert _read(tok, "٣،٥٠٠،٠٠٠ نسمة") == (3_500_000, "٣،٥٠٠،٠٠٠")
    assert _read(tok, "2 350 000 لاجئ") == (2_350_000, "2 350 000")
    # a list with spaces after the comma is three numbers
    assert _read(tok, "٣ ، ٥٠٠ ، ٧")[1] == "٣"


@pytest.mark.parametrize("text,value,span", [
    ("ثلاثة آلاف وخمسمائة عامل", 3500, "ثلاثة آلاف وخمسمائة"),
    ("مائتان وواحد وثمانون مقعدا", 281, "مائتان وواحد وثمانون"),
    ("خمس عشرة سيارة", 15, "خمس عشرة"),
    ("إحدى عشرة دولة", 11, "إحدى عشرة"),
    ("اثنا عشر لاعبا", 12, "اثنا عشر"),
    ("ثلاث نساء", 3, "ثلاث"),
    ("سبعة رجال", 7, "سبعة"),
    ("عشرون طالبا", 20, "عشرون"),
    ("عشرين طالبا", 20, "عشرين"),
    ("مئة وخمسون كتابا", 150, "مئة وخمسون"),
    ("مائة وخمسون كتابا", 150, "مائة وخمسون"),
    ("الف دينار", 1000, "الف"),
    ("ألفين وخمسمائة ريال", 2500, "ألفين وخمسمائة"),
    ("مليونا دولار", 2_000_000, "مليونا"),
    ("مليوني نسمة", 2_000_000, "مليوني"),
    ("عشرون ألفا", 20_000, "عشرون ألفا"),
    ("ثلاثون مليونا", 30_000_000, "ثلاثون مليونا"),
    ("281 مليون مسافر", 281_000_000, "281 مليون"),
    ("1.5 مليار يورو", 1_500_000_000, "1.5 مليار"),
    ("٢٥ ألف زائر", 25_000, "٢٥ ألف"),
    ("2 مليون 300 ألف برميل", 2_300_000, "2 مليون 300 ألف"),
    ("مليون ونصف مليون", 1_500_000, "مليون ونصف مليون"),
    ("ثلاثة ملايين ونصف المليون", 3_500_000, "ثلاثة ملايين ونصف المليون"),
    ("مليار ونصف", 1_500_000_000, "مليار ونصف"),
    ("نصف مليون لاجئ", 500_000, "نصف مليون"),
    ("ثلاثة أرباع الميزانية", 0.75, "ثلاثة أرباع"),
    ("ثلثي الأعضاء", 2 / 3, "ثلثي"),
    ("ستة وعشرون عاملا", 26, "ستة وعشرون"),
    ("سالب ثلاثة", -3, "سالب ثلاثة"),
    ("بألفين ومائتين", 2200, "بألفين ومائتين"),
])
def test_words(tok, text, value, span):
    got = _read(tok, text)
    assert got is not None, text
    assert math.isclose(got[0], value, rel_tol=1e-9) and got[1] == span


def test_ranges_are_not_one_number(tok):
    # "بين 10 آلاف و20 ألفا": the reader stops before the و of the second bound
    assert _read(tok, "10 آلاف و20 ألفا") == (10_000, "10 آلاف")
    assert _read(tok, "10 و20") == (10, "10")
    assert _read(tok, "ثلاثمائة ومائتان") == (300, "ثلاثمائة")


def test_not_numbers(tok):
    assert _read(tok, "أحد المسؤولين") is None  # "one of", not a teen
    assert _read(tok, "ثمن النفط") is None  # price, not an eighth
    assert _read(tok, "خمس سنوات")[0] == 5  # five, not a fifth
    assert _read(tok, "خمس المبلغ")[0] == 0.2  # a fifth before a definite noun


@pytest.mark.parametrize("text,value,span", [
    ("الأول من نوعه", 1, "الأول"),
    ("الثانية عشرة ظهرا", 12, "الثانية عشرة"),
    ("الحادي عشر", 11, "الحادي عشر"),
    ("الحادية عشرة", 11, "الحادية عشرة"),
    ("الخامس والعشرون", 25, "الخامس والعشرون"),
    ("الحادي والعشرين", 21, "الحادي والعشرين"),
    ("العشرين", 20, "العشرين"),
    ("أول مرة", 1, "أول"),
])
def test_ordinals(tok, text, value, span):
    assert _read(tok, text, read_ordinal) == (value, span)


def test_not_ordinals(tok):
    assert _read(tok, "الاثنين", read_ordinal) is None  # Monday
    assert _read(tok, "الواحد", read_ordinal) is None
    assert _read(tok, "الحادي", read_ordinal) is None


# --- the stage ------------------------------------------------------------------------------------


def test_counted_noun_and_modifier(tok):
    text = "وقدمت 110 دولة أكثر من 100 تعهد، فيما تجاوز عدد اللاجئين 281 مليون لاجئ و158 مشروعًا."
    spans = {s.text: s for s in _spans(tok, text)}
    assert spans["110"]._.unit == "دولة" and spans["110"]._.kind == "cardinal"
    assert spans["100"]._.value == 100 and spans["100"]._.modifier == "more_than" and spans["100"]._.unit == "تعهد"
    assert spans["281 مليون"]._.value == 281_000_000 and spans["281 مليون"]._.unit == "لاجئ"
    assert spans["158"]._.unit == "مشروعًا"


@pytest.mark.parametrize("text,span,mod", [
    ("حضر نحو 300 شخص", "300", "approx"),
    ("حضر حوالي ٣٠٠ شخص", "٣٠٠", "approx"),
    ("قتل قرابة خمسين مدنيا", "خمسين", "approx"),
    ("بلغت الخسائر ما يزيد على ألف دولار", "ألف", "more_than"),
    ("شارك ما لا يقل عن 40 فريقا", "40", "at_least"),
    ("ارتفع بأكثر من 20 نقطة", "20", "more_than"),
    ("سجلت أقل من 5 حالات", "5", "less_than"),
    ("وصل 500 مهاجر تقريبا", "500", "approx"),
])
def test_modifiers(tok, text, span, mod):
    assert _one(tok, text, span)._.modifier == mod


@pytest.mark.parametrize("text,span,value", [
    ("ارتفعت الأسعار بنسبة 15 في المائة", "15 في المائة", 15),
    ("وانخفضت البطالة إلى ٧٫٥٪ هذا العام", "٧٫٥٪", 7.5),
    ("زادت الصادرات 20% خلال الربع", "20%", 20),
    ("تراجع الإنتاج ثلاثين بالمئة", "ثلاثين بالمئة", 30),
    ("يتوقع %31 منهم الحصول على زيادة", "%31", 31),
    ("امتلأت البطارية ١٠٠٪\u061c.", "١٠٠٪", 100),  # the direction mark is its own (blank) token
])
def test_percent(tok, text, span, value):
    sp = _one(tok, text, span)
    assert sp._.kind == "percent" and math.isclose(sp._.value, value) and sp._.unit == "%"


@pytest.mark.parametrize("text,span,value,code", [
    ("خصصت الحكومة 1.5 مليار دولار للمشروع", "1.5 مليار", 1.5e9, "USD"),
    ("بلغ الدعم 300 مليون يورو", "300 مليون", 3e8, "EUR"),
    ("دفع 500 دينار كويتي", "500", 500, "KWD"),
    ("بلغ الراتب ٧٥٠ دينارا أردنيا", "٧٥٠", 750, "JOD"),
    ("تبرع بخمسة آلاف دينار بحريني", "بخمسة آلاف", 5000, "BHD"),
    ("سعر الكيلو 40 ريالا قطريا", "40", 40, "QAR"),
    ("بيع بمبلغ 20 ريال عماني", "20", 20, "OMR"),
    ("تكلفت 200 جنيه إسترليني", "200", 200, "GBP"),
    ("بلغت 1000 ليرة لبنانية", "1000", 1000, "LBP"),
    ("هبطت إلى 30 ليرة تركية", "30", 30, "TRY"),
    ("بلغ 90 درهما مغربيا", "90", 90, "MAD"),
    ("ثمنه 100 ريال فقط", "100", 100, "SAR"),
    ("ثمنه مائتا جنيه", "مائتا", 200, "EGP"),
    ("ثمنه $20 فقط", "20", 20, "USD"),
])
def test_money(tok, text, span, value, code):
    sp = _one(tok, text, span)
    assert sp._.kind == "money" and math.isclose(sp._.value, value) and sp._.unit == code


def test_bare_dinar_keeps_the_word(tok):
    sp = _one(tok, "تبرع بـ 50 دينارا", "50")
    assert sp._.kind == "money" and sp._.unit == "دينارا"


@pytest.mark.parametrize("text,span,lo,hi,unit", [
    ("يعمل بين 10 و20 شخصا", "بين 10 و20", 10, 20, "شخصا"),
    ("تتراوح بين ٥ و٧ سنوات", "بين ٥ و٧", 5, 7, "سنوات"),
    ("من 5 إلى 7 ملايين دولار", "من 5 إلى 7 ملايين", 5e6, 7e6, "USD"),
    ("ما بين ثلاثين وخمسين عاما", "ما بين ثلاثين وخمسين", 30, 50, "عاما"),
    ("بين خمسة وعشرين جنديا", "بين خمسة وعشرين", 5, 20, "جنديا"),
    ("ارتفعت بين 3 و4 في المائة", "بين 3 و4 في المائة", 3, 4, "%"),
    ("يتراوح السعر بين 200 إلى 300 ألف ريال", "بين 200 إلى 300 ألف", 200_000, 300_000, "SAR"),
    ("بسرعة 18 – 38 كم في الساعة", "18 – 38", 18, 38, "كم"),
])
def test_ranges(tok, text, span, lo, hi, unit):
    sp = _one(tok, text, span)
    assert sp._.kind == "range" and sp._.value == lo and sp._.value_max == hi and sp._.unit == unit


def test_two_bounds_make_a_range(tok):
    sp = _one(tok, "يتراوح العدد أكثر من 40 وأقل من 60 امرأة", "أكثر من 40 وأقل من 60")
    assert sp._.kind == "range" and (sp._.value, sp._.value_max, sp._.unit) == (40, 60, "امرأة")
    # contradictory bounds stay two numbers
    assert [s._.kind for s in _spans(tok, "أكثر من 40 وأقل من 10")] == ["cardinal", "cardinal"]


def test_reads_across_a_double_space(tok):
    sp = _one(tok, "دفع مائة  وخمسين  ألف دولار", "مائة  وخمسين  ألف")
    assert sp._.value == 150_000 and sp._.unit == "USD"


def test_fraction_and_ordinal_kinds(tok):
    assert _one(tok, "يعيش ثلث السكان في المدن", "ثلث")._.kind == "fraction"
    sp = _one(tok, "حل في المركز الثالث", "الثالث")
    assert sp._.kind == "ordinal" and sp._.value == 3


@pytest.mark.parametrize("text", [
    "أطلقت المملكة رؤية 2030 للتنمية",
    "للاستفسار اتصلوا على الرقم 0501234567",
    "انتشر فيروس كوفيد 19 بسرعة",
    "وفي عام 2015 تغير الوضع",
    "انعقدت قمة مجموعة العشرين",
    "في كانون الثاني الماضي",
    "أي واحد منهم يستطيع",
    "بدأ الاجتماع في الساعة 10 واستمر",
    "وصل الوفد عند 8 صباحا",
    "شاشة بدقة 1366 × 768",
    "أرقام الجلوس 3601127112 و3601127118",
    "يقع المحل في شارع 25 بالحي",
    "وقع الحادث أمس الأول",
    "فاز الفريق في ذهاب نصف النهائي",
    "أنا لست في هذه السن",
    "يبدأ الحفل في الساعة السادسة مساء",
    "جذب القطاع مليارات الريالات",
    "فاز الفريق بنتيجة 2/4",
    "ارتفاع الموج من متر إلى متر ونصف",
])

def test_not_quantities(tok, text):
    assert _spans(tok, text) == []


def test_scores_and_counts_out_of(tok):
    assert [s.text for s in _spans(tok, "انتهت المباراة 1-3 وليس كما توقعوا") if s._.kind == "range"] == []
    spans = {s.text: s for s in _spans(tok, "سجل في 6 من 7 مباريات")}
    assert spans["6"]._.value == 6 and spans["7"]._.unit == "مباريات"
    assert [s.text for s in _spans(tok, "تسلمت ثلاث من 24 طائرة")] == ["ثلاث", "24"]
    assert _one(tok, "يعاني واحد من ثلاثة أطفال", "واحد من ثلاثة")._.kind == "fraction"


def test_date_boundary(tok):
    text = "تعقد القمة كل أربع سنوات بمشاركة ثلاثة وفود"
    spans = _spans(tok, text, dates=["كل أربع سنوات"])
    assert [s.text for s in spans] == ["ثلاثة"]
    # without the dates stage the same words are a number
    assert "أربع" in [s.text for s in _spans(tok, text)]


def test_component_fills_the_span_group():
    import pipeline

    nlp = pipeline.load(exclude=("ner", "quotes"))
    doc = nlp("وصل إلى الميناء ٢٥ ألف طن من القمح في ١٢ سفينة.")
    spans = list(doc.spans["numbers"])
    assert all(isinstance(s, Span) for s in spans)
    got = {(s.text, s._.value, s._.unit) for s in spans}
    assert ("٢٥ ألف", 25000.0, "طن") in got
    assert ("١٢", 12.0, "سفينة") in got


def test_spec_conformance(shared):
    """The Recognizers-Text Arabic Number specs stay above a floor (figures in benchmarks/results)."""
    import importlib.util
    from pathlib import Path

    import pipeline

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "numbers_spec.py"
    spec = importlib.util.spec_from_file_location("numbers_spec", path)
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    nlp = pipeline.load(exclude=("ner", "dates", "quotes"))
    rows = {(r["model"], r["subset"]): r for m in ("NumberModel", "PercentModel", "OrdinalModel")
            for r in runner.evaluate(nlp, m, False)}
    assert rows[("NumberModel", "all")]["F1"] >= 0.85
    assert rows[("NumberModel", "all")]["acc_matched"] >= 0.9
    assert rows[("PercentModel", "all")]["value_acc"] >= 0.9
    assert rows[("OrdinalModel", "numeric")]["F1"] >= 0.85


def test_seed_article_numbers(shared, nlp):
    """The issue's expectations on the real press release (published 2022-06-20)."""
    import datetime

    text = (shared / "samples" / "iom-cairo-2022-06-20.txt").read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.published = datetime.date(2022, 6, 20)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    nums = {s.text: s for s in doc.spans["numbers"]}
    assert nums["110"]._.value == 110 and nums["110"]._.unit == "دولة"
    assert nums["281 مليون"]._.value == 281_000_000 and nums["281 مليون"]._.unit == "مهاجر"
    assert nums["158"]._.value == 158 and nums["158"]._.unit == "تعهدًا"
    assert nums["100"]._.value == 100 and nums["100"]._.modifier == "more_than"
    assert nums["25"]._.value == 25 and nums["25"]._.unit == "دولة"
    recurrence = [d for d in doc.spans["dates"] if d.text == "كل أربع سنوات"]
    assert recurrence and recurrence[0]._.kind == "set"
    r = recurrence[0]
    assert not [n for n in doc.spans["numbers"] if n.start < r.end and r.start < n.end]
    for s in doc.spans["numbers"]:
        assert text[s.start_char : s.end_char] == s.text
