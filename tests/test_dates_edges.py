"""A range or period rule that looks one piece past the end of the text must not fail the document
(a text that stops at "من 10 يوليو إلى" crashed the dates stage with an IndexError)."""

import pytest

ENDINGS = ["وقع الحادث بين يوليو و", "من 10 يوليو إلى", "من الاثنين حتى", "من 5 إلى",
           "منذ عام 2014 وحتى", "خلال الفترة من يناير إلى", "الربع", "هذا الربع من"]


@pytest.mark.parametrize("text", ENDINGS)
def test_a_text_that_stops_inside_a_range(nlp, text):
    doc = nlp(text)
    for span in doc.spans["dates"]:
        assert span.text == text[span.start_char:span.end_char]


def test_the_first_part_of_a_cut_range_is_still_read(nlp):
    doc = nlp("من 10 يوليو إلى")
    assert [s.text for s in doc.spans["dates"]] == ["10 يوليو"]
