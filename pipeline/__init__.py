"""Arabic news extraction pipeline: entities, dates, numbers and attributed quotes as tables.

>>> import pipeline
>>> nlp = pipeline.load()                 # a spaCy Language
>>> tables = pipeline.extract("قال الوزير إن ...", published="2022-06-20")
"""

from __future__ import annotations

__version__ = "0.1.0"

from functools import lru_cache

from .language import load


@lru_cache(maxsize=1)
def _shared_nlp():
    return load()


def extract(text: str, published=None, doc_id: str | None = None, nlp=None) -> dict[str, list[dict]]:
    """Records of one text: ``{"documents": [row], "entities": [...], "dates": [...],
    "numbers": [...], "quotes": [...]}``. ``published`` (ISO date string or ``date``) anchors
    relative dates ("أمس")."""
    from .batch import process_text

    return process_text(nlp or _shared_nlp(), text, published=published, doc_id=doc_id)


__all__ = ["__version__", "extract", "load"]
