"""The shipped NER model on sentences in the news conventions (issue 16, docs/conventions.md)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():
    import pipeline

    return pipeline.load(exclude=("dates", "numbers", "quotes"))


@pytest.mark.parametrize("text, expected", [
    ("قالت وزارة الصحة إن قوات الأمن قبضت على خلية تابعة لجماعة الحوثي في منطقة جازان.",
     {("وزارة الصحة", "ORG"), ("جماعة الحوثي", "ORG"), ("منطقة جازان", "LOC")}),
    ("أعلنت وزارة التجارة السعودية عن خطة جديدة.", {("وزارة التجارة السعودية", "ORG")}),
    ("وأكد أمين منطقة الرياض أن أمانة منطقة الرياض ستنفذ المشروع في حي النسيم.",
     {("أمانة منطقة الرياض", "ORG"), ("حي النسيم", "LOC")}),
    ("وذكرت وكالة الأنباء السعودية أن الهيئة العامة للسياحة والتراث الوطني وقعت اتفاقية مع جامعة الملك سعود.",
     {("وكالة الأنباء السعودية", "ORG"), ("الهيئة العامة للسياحة والتراث الوطني", "ORG"),
      ("جامعة الملك سعود", "ORG")}),
    ("وقال المتحدث باسم المديرية العامة للدفاع المدني إن الحريق اندلع في محافظة القطيف.",
     {("المديرية العامة للدفاع المدني", "ORG"), ("محافظة القطيف", "LOC")}),
])
def test_issue_sentences(nlp, text, expected):
    found = {(e._.canonical, e.label_) for e in nlp(text).ents}
    assert expected <= found, found
