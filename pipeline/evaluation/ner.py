"""``python -m pipeline evaluate ner GOLD.txt [--json]``: exact-span P/R/F1 of the NER stage.

GOLD.txt holds one ``token TAG`` per line (BIO tags; ``PERS`` and ``PER`` both mean people) and a
blank line between sentences. Runs of ``--doc-sentences`` consecutive sentences (default 20; the
file has no article boundaries) become one ``Doc`` built from the gold tokens with the sentence
starts set, as an article is in a run; the pipeline's NER component runs on it and its entities are
scored per sentence against the gold spans with conlleval semantics: a predicted entity counts only
when its type and both boundaries match. ``--doc-sentences 1`` tags every sentence alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..ner import LABEL_MAP, bio_spans

TYPES = ("PER", "ORG", "LOC", "MISC")
# ANERcorp has no article boundaries: runs of this many consecutive sentences stand for an article
DOC_SENTENCES = 20
_MAP = LABEL_MAP


def sentence_blocks(path: str | Path) -> list[list[list[str]]]:
    """The sentences of a one-token-per-line file (blank line between sentences), each as the
    whitespace-split fields of its lines."""
    blocks, cur = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            cur.append(parts)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a ``token TAG`` file as (words, tags); tags mapped PERS -> PER."""
    sents = []
    for block in sentence_blocks(path):
        words, tags = [], []
        for parts in block:
            tag = parts[-1] if len(parts) > 1 else "O"
            pos, _, lab = tag.partition("-")
            tags.append(f"{pos}-{_MAP.get(lab, lab)}" if lab else "O")
            words.append(parts[0])
        sents.append((words, tags))
    return sents


def spans_from_bio(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of a BIO sequence, conlleval style."""
    return set(bio_spans(tags))


def score(gold: list[set], pred: list[set]) -> dict:
    """Micro and per-type precision/recall/F1 (fractions) over sentences of gold/predicted spans."""

    def prf(tp: int, n_pred: int, n_gold: int) -> dict:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "support": n_gold, "predicted": n_pred}

    counts = {t: [0, 0, 0] for t in TYPES}
    for g, p in zip(gold, pred, strict=True):
        for s in g:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in p:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[1] += 1
            if s in g:
                c[0] += 1
    tp, npred, ngold = (sum(c[i] for c in counts.values()) for i in range(3))
    return {"micro": prf(tp, npred, ngold), "per_type": {t: prf(*c) for t, c in counts.items()}}


def predict(nlp, sentences: list[list[str]], doc_sentences: int = 1) -> tuple[list[set], float]:
    """Predicted spans (token indices) of every sentence, and the NER stage's words per second.

    ``doc_sentences`` consecutive sentences make one ``Doc`` (sentence starts set), as the sentences
    of an article do in a run: the NER stage's document-level step (other mentions of a name found
    in the document) then sees them together. 1 = every sentence alone."""
    from spacy.tokens import Doc

    k = max(1, doc_sentences)
    groups = [sentences[i : i + k] for i in range(0, len(sentences), k)]
    docs = []
    for group in groups:
        words = [w for s in group for w in s]
        starts = [j == 0 for s in group for j in range(len(s))]
        docs.append(Doc(nlp.vocab, words=words, sent_starts=starts))
    names = [n for n in nlp.pipe_names if n == "ner"]
    comps = [nlp.get_pipe(n) for n in names]
    t0 = time.perf_counter()
    for doc in docs:
        for comp in comps:
            doc = comp(doc)
    elapsed = time.perf_counter() - t0
    n_words = sum(len(s) for s in sentences)
    preds = []
    for group, doc in zip(groups, docs, strict=True):
        offset = 0
        for s in group:
            preds.append({(e.start - offset, e.end - offset, e.label_) for e in doc.ents
                          if offset <= e.start < offset + len(s)})
            offset += len(s)
    return preds, (n_words / elapsed if elapsed > 0 else float("inf"))


def evaluate(gold_path: str | Path, nlp=None, doc_sentences: int = DOC_SENTENCES) -> dict:
    if nlp is None:
        from ..api import load

        nlp = load(exclude=("dates", "numbers", "quotes"))
    sents = read_conll(gold_path)
    preds, wps = predict(nlp, [w for w, _ in sents], doc_sentences)
    result = score([spans_from_bio(t) for _, t in sents], preds)
    result["words_per_second"] = wps
    result["n_sentences"] = len(sents)
    result["n_words"] = sum(len(w) for w, _ in sents)
    result["doc_sentences"] = doc_sentences
    return result


def format_table(result: dict) -> str:
    lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    rows = [*((t, result["per_type"][t]) for t in result["per_type"]), ("micro", result["micro"])]
    for name, m in rows:
        lines.append(f"{name:6} {100 * m['precision']:6.2f} {100 * m['recall']:6.2f} {100 * m['f1']:6.2f}"
                     f" {m['support']:6d} {m['predicted']:6d}")
    lines.append(f"{result['n_sentences']} sentences in documents of {result.get('doc_sentences', 1)}, "
                 f"{result['n_words']} words; "
                 f"NER stage: {result['words_per_second']:,.0f} words/s")
    return "\n".join(lines)


def add_arguments(parser) -> None:
    parser.add_argument("gold", help="`token TAG` file (BIO; blank line between sentences)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--doc-sentences", type=int, default=DOC_SENTENCES, metavar="K",
                        help=f"consecutive sentences per document (default {DOC_SENTENCES}, as an article; "
                             "1 = every sentence alone)")


def run(args) -> int:
    if not Path(args.gold).exists():
        print(f"error: no such file: {args.gold}", file=sys.stderr)
        return 2
    result = evaluate(args.gold, doc_sentences=args.doc_sentences)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_table(result))
    return 0
