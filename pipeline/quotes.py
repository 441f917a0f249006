"""Quotes stage (to be filled by its issue): span group ``doc.spans["quotes"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import records  # noqa: F401  (extension attributes)


@Language.component("quotes")
def quotes_component(doc: Doc) -> Doc:
    doc.spans["quotes"] = []
    return doc
