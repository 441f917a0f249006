"""The sentence splitter (spaCy component ``arabic_sentences``)."""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .chars import CLOSERS, SENTENCE_END

# token classes for the sentence splitter, cached per vocabulary entry (orth id)
_PLAIN, _END, _NEWLINE, _CLOSER, _SPACE = range(5)
_TOKEN_CLASS: dict[int, int] = {}


def _token_class(doc: Doc, orth: int) -> int:
    text = doc.vocab.strings[orth]
    if not text.strip():
        return _NEWLINE if "\n" in text else _SPACE
    if text in SENTENCE_END:
        return _END
    return _CLOSER if text in CLOSERS else _PLAIN


@Language.component("arabic_sentences")
def arabic_sentences(doc: Doc) -> Doc:
    """Sentence boundaries after . ! ? ؟ … (and any closing quote or bracket that follows) and
    at line and paragraph breaks. Whitespace tokens stay with the sentence before them.
    (spaCy keeps newlines as tokens of their own: trailing whitespace is at most one space.)"""
    n = len(doc)
    if n == 0:
        return doc
    classes = _TOKEN_CLASS
    starts = numpy.full((n, 1), -1, dtype="int64")
    starts[0, 0] = 1
    boundary = False  # a boundary is pending: the next non-space token starts a sentence
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = classes.get(orth)
        if kind is None:
            kind = classes[orth] = _token_class(doc, orth)
        if boundary and kind in (_PLAIN, _END):
            starts[i, 0] = 1
            boundary = False
        if kind == _END or kind == _NEWLINE:
            boundary = True
    doc.from_array([SENT_START], starts.astype("uint64"))  # -1 wraps, as spaCy stores it
    return doc
