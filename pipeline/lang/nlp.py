"""``make_nlp()``: the blank Arabic ``Language`` shared by training and by ``pipeline.load()``.

spaCy's Arabic tokenizer with fixed rules for news punctuation (:mod:`.tokenizer`),
``token.norm_`` from :mod:`.normalize` (set once per vocabulary entry, so offsets never drift)
and a sentence splitter that knows Arabic punctuation and paragraphs (:mod:`.sentences`).
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE, NORM
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.language import Language

from . import sentences  # noqa: F401  (registers the arabic_sentences component)
from .normalize import normalize
from .tokenizer import customize_tokenizer, is_blank


def _without_norms(exceptions: dict) -> dict:
    """spaCy's tokenizer exceptions with their ``NORM`` values removed: they would give a token
    another norm than the project's normalization ("إلخ" -> "إلى آخره", "أنا" -> "أنبأنا")."""
    return {text: [{attr: value for attr, value in sub.items() if attr != NORM} for sub in subs]
            for text, subs in exceptions.items()}


class NewsArabicDefaults(ArabicDefaults):
    """spaCy's Arabic defaults, but every token's ``norm_`` is :func:`.normalize.normalize` of its
    text, tokens made by the tokenizer exceptions included (the exceptions still split as before)."""

    tokenizer_exceptions = _without_norms(ArabicDefaults.tokenizer_exceptions)
    # in the defaults, not set afterwards: the vocabulary entries of the exceptions are made when
    # the tokenizer is built, and would keep spaCy's norm (the text itself, "أنا" not "انا")
    lex_attr_getters = {**ArabicDefaults.lex_attr_getters, NORM: normalize}


class NewsArabic(Arabic):
    lang = "ar"
    Defaults = NewsArabicDefaults


def make_nlp() -> Language:
    """Blank Arabic pipeline with the project's tokenizer, norms and sentence splitter."""
    nlp = NewsArabic()
    customize_tokenizer(nlp)
    # a token of direction marks alone (split off by the tokenizer) is blank, like whitespace
    nlp.vocab.lex_attr_getters[IS_SPACE] = is_blank
    nlp.add_pipe("arabic_sentences")
    return nlp
