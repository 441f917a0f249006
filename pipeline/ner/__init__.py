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
    apply_head_rules,
    bio_spans,
    bio_viterbi,
    canonical_name,
    cluster_mentions,
    feature_names,
    finish_entities,
    gaz_key,
    head_chains,
    head_kind,
    name_heads,
    propagate_names,
    reviewed_names,
    strip_first_word,
    title_length,
    titles,
)

__all__ = [
    "HARD_O", "LABELS", "LABEL_MAP", "CRFEntityRecognizer", "Lexicon", "add_to", "apply_fallback", "apply_head_rules", "bio_spans",
    "bio_viterbi", "canonical_name", "cluster_mentions", "feature_names", "head_chains", "head_kind", "name_heads", "finish_entities", "gaz_key", "propagate_names",
    "reviewed_names", "strip_first_word", "title_length", "titles",
]
