"""Quotes stage: the spaCy component ``"quotes"`` fills ``doc.spans["quotes"]`` (:mod:`.component`):
quotation marks (:mod:`.marks`), speakers (:mod:`.speakers`) and the stage's lexicons (:mod:`.lexicon`)."""

from .component import find_quotes, quotes_component

__all__ = ["find_quotes", "quotes_component"]
