"""Numbers stage: the spaCy component ``"numbers"`` fills ``doc.spans["numbers"]`` (:mod:`.component`;
number words are read with :mod:`pipeline.lang.number_words`)."""

from .component import find_numbers, modifier_extent, numbers_component

__all__ = ["find_numbers", "modifier_extent", "numbers_component"]
