"""Dates stage (to be filled by its issue): span group ``doc.spans["dates"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import records  # noqa: F401  (extension attributes)


@Language.component("dates")
def dates_component(doc: Doc) -> Doc:
    doc.spans["dates"] = []
    return doc
