"""Named entities: the shipped statistical model, canonical names and mention clusters."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from . import records  # noqa: F401  (extension attributes)


def add_to(nlp: Language, model_dir: Path) -> None:
    """Add the trained NER component (from ``model_dir/ner``) when it is shipped."""
    path = model_dir / "ner"
    if path.exists():
        import spacy

        trained = spacy.load(path)
        nlp.add_pipe("ner", source=trained)
