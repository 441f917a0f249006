"""``python -m experiments.ner_bilstm.train [--config configs/ner.toml] [--output DIR]``: train the
BiLSTM half of an NER ensemble (torch, CPU) and write ``bilstm.npz``, ``bilstm_vocab.txt`` and
``bilstm.json`` next to a copy of the CRF model in DIR, where ``experiments.ner_bilstm.ensemble`` runs it
with numpy (``EnsembleRecognizer().from_disk(DIR)``). An experiment, not the shipped model: on dev the
ensemble did not beat the CRF once names are propagated within documents (benchmarks/results/ner.md).

Inputs of every word (see ``experiments.ner_bilstm.tagger.word_inputs``): the PPMI-SVD word vectors built by
``train ner`` from the raw text (frozen; ``build/ner/ppmi-vectors-*.npy``), a character CNN, the
word clusters, shape, frequency and gazetteer features of the CRF's lexicon (read from the model
directory, so run ``train ner`` first), and the multi-word gazetteer tag of the position.
Training: token-level cross-entropy, Adam, length-bucketed batches, seed from the config; the dev
set is the end of train.txt as for the CRF, the epoch with the best dev F1 is kept (early stopping),
and the ensemble weights of ``[ensemble]`` are written into ``meta.json``.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np

from pipeline.evaluation.ner import read_conll, score, spans_from_bio
from pipeline.lang.normalize import normalize
from pipeline.ner import Lexicon, bio_spans, bio_viterbi
from pipeline.training.ner import DEFAULT_CONFIG, DEFAULT_OUTPUT, _path, log

from .tagger import TAG_INDEX, TAGS, position_tags, word_inputs


def _vectors(cfg: dict) -> tuple[list[str], np.ndarray]:
    """Vocabulary and unit vectors of the PPMI-SVD word vectors cached by ``train ner``."""
    work = _path(cfg["work_dir"])
    counts = Counter(json.loads((work / "counts.json").read_text(encoding="utf-8")))
    vocab = [w for w, c in counts.most_common(cfg["max_words"]) if c >= cfg["min_count"]]
    vecs = np.load(work / f"ppmi-vectors-{cfg['max_words']}-{cfg['dim']}.npy").astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    return vocab, vecs


def build_model(torch, n_chars: int, emb: np.ndarray, hp: dict):
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=True)
            self.match = nn.Embedding(3, 3)
            self.c0, self.c1, self.c2 = nn.Embedding(65, 16), nn.Embedding(257, 16), nn.Embedding(1025, 24)
            self.shape, self.freq, self.gzp = nn.Embedding(5, 4), nn.Embedding(5, 4), nn.Embedding(len(TAGS), 8)
            self.ch = nn.Embedding(n_chars + 2, 32, padding_idx=0)
            self.conv = nn.Conv1d(32, hp["char_filters"], 3, padding=1)
            d = emb.shape[1] + 3 + 56 + 8 + 5 + hp["char_filters"] + 8
            self.drop = nn.Dropout(hp["dropout"])
            self.lstm = nn.LSTM(d, hp["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hp["hidden"], len(TAGS))

        def forward(self, x, mask):
            b, t, ln = x["ch"].shape
            c = self.conv(self.ch(x["ch"].view(b * t, ln)).transpose(1, 2))
            cmask = (x["ch"].view(b * t, ln) > 0).unsqueeze(1)
            c = torch.relu(c).masked_fill(~cmask, 0.0).max(2).values.view(b, t, -1)
            h = torch.cat([self.w(x["wid"]), self.match(x["match"]), self.c0(x["cl"][..., 0]),
                           self.c1(x["cl"][..., 1]), self.c2(x["cl"][..., 2]), self.shape(x["shape"]),
                           self.freq(x["freq"]), x["gz"], c, self.gzp(x["gzp"])], -1)
            h = self.drop(h)
            packed = nn.utils.rnn.pack_padded_sequence(h, mask.sum(1), batch_first=True, enforce_sorted=False)
            o, _ = self.lstm(packed)
            o, _ = nn.utils.rnn.pad_packed_sequence(o, batch_first=True, total_length=t)
            return self.out(self.drop(o))

    return Net()


def batchify(torch, items):
    """Padded tensors of a list of (word inputs, position tags, tags or None)."""
    b_size, t_max = len(items), max(len(f) for f, _, _ in items)
    ln = max(3, max(len(x[6]) for f, _, _ in items for x in f))
    z = {k: np.zeros((b_size, t_max), np.int64) for k in ("wid", "match", "shape", "freq", "gzp")}
    z["match"][:] = 2
    cl = np.zeros((b_size, t_max, 3), np.int64)
    gz = np.zeros((b_size, t_max, 5), np.float32)
    ch = np.zeros((b_size, t_max, ln), np.int64)
    y = np.zeros((b_size, t_max), np.int64)
    mask = np.zeros((b_size, t_max), bool)
    for b, (f, g, tags) in enumerate(items):
        for t, (wid, match, c, shape, freq, gzs, chs) in enumerate(f):
            z["wid"][b, t], z["match"][b, t], z["shape"][b, t], z["freq"][b, t] = wid, match, shape, freq
            cl[b, t], gz[b, t], ch[b, t, : len(chs)] = c, gzs, chs
        z["gzp"][b, : len(g)] = g
        mask[b, : len(f)] = True
        if tags is not None:
            y[b, : len(tags)] = [TAG_INDEX[t] for t in tags]
    x = {k: torch.from_numpy(v) for k, v in z.items()}
    x.update(cl=torch.from_numpy(cl), gz=torch.from_numpy(gz), ch=torch.from_numpy(ch))
    return x, torch.from_numpy(y), torch.from_numpy(mask)


def add_arguments(parser) -> None:
    parser.add_argument("--config", default=str(DEFAULT_CONFIG), help="TOML config (default configs/ner.toml)")
    parser.add_argument("--model", default=str(DEFAULT_OUTPUT), help="the CRF model directory to start from")
    parser.add_argument("--output", default="build/ner/ensemble",
                        help="directory for the CRF + BiLSTM model (a copy of --model plus the BiLSTM); use it "
                             "with nlp.get_pipe('ner').from_disk(DIR)")


def run(args) -> int:
    import torch

    cfg = tomllib.loads(Path(args.config).read_text(encoding="utf-8"))
    hp = cfg["bilstm"]
    seed = int(cfg.get("seed", 0))
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(int(hp.get("threads", 1)))
    train_path = _path(cfg["data"]["train"])
    if not train_path.exists():
        print(f"error: training data not found: {train_path}", file=sys.stderr)
        return 2
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("model.crfsuite", "lexicon.tsv", "gazetteer.tsv", "features.json", "meta.json"):
        if (Path(args.model) / name).exists() and Path(args.model).resolve() != out.resolve():
            shutil.copyfile(Path(args.model) / name, out / name)
    lex = Lexicon.from_disk(out)
    vocab, vecs = _vectors(cfg["clusters"])
    index = {w: i + 1 for i, w in enumerate(vocab)}
    emb = np.vstack([np.zeros((1, vecs.shape[1]), np.float32), vecs])
    sents = read_conll(train_path)
    n_dev = int(cfg["data"]["dev_sentences"])
    train, dev = sents[:-n_dev], sents[-n_dev:]
    char_counts = Counter(c for ws, _ in train for w in ws for c in normalize(w))
    chars = [c for c, n in char_counts.most_common() if n >= 2]
    char_index = {c: i + 2 for i, c in enumerate(chars)}

    def featurize(words):
        norms = [normalize(w) for w in words]
        return [word_inputs(n, lex, index, char_index) for n in norms], position_tags(norms, lex)

    tr = [(*featurize(ws), tags) for ws, tags in train]
    dv = [(*featurize(ws), None) for ws, _ in dev]
    log(f"{len(tr)} train, {len(dv)} dev sentences featurized")
    net = build_model(torch, len(chars), emb, hp)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=hp["lr"])
    gold = [spans_from_bio(t) for _, t in dev]
    best, best_epoch, best_state, best_result = -1.0, -1, None, None
    for epoch in range(hp["epochs"]):
        net.train()
        t0 = time.perf_counter()
        order = sorted(range(len(tr)), key=lambda j: (len(tr[j][0]), random.random()))
        batches = [order[i : i + hp["batch_size"]] for i in range(0, len(order), hp["batch_size"])]
        random.shuffle(batches)
        total = 0.0
        for bi in batches:
            x, y, m = batchify(torch, [tr[j] for j in bi])
            loss = torch.nn.functional.cross_entropy(net(x, m)[m], y[m], reduction="sum")
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        net.eval()
        preds = []
        with torch.no_grad():
            for i in range(0, len(dv), 64):
                x, _, m = batchify(torch, dv[i : i + 64])
                lp = torch.log_softmax(net(x, m), -1).numpy()
                for b in range(lp.shape[0]):
                    preds.append(set(bio_spans(bio_viterbi(lp[b, : int(m[b].sum())], TAGS))))
        result = score(gold, preds)
        f1 = result["micro"]["f1"]
        log(f"epoch {epoch + 1}: loss {total:.0f}, {time.perf_counter() - t0:.0f} s, dev F1 {100 * f1:.1f} "
            + " ".join(f"{t} {100 * v['f1']:.1f}" for t, v in result["per_type"].items()))
        if f1 > best:
            best, best_epoch, best_result = f1, epoch + 1, result
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        elif epoch + 1 - best_epoch >= hp.get("patience", 5):
            break
    net.load_state_dict(best_state)
    export(net, out, vocab, chars, hp)
    meta_file = out / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    meta["bilstm"] = {"config": hp, "seed": seed, "best_epoch": best_epoch,
                      "trained_on": f"ANERcorp train.txt minus its last {n_dev} sentences ({len(tr)})",
                      "dev": {"micro": best_result["micro"], "per_type": best_result["per_type"]}}
    meta["ensemble"] = cfg.get("ensemble", {})
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"best dev F1 {100 * best:.1f} at epoch {best_epoch}; BiLSTM written to {out}")
    return 0


def export(net, out: Path, vocab: list[str], chars: list[str], hp: dict) -> None:
    sd = {k: v.numpy() for k, v in net.state_dict().items()}
    arrays = {
        "emb_word": sd["w.weight"].astype(np.float16), "emb_match": sd["match.weight"],
        "emb_c0": sd["c0.weight"], "emb_c1": sd["c1.weight"], "emb_c2": sd["c2.weight"],
        "emb_shape": sd["shape.weight"], "emb_freq": sd["freq.weight"], "emb_gzp": sd["gzp.weight"],
        "emb_char": sd["ch.weight"], "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
    }
    for suffix, name in (("", ""), ("_reverse", "_r")):
        arrays["lstm_w_ih" + name] = sd[f"lstm.weight_ih_l0{suffix}"]
        arrays["lstm_w_hh" + name] = sd[f"lstm.weight_hh_l0{suffix}"]
        arrays["lstm_b_ih" + name] = sd[f"lstm.bias_ih_l0{suffix}"]
        arrays["lstm_b_hh" + name] = sd[f"lstm.bias_hh_l0{suffix}"]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "bilstm.npz", **arrays)
    (out / "bilstm_vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (out / "bilstm.json").write_text(json.dumps({"hidden": hp["hidden"], "chars": chars}, ensure_ascii=False),
                                     encoding="utf-8")


if __name__ == "__main__":
    import argparse

    _parser = argparse.ArgumentParser(prog="python -m experiments.ner_bilstm.train")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
