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
# A sentence that reaches this many tokens without a boundary ends there (at the next word): no
# stage then works on a run of thousands of tokens as one sentence (the quotes stage is quadratic
# in the length of a sentence). The longest sentence of 23,270 SaudiNewsNet articles has 692.
MAX_SENTENCE_TOKENS = 1000


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
    (spaCy keeps newlines as tokens of their own: trailing whitespace is at most one space.)
    A sentence longer than ``MAX_SENTENCE_TOKENS`` tokens is cut at that length."""
    n = len(doc)
    if n == 0:
        return doc
    classes = _TOKEN_CLASS
    starts = numpy.full((n, 1), -1, dtype="int64")
    starts[0, 0] = 1
    boundary = False  # a boundary is pending: the next non-space token starts a sentence
    start = 0  # the first token of the current sentence
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = classes.get(orth)
        if kind is None:
            kind = classes[orth] = _token_class(doc, orth)
        if (boundary or i - start >= MAX_SENTENCE_TOKENS) and kind in (_PLAIN, _END) and i > start:
            starts[i, 0] = 1
            boundary = False
            start = i
        if kind == _END or kind == _NEWLINE:
            boundary = True
    doc.from_array([SENT_START], starts.astype("uint64"))  # -1 wraps, as spaCy stores it
    return doc
