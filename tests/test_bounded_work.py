"""Bounded work per document (issue 19, item 1): runs of punctuation, emoji, digits or diacritics
without spaces are tokenized in pieces (time linear, offsets exact), overlong sentences are cut,
and text with ordinary runs is tokenized exactly as spaCy's tokenizer does."""

from __future__ import annotations

import time

import pytest
from spacy.tokenizer import Tokenizer

from pipeline.lang.sentences import MAX_SENTENCE_TOKENS
from pipeline.lang.tokenizer import MAX_RUN, PIECE

RUNS = ["=", "$", "،", ":", "(", "«", "😀", "7", "\u064e", "بَّ", "1,", "a"]


def _exact(doc, text):
    assert doc.text == text
    for t in doc:
        assert text[t.idx:t.idx + len(t.text)] == t.text


@pytest.mark.parametrize("unit", RUNS)
def test_long_runs_are_cut_with_exact_offsets(tok, unit):
    text = "قال الوزير: " + unit * 3000 + " انتهى.\nسطر ثان"
    doc = tok.make_doc(text)
    _exact(doc, text)
    assert max(len(t.text) for t in doc) <= PIECE


def test_short_runs_are_tokenized_as_spacy_does(tok):
    texts = ["قال:«نحن» " + "=" * MAX_RUN, "http://www.mcs.gov.sa/" + "a" * 400 + ".aspx).",
             "الوزير.وقال إن 2022. و2015 حزيران/يونيو", "  مسافتان\n\n" + "؟" * 300]
    for text in texts:
        ours = [(t.text, t.whitespace_) for t in tok.tokenizer(text)]
        stock = [(t.text, t.whitespace_) for t in Tokenizer.__call__(tok.tokenizer, text)]
        assert ours == stock


def test_tokenizing_a_long_run_takes_linear_time(tok):
    t0 = time.perf_counter()
    tok.make_doc("=" * 20_000)
    tok.make_doc("😀" * 20_000)
    assert time.perf_counter() - t0 < 3  # quadratic: more than 60 s


def test_a_run_of_4301_digits_is_an_ok_document(nlp):
    from pipeline.api import process_text

    tables = process_text(nlp, "قال الوزير إن العدد بلغ " + "7" * 4301 + " شخصا.", published="2022-06-20")
    assert tables["documents"][0]["status"] == "ok", tables["documents"][0]["error"]


def test_an_overlong_sentence_is_cut(tok):
    doc = tok("وقال إن " * 1500)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert len(list(tok("قال الوزير إن الحكومة ستواصل دعمها. وأضاف أن العمل بدأ.").sents)) == 2
