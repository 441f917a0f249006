"""The neural half of the NER ensemble: a BiLSTM tagger run with numpy (no torch at run time).

Every word is represented by what it is by itself — its pretrained word vector (PPMI-SVD vectors
learned from raw Arabic text; the first of the word's clitic readings that has one), a character
CNN over the normalized word, its word clusters, shape, corpus frequency, gazetteer types and title
flag — plus the multi-word gazetteer tag of its position. One bidirectional LSTM layer reads the
sentence and a linear layer gives a probability for each BIO tag. ``ensemble.EnsembleRecognizer`` mixes
these probabilities with the CRF's marginals (weights in ``meta.json``) before decoding.

The weights (``bilstm.npz``) and the vocabulary of word vectors (``bilstm_vocab.txt``) are written by
``python -m experiments.ner_bilstm.train`` (torch).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
GAZ_LABELS = ("PER", "ORG", "LOC", "MISC")
MAX_CHARS = 20
_CACHE_SIZE = 50_000


def word_inputs(n: str, lex, index: dict[str, int], chars: dict[str, int]) -> tuple:
    """Discrete inputs of one normalized word: (word row, match kind, 3 cluster ids, shape,
    frequency bucket, 5 gazetteer/title flags, character ids). Shared by training and tagging."""
    from pipeline.ner import gaz_key

    vs = lex.variants(n)
    wid, match, cl = 0, 2, (0, 0, 0)
    for k, v in enumerate(vs):
        row = index.get(v)
        if row is not None:
            wid, match = row, (0 if k == 0 else 1)
            break
    for v in vs:
        ids = lex.clusters.get(v)
        if ids:
            cl = tuple(int(x) + 1 for x in ids[:3])
            break
    if n.isdigit():
        shape = 1
    elif any(c.isdigit() for c in n):
        shape = 2
    elif n.isascii() and n.isalpha():
        shape = 3
    elif not any(c.isalnum() for c in n):
        shape = 4
    else:
        shape = 0
    c = lex.counts.get(n, 0)
    freq = 0 if c == 0 else 1 if c < 10 else 2 if c < 100 else 3 if c < 1000 else 4
    gz = [0.0] * 5
    for v in vs:
        for lab in lex.gaz_words.get(gaz_key((v,)), ()):
            gz[GAZ_LABELS.index(lab)] = 1.0
        if v in lex.titles:
            gz[4] = 1.0
    ch = [chars.get(x, 1) for x in n[:MAX_CHARS]] or [1]
    return wid, match, cl, shape, freq, gz, ch


def position_tags(norms: list[str], lex) -> list[int]:
    """Multi-word gazetteer BIO tag (index in TAGS, 0 = none) of every word of a sentence."""
    return [TAG_INDEX.get(g, 0) if g else 0 for g in lex.gazetteer_tags(norms)]


class BiLSTMTagger:
    """Tag probabilities of sentences of normalized words, from ``bilstm.npz``."""

    def __init__(self, path: Path, lex) -> None:
        path = Path(path)
        with np.load(path / "bilstm.npz") as z:
            a = {k: z[k] for k in z.files}
        self.lex = lex
        self.emb_word = a.pop("emb_word")  # float16 rows, cast when gathered
        self.p = {k: v.astype(np.float32) for k, v in a.items()}
        vocab = (path / "bilstm_vocab.txt").read_text(encoding="utf-8").split("\n")
        self.index = {w: i + 1 for i, w in enumerate(vocab) if w}
        meta = json.loads((path / "bilstm.json").read_text(encoding="utf-8"))
        self.chars = {c: i + 2 for i, c in enumerate(meta["chars"])}
        self.hidden = int(meta["hidden"])
        p = self.p
        k, cin, cout = p["conv_w"].shape[2], p["conv_w"].shape[1], p["conv_w"].shape[0]
        self._conv = p["conv_w"].transpose(2, 1, 0).reshape(k * cin, cout)
        self._cache: dict[str, np.ndarray] = {}

    def word_vector(self, n: str) -> np.ndarray:
        """Input vector of a word without its position-dependent part (cached)."""
        v = self._cache.get(n)
        if v is not None:
            return v
        p = self.p
        wid, match, cl, shape, freq, gz, ch = word_inputs(n, self.lex, self.index, self.chars)
        e = p["emb_char"][ch]  # (L, 32)
        e = np.concatenate([np.zeros((1, e.shape[1]), np.float32), e, np.zeros((1, e.shape[1]), np.float32)])
        win = np.concatenate([e[:-2], e[1:-1], e[2:]], axis=1)  # (L, 3*32)
        conv = np.maximum(win @ self._conv + p["conv_b"], 0.0).max(axis=0)
        v = np.concatenate([
            self.emb_word[wid].astype(np.float32), p["emb_match"][match], p["emb_c0"][cl[0]],
            p["emb_c1"][cl[1]], p["emb_c2"][cl[2]], p["emb_shape"][shape], p["emb_freq"][freq],
            np.asarray(gz, np.float32), conv])
        if len(self._cache) < _CACHE_SIZE:
            self._cache[n] = v
        return v

    def _run(self, xs: np.ndarray, suffix: str) -> np.ndarray:
        """One LSTM direction over a padded batch (B, T, 4H) of input projections."""
        p, h_dim = self.p, self.hidden
        w_hh = p["lstm_w_hh" + suffix].T
        b_size, t_max, _ = xs.shape
        h = np.zeros((b_size, h_dim), np.float32)
        c = np.zeros((b_size, h_dim), np.float32)
        out = np.zeros((b_size, t_max, h_dim), np.float32)
        for t in range(t_max):
            g = xs[:, t] + h @ w_hh
            i = 1.0 / (1.0 + np.exp(-g[:, :h_dim]))
            f = 1.0 / (1.0 + np.exp(-g[:, h_dim : 2 * h_dim]))
            o = 1.0 / (1.0 + np.exp(-g[:, 3 * h_dim :]))
            c = f * c + i * np.tanh(g[:, 2 * h_dim : 3 * h_dim])
            h = o * np.tanh(c)
            out[:, t] = h
        return out

    def probabilities(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """For every sentence (normalized words), a (len, 9) array of tag probabilities (TAGS order)."""
        p = self.p
        if not sentences:
            return []
        rows, pos = [], []
        for norms in sentences:
            rows.extend(self.word_vector(n) for n in norms)
            pos.extend(position_tags(norms, self.lex))
        if not rows:
            return [np.zeros((0, len(TAGS)), np.float32) for _ in sentences]
        x = np.concatenate([np.stack(rows), p["emb_gzp"][pos]], axis=1)
        proj_f = x @ p["lstm_w_ih"].T + (p["lstm_b_ih"] + p["lstm_b_hh"])
        proj_b = x @ p["lstm_w_ih_r"].T + (p["lstm_b_ih_r"] + p["lstm_b_hh_r"])
        lengths = [len(s) for s in sentences]
        t_max = max(lengths)
        b_size = len(sentences)
        pf = np.zeros((b_size, t_max, proj_f.shape[1]), np.float32)
        pb = np.zeros_like(pf)
        start = 0
        for b, n in enumerate(lengths):
            pf[b, :n] = proj_f[start : start + n]
            pb[b, :n] = proj_b[start : start + n][::-1]
            start += n
        hf = self._run(pf, "")
        hb = self._run(pb, "_r")
        out = []
        for b, n in enumerate(lengths):
            h = np.concatenate([hf[b, :n], hb[b, :n][::-1]], axis=1)
            z = h @ p["out_w"].T + p["out_b"]
            z = np.exp(z - z.max(axis=1, keepdims=True))
            out.append(z / z.sum(axis=1, keepdims=True))
        return out

