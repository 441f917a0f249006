"""Arabic language layer (a leaf: knows nothing of the stages): normalization and clitics
(:mod:`.normalize`), character classes (:mod:`.chars`), the number-word reader shared by dates and
numbers (:mod:`.number_words`), tokenizer rules (:mod:`.tokenizer`), the sentence splitter
(:mod:`.sentences`) and ``make_nlp()`` (:mod:`.nlp`), the blank Arabic ``Language``."""

from __future__ import annotations


def __getattr__(name: str):
    if name == "make_nlp":  # imported on use: ``pipeline.lang.normalize`` alone does not load spaCy
        from .nlp import make_nlp

        return make_nlp
    raise AttributeError(f"module 'pipeline.lang' has no attribute {name!r}")
