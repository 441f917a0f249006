"""NER stage: the spaCy component ``"ner"`` (factory ``crf_ner``) sets ``doc.ents``: a CRF tagger
over Arabic features, the reviewed names, one reading per name in the document, then canonical
names and mention clusters (:mod:`.component`)."""

from .component import (
    HARD_O,
    LABEL_MAP,
    LABELS,
    CRFEntityRecognizer,
    Lexicon,
    add_to,
    apply_fallback,
    bio_spans,
    bio_viterbi,
    canonical_name,
    cluster_mentions,
    finish_entities,
    gaz_key,
    propagate_names,
    reviewed_names,
    strip_first_word,
    title_length,
    titles,
)

__all__ = [
    "HARD_O", "LABELS", "LABEL_MAP", "CRFEntityRecognizer", "Lexicon", "add_to", "apply_fallback", "bio_spans",
    "bio_viterbi", "canonical_name", "cluster_mentions", "finish_entities", "gaz_key", "propagate_names",
    "reviewed_names", "strip_first_word", "title_length", "titles",
]
