"""Dates stage: the spaCy component ``"dates"`` fills ``doc.spans["dates"]`` (:mod:`.component`);
lexicons (:mod:`.lexicon`), parser primitives (:mod:`.parser`), the grammar (:mod:`.grammar`) and
resolution to ISO 8601 values (:mod:`.resolve`)."""

from .component import dates_component, find_dates

__all__ = ["dates_component", "find_dates"]
