"""Named entities: the shipped CRF model, canonical names and mention clusters.

The NER stage is one spaCy component named ``"ner"`` (factory ``"crf_ner"``). For every sentence it
tags the tokens with a linear-chain CRF (python-crfsuite) over Arabic features: the normalized word,
prefixes and suffixes up to four letters (clitics such as "وال", "بال", endings such as "ية"), the
word without its proclitics, word clusters learned from raw Arabic text, gazetteer membership and a
title before the word; the same features of the two words on each side. Then it sets ``doc.ents``
(labels ``PER``, ``ORG``, ``LOC``, ``MISC``) and, for every entity,

* ``span._.canonical``: the name without the proclitics attached to its first word, without
  diacritics and tatweel ("والمنظمة الدولية للهجرة" -> "المنظمة الدولية للهجرة"); titles are not part
  of a person's span ("السيدة كارميلا جودو" -> PER "كارميلا جودو", see ``resources/titles.tsv``);
* ``span._.entity_id``: shared by the mentions of one entity in the document ("كارميلا جودو" …
  "جودو"), ``"<doc_id>-E<n>"`` (or ``"E<n>"`` when the document has no id).

Spans are token spans: ``start``/``end`` cover the surface word *with* its clitic ("بالقاهرة"); the
canonical name is the name alone ("القاهرة").

The model directory (``pipeline/models/ner/``) holds ``model.crfsuite`` (the CRF), ``lexicon.tsv``
(word -> cluster ids and corpus counts, derived from raw text) and ``gazetteer.tsv`` (a derived feature
table of normalized names and their types) and ``meta.json``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from spacy.attrs import IS_SPACE, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from .decode import LABELS, bio_spans, bio_viterbi
from .features import Lexicon
from .names import finish_entities, propagate_names
from .rules import apply_document_rules, apply_fallback, apply_head_rules, apply_news_rules, reviewed_names

HARD_O = 0.995  # a word whose CRF marginal for O reaches this is O in the biased decoding

# --- the component ------------------------------------------------------------------------------

@Language.factory("crf_ner", default_config={"postprocess": True, "fallback": True, "news_rules": True})
def make_crf_ner(nlp: Language, name: str, postprocess: bool, fallback: bool,
                 news_rules: bool) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(name, postprocess, fallback, news_rules)


class CRFEntityRecognizer:
    """spaCy component: CRF tagging per sentence, then canonical names and mention clusters."""

    def __init__(self, name: str = "ner", postprocess: bool = True, fallback: bool = True,
                 news_rules: bool = True) -> None:
        self.name = name
        self.postprocess = postprocess
        self.fallback = fallback
        self.news_rules = news_rules  # the news rule layer after the model (rules.apply_news_rules)
        self.lexicon = Lexicon()
        self.tagger = None
        self.meta: dict = {}
        self.entity_bias: float | dict | None = None  # None: the value in meta.json
        self._labels: tuple[str, ...] | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The CRF's tags, in its order."""
        if self._labels is None:
            self._labels = tuple(self.tagger.labels())
        return self._labels

    def tag_words(self, norms: list[str]) -> list[str]:
        if not norms or self.tagger is None:
            return ["O"] * len(norms)
        xseq = self.lexicon.sentence_features(norms)
        bias = self.entity_bias if self.entity_bias is not None else self.meta.get("entity_bias", 0.0)
        if not bias:
            return self.tagger.tag(xseq)
        return self._biased_decode(xseq, bias)

    def _biased_decode(self, xseq, bias: float | dict) -> list[str]:
        """Best BIO-consistent sequence over the CRF's per-word marginals, with ``bias`` added to
        the log-probability of every entity tag: trades precision for recall (tuned on dev).

        A word whose marginal for O is at least ``HARD_O`` is O (no entity tag can outscore it):
        only the runs of other words are decoded, each as if it began a sentence. ``bias`` is one
        value for every type or a value per type ({"ORG": 1.5, ...}; a type not given gets 0)."""
        tagger = self.tagger
        tagger.set(xseq)
        labels = self.labels
        per_type = bias if isinstance(bias, dict) else dict.fromkeys(LABELS, bias)
        add = [0.0 if lab == "O" else float(per_type.get(lab[2:], 0.0)) for lab in labels]
        n = len(xseq)
        marginal = tagger.marginal
        p_o = [marginal("O", t) for t in range(n)]
        tags = ["O"] * n
        t = 0
        while t < n:
            if p_o[t] >= HARD_O:
                t += 1
                continue
            j = t + 1
            while j < n and p_o[j] < HARD_O:
                j += 1
            tags[t:j] = self._decode_run(t, j, labels, add)
            t = j
        return tags

    def _decode_run(self, start: int, end: int, labels: tuple[str, ...], add: list[float]) -> list[str]:
        marginal = self.tagger.marginal
        emit = [[math.log(marginal(lab, t) + 1e-12) + a for lab, a in zip(labels, add, strict=True)]
                for t in range(start, end)]
        return bio_viterbi(emit, labels)

    def predict_spans(self, norms: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, label) word spans of one sentence of normalized words."""
        spans = bio_spans(self.tag_words(norms))
        if self.fallback:
            spans = apply_fallback(spans, norms, self.lexicon, reviewed_names())
        level = self.meta.get("head_rules", 0)
        if level:
            spans = apply_head_rules(spans, norms, level)
        if self.news_rules:
            spans = apply_news_rules(spans, norms, self.lexicon)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        arr = doc.to_array([NORM, IS_SPACE])  # token arrays: no Token objects on the hot path
        strings = doc.vocab.strings
        sent_toks = [[i for i in range(sent.start, sent.end) if not arr[i, 1]] for sent in sents]
        sent_toks = [toks for toks in sent_toks if toks]
        norms = [[strings[int(arr[i, 0])] for i in toks] for toks in sent_toks]
        spans = self.predict_document(norms)
        ents = [Span(doc, toks[i], toks[j - 1] + 1, label=lab)
                for toks, sp in zip(sent_toks, spans, strict=True) for i, j, lab in sorted(sp)]
        doc.ents = ents
        if self.postprocess:
            finish_entities(doc, self.lexicon.counts)
        return doc

    def predict_document(self, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) word spans of every sentence of one document (normalized words):
        each sentence tagged by the CRF, then, if the model says so, the other mentions of a name
        found in the document tagged like it."""
        spans = [self.predict_spans(norms) for norms in sentences]
        if self.meta.get("propagate"):
            spans = propagate_names(sentences, spans)
        if self.news_rules:
            spans = apply_document_rules(sentences, spans)
        return spans

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.lexicon.to_disk(path)
        (path / "meta.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8")

    def from_disk(self, path, exclude=()) -> CRFEntityRecognizer:
        import pycrfsuite

        path = Path(path)
        self.lexicon = Lexicon.from_disk(path)
        meta = path / "meta.json"
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path / "model.crfsuite"))
        return self


# --- hook used by language.load() ----------------------------------------------------------------


def add_to(nlp: Language, model_dir: Path) -> None:
    """Add the NER stage (component ``"ner"``) with the shipped model from ``model_dir/ner``."""
    path = Path(model_dir) / "ner"
    comp = nlp.add_pipe("crf_ner", name="ner")
    if (path / "model.crfsuite").exists():
        comp.from_disk(path)
