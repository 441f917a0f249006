"""NER stage: the spaCy component ``"ner"`` (factory ``crf_ner``) sets ``doc.ents``: a CRF tagger
over Arabic features, the reviewed names, one reading per name in the document, then canonical
names and mention clusters. Modules: :mod:`.features` (titles, name heads, the gazetteer key, the word
lexicon and chain features), :mod:`.decode` (BIO-constrained Viterbi), :mod:`.rules` (head-noun
rules and reviewed names after the CRF), :mod:`.names` (one reading per name, canonical names,
mention clusters) and :mod:`.component` (the spaCy component)."""

from .component import HARD_O, CRFEntityRecognizer, add_to
from .decode import LABEL_MAP, LABELS, bio_spans, bio_viterbi
from .features import Lexicon, gaz_key, head_chains, head_kind, name_heads, title_length, titles
from .names import canonical_name, cluster_mentions, finish_entities, propagate_names, strip_first_word
from .rules import apply_fallback, apply_head_rules, feature_names, reviewed_names

__all__ = [
    "HARD_O", "LABELS", "LABEL_MAP", "CRFEntityRecognizer", "Lexicon", "add_to", "apply_fallback", "apply_head_rules", "bio_spans",
    "bio_viterbi", "canonical_name", "cluster_mentions", "feature_names", "head_chains", "head_kind", "name_heads", "finish_entities", "gaz_key", "propagate_names",
    "reviewed_names", "strip_first_word", "title_length", "titles",
]
