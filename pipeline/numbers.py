"""Numbers stage (to be filled by its issue): span group ``doc.spans["numbers"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import records  # noqa: F401  (extension attributes)


@Language.component("numbers")
def numbers_component(doc: Doc) -> Doc:
    doc.spans["numbers"] = []
    return doc
