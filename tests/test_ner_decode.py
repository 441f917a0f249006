"""NER decoding: BIO-constrained Viterbi, document-level name propagation and document grouping in
the evaluation."""

from __future__ import annotations

import numpy as np

from pipeline import ner
from pipeline.evaluation import ner as ev
from pipeline.ner import bio_viterbi

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")


def test_bio_viterbi_never_starts_inside_or_switches_type():
    lp = np.log(np.full((4, len(TAGS)), 1e-3))
    lp[0, TAGS.index("I-PER")] = 0.0  # best alone, but an I- cannot start a sentence
    lp[1, TAGS.index("I-ORG")] = 0.0  # nor follow another type
    lp[2, TAGS.index("B-LOC")] = 0.0
    lp[3, TAGS.index("I-LOC")] = 0.0
    tags = bio_viterbi(lp, TAGS)
    assert tags[2:] == ["B-LOC", "I-LOC"]
    for a, b in zip(["O", *tags], tags, strict=False):
        assert not b.startswith("I-") or a[2:] == b[2:]


def test_propagate_names_tags_other_mentions_with_clitics():
    s1 = ["قال", "البنك", "التجاري", "ان", "ارباحه", "زادت"]
    s2 = ["واعلن", "للبنك", "التجاري", "في", "القاهره"]
    s3 = ["البنك", "التجاري", "ورئيسه"]
    spans = [[(1, 3, "ORG")], [(4, 5, "LOC")], []]
    out = ner.propagate_names([s1, s2, s3], spans)
    assert out[0] == [(1, 3, "ORG")]
    assert (1, 3, "ORG") in out[1] and (4, 5, "LOC") in out[1]
    assert out[2] == [(0, 2, "ORG")]
    # a name is never laid over words the model already tagged
    out = ner.propagate_names([s1, s3], [[(1, 3, "ORG")], [(0, 1, "LOC")]])
    assert out[1] == [(0, 1, "LOC")]


def test_propagate_names_surnames_and_one_label_per_name():
    s1 = ["قال", "المدرب", "ارسين", "فينغر", "ان", "ارسنال", "فاز"]
    s2 = ["واضاف", "فينغر", "ان", "ارسنال", "سيلعب"]
    s3 = ["وفي", "ارسنال", "لاعبون", "كثيرون"]
    spans = [[(2, 4, "PER"), (5, 6, "ORG")], [(3, 4, "ORG")], [(1, 2, "LOC")]]
    out = ner.propagate_names([s1, s2, s3], spans)
    assert (1, 2, "PER") in out[1]  # the surname alone is the person
    assert out[2] == [(1, 2, "ORG")]  # two ORG readings against one LOC: one label per name
    # a word the document tags alone with another label is not taken as a surname
    s4 = ["زار", "محمد", "مصر", "ثم", "مصر"]
    out = ner.propagate_names([s4], [[(1, 3, "PER"), (4, 5, "LOC")]])
    assert out[0] == [(1, 3, "PER"), (4, 5, "LOC")]


class _Echo:
    """A stand-in 'ner' component that tags the first word of every sentence as PER."""

    def __call__(self, doc):
        from spacy.tokens import Span

        doc.ents = [Span(doc, s.start, s.start + 1, label="PER") for s in doc.sents]
        return doc


def test_evaluation_groups_sentences_and_maps_offsets_back():
    import spacy

    blank = spacy.blank("ar")

    class _Nlp:  # the two things predict() uses: the vocab and the "ner" component
        vocab = blank.vocab
        pipe_names = ["ner"]

        @staticmethod
        def get_pipe(name):
            return _Echo()

    nlp = _Nlp()
    sents = [["أ", "ب"], ["ج"], ["د", "ه", "و"]]
    for k in (1, 2, 3):
        preds, wps = ev.predict(nlp, sents, doc_sentences=k)
        assert preds == [{(0, 1, "PER")}] * 3 and wps > 0
