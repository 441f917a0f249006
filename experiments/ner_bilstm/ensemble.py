"""The CRF + BiLSTM ensemble (not shipped): the shipped ``crf_ner`` component with the BiLSTM's tag
probabilities mixed with the CRF's marginals (weights in ``meta.json``'s ``ensemble``) before a
BIO-constrained Viterbi. Use it explicitly (factory ``crf_bilstm_ner``)::

    import experiments.ner_bilstm.ensemble  # registers the factory
    nlp = pipeline.load()
    nlp.replace_pipe("ner", "crf_bilstm_ner")
    nlp.get_pipe("ner").from_disk("build/ner/ensemble")   # a model folder with bilstm.npz
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.language import Language

from pipeline.ner import (
    CRFEntityRecognizer,
    apply_fallback,
    bio_spans,
    bio_viterbi,
    propagate_names,
    reviewed_names,
)

from .tagger import TAGS, BiLSTMTagger


class EnsembleRecognizer(CRFEntityRecognizer):
    neural: BiLSTMTagger | None = None

    def from_disk(self, path, exclude=()) -> EnsembleRecognizer:
        super().from_disk(path, exclude)
        path = Path(path)
        self.neural = BiLSTMTagger(path, self.lexicon) if (path / "bilstm.npz").exists() else None
        return self

    def predict_document(self, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        ens = self.meta.get("ensemble") or {}
        if self.neural is None or not ens:
            return super().predict_document(sentences)
        probs: list = []
        for k in range(0, len(sentences), 64):
            probs.extend(self.neural.probabilities(sentences[k : k + 64]))
        spans = [self._ensemble_spans(norms, p, ens) for norms, p in zip(sentences, probs, strict=True)]
        if self.meta.get("propagate"):
            spans = propagate_names(sentences, spans)
        return spans

    def _ensemble_spans(self, norms: list[str], nn_probs, ens: dict) -> list[tuple[int, int, str]]:
        if not norms:
            return []
        tagger = self.tagger
        tagger.set(self.lexicon.sentence_features(norms))
        labels = self.labels
        marginal = tagger.marginal
        crf = np.array([[marginal(lab, t) if lab in labels else 0.0 for lab in TAGS] for t in range(len(norms))])
        w = float(ens.get("crf_weight", 0.5))
        lp = w * np.log(crf + 1e-12) + (1.0 - w) * np.log(nn_probs + 1e-12)
        lp[:, 1:] += float(ens.get("entity_bias", 0.0))
        spans = bio_spans(bio_viterbi(lp, TAGS))
        if self.fallback:
            spans = apply_fallback(spans, norms, self.lexicon, reviewed_names())
        return spans


@Language.factory("crf_bilstm_ner", default_config={"postprocess": True, "fallback": True})
def make_crf_bilstm_ner(nlp: Language, name: str, postprocess: bool, fallback: bool) -> EnsembleRecognizer:
    return EnsembleRecognizer(name, postprocess, fallback)
