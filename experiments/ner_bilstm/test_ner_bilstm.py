"""The BiLSTM experiment: numpy inference equals the torch model it was exported from, and the
ensemble is a component of its own (the shipped ``ner`` never switches to it)."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.ner_bilstm.tagger import TAGS, BiLSTMTagger
from pipeline import ner


@pytest.mark.slow
def test_numpy_bilstm_equals_torch(tmp_path):
    torch = pytest.importorskip("torch")
    from experiments.ner_bilstm.train import batchify, build_model, export

    torch.manual_seed(1)
    vocab = ["القاهره", "مصر", "الرئيس", "قال"]
    emb = np.random.default_rng(0).normal(size=(len(vocab) + 1, 8)).astype(np.float32)
    emb = emb.astype(np.float16).astype(np.float32)  # exported as float16
    chars = sorted(set("".join(vocab)))
    hp = {"hidden": 6, "char_filters": 5, "dropout": 0.0}
    net = build_model(torch, len(chars), emb, hp)
    net.eval()
    export(net, tmp_path, vocab, chars, hp)
    lex = ner.Lexicon(clusters={"مصر": ("3", "10", "200")}, counts={"مصر": 500},
                      gazetteer={("مصر",): "LOC", ("الرئيس", "قال"): "PER"})
    tagger = BiLSTMTagger(tmp_path, lex)
    sents = [["قال", "الرئيس", "في", "مصر"], ["القاهره"], ["وبالقاهره", "xyz", "2022", "قال", "،"]]
    got = tagger.probabilities(sents)
    from experiments.ner_bilstm.tagger import position_tags, word_inputs

    index = {w: i + 1 for i, w in enumerate(vocab)}
    cidx = {c: i + 2 for i, c in enumerate(chars)}
    items = [([word_inputs(n, lex, index, cidx) for n in s], position_tags(s, lex), None) for s in sents]
    x, _, m = batchify(torch, items)
    with torch.no_grad():
        want = torch.softmax(net(x, m), -1).numpy()
    for b, s in enumerate(sents):
        assert got[b].shape == (len(s), len(TAGS))
        np.testing.assert_allclose(got[b].sum(1), 1.0, rtol=1e-5)
        np.testing.assert_allclose(got[b], want[b, : len(s)], atol=1e-5)


def test_the_shipped_component_has_no_ensemble_branch(tmp_path):
    """A bilstm.npz in the model folder changes nothing in the shipped component."""
    import shutil

    from pipeline.api import MODEL_DIR

    model = tmp_path / "ner"
    shutil.copytree(MODEL_DIR / "ner", model)
    (model / "bilstm.npz").write_bytes(b"not a model")
    rec = ner.CRFEntityRecognizer().from_disk(model)
    assert not hasattr(rec, "neural")
    sents = [["قال", "الرئيس", "في", "مصر"]]
    assert rec.predict_document(sents) == ner.CRFEntityRecognizer().from_disk(MODEL_DIR / "ner").predict_document(sents)


def test_the_ensemble_is_a_factory_of_its_own():
    import pipeline
    from experiments.ner_bilstm import ensemble

    nlp = pipeline.load()
    nlp.replace_pipe("ner", "crf_bilstm_ner")
    assert isinstance(nlp.get_pipe("ner"), ensemble.EnsembleRecognizer)
    assert nlp.pipe_names == ["arabic_sentences", "ner", "dates", "numbers", "quotes"]
