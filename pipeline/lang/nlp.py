"""``make_nlp()``: the blank Arabic ``Language`` shared by training and by ``pipeline.load()``.

spaCy's Arabic tokenizer with fixed rules for news punctuation (:mod:`.tokenizer`),
``token.norm_`` from :mod:`.normalize` (set once per vocabulary entry, so offsets never drift)
and a sentence splitter that knows Arabic punctuation and paragraphs (:mod:`.sentences`).
"""

from __future__ import annotations

import spacy
from spacy.attrs import IS_SPACE, NORM
from spacy.language import Language

from . import sentences  # noqa: F401  (registers the arabic_sentences component)
from .normalize import normalize
from .tokenizer import customize_tokenizer, is_blank


def make_nlp() -> Language:
    """Blank Arabic pipeline with the project's tokenizer, norms and sentence splitter."""
    nlp = spacy.blank("ar")
    customize_tokenizer(nlp)
    nlp.vocab.lex_attr_getters[NORM] = normalize
    # a token of direction marks alone (split off by the tokenizer) is blank, like whitespace
    nlp.vocab.lex_attr_getters[IS_SPACE] = is_blank
    nlp.add_pipe("arabic_sentences")
    return nlp
