"""The speed-ups give what the plain, slower code gives: tokenizer rules, counts, quote layout."""

from __future__ import annotations

import pytest
from spacy.attrs import ORTH

from pipeline.lang.nlp import make_nlp
from pipeline.quotes.component import _sent_bounds
from pipeline.quotes.marks import MARKS, _layout
from pipeline.records import _sentence_index, doc_rows, doc_text, document_row

TEXTS = [
    "قال د. أحمد  إن «الاقتصاد ينمو».\n\nوأضاف:\t\"سنواصل العمل\" حتى 2030.\n",
    " \n«نص» مفتوح\n\n\n“وآخر” ق.م أنا إلخ  ):  \u00a0 نهاية",
    "",
    "\n",
    "كلمة",
    "أ.د. محمد قال: «الأسعار ارتفعت بنسبة 5%».  \n  وأكد الوزير أن الخطة ستنفذ.",
]


@pytest.fixture(scope="module")
def pair():
    fast = make_nlp()
    plain = make_nlp()
    rules = dict(plain.tokenizer.rules)
    for ws in ("\n", "\t", " "):
        rules[ws] = [{ORTH: ws}]  # spaCy's own rules, which stop the tokenizer's cache
    plain.tokenizer.rules = rules
    plain.tokenizer.max_cache_size = 10_000
    return fast, plain


@pytest.mark.parametrize("text", TEXTS)
def test_tokenizer_without_whitespace_rules_gives_the_same_tokens(pair, text):
    fast, plain = pair
    for _ in range(2):  # the second pass reads the tokenizer's cache
        a, b = fast(text), plain(text)
        assert [(t.text, t.idx, t.whitespace_, t.norm_, t.is_sent_start) for t in a] == [
            (t.text, t.idx, t.whitespace_, t.norm_, t.is_sent_start) for t in b
        ]


@pytest.mark.parametrize("text", TEXTS)
def test_counts_and_sentence_ids_match_the_token_loops(pair, text):
    doc = pair[0](text)
    assert doc_text(doc) == doc.text == text
    row = document_row(doc)
    assert row["n_chars"] == len(text)
    assert row["n_words"] == sum(1 for t in doc if not (t.is_space or t.is_punct))
    assert row["n_sentences"] == sum(1 for _ in doc.sents)
    k, expected = -1, []
    for t in doc:
        k += 1 if t.is_sent_start else 0
        expected.append(max(k, 0))
    assert _sentence_index(doc) == expected
    assert doc_rows(doc, "d") == {"entities": [], "dates": [], "numbers": [], "quotes": []}


@pytest.mark.parametrize("text", TEXTS)
def test_quote_layout_matches_the_token_loops(pair, text):
    doc = pair[0](text)
    paragraphs, marks, space = _layout(doc)
    expected, a = [], 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            if t.i > a:
                expected.append((a, t.i))
            a = t.i + 1
    if a < len(doc):
        expected.append((a, len(doc)))
    assert paragraphs == expected
    assert marks == [t.i for t in doc if t.text in MARKS]
    assert space == [int(t.is_space) for t in doc]
    starts, ends = _sent_bounds(doc)
    for t in doc:
        sent = t.sent
        assert (starts[t.i], ends[t.i]) == (sent.start, sent.end)
