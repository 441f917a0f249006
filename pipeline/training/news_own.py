"""The project's own NER annotations of redistributable news text (issue 16): ``data/train/news_own/``.

One JSON object a line: ``id`` (``ant:LINE:SENT`` or ``wikinews:ARTICLE*1000+PARAGRAPH:SENT``),
``source`` (``ant`` | ``wikinews``), ``text`` (the sentence as written) and ``entities``, a list of
``[start, end, label, text]`` with character offsets into ``text`` (``text[start:end] == span``),
labels PER / ORG / LOC / MISC (``docs/conventions.md``: a glued proclitic is inside the span; MISC
marks named events, works, products and laws so that the names inside them are not taught as PER,
ORG or LOC). :func:`read_news_own` tokenizes each sentence with the pipeline's own tokenizer
(:func:`pipeline.lang.nlp.make_nlp`, the words the NER stage sees at run time) and gives every word
that overlaps a span that span's BIO tag.
"""

from __future__ import annotations

import json
from pathlib import Path

LABELS = ("PER", "ORG", "LOC", "MISC")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "train" / "news_own" / "sentences.jsonl"

Sentence = tuple[list[str], list[str]]


def read_records(path: str | Path = DEFAULT_PATH) -> list[dict]:
    """The annotation records of the JSONL file, checked: every span inside its text, its text as
    written there, its label known, spans sorted and not overlapping. Raises ValueError naming the
    line of the first bad record."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        text, prev_end = rec["text"], 0
        for start, end, label, span in rec["entities"]:
            if label not in LABELS:
                raise ValueError(f"{path}:{n}: unknown label {label!r}")
            if not (0 <= start < end <= len(text)) or text[start:end] != span:
                raise ValueError(f"{path}:{n}: span {start}-{end} {span!r} does not match the text")
            if start < prev_end:
                raise ValueError(f"{path}:{n}: spans overlap or are not sorted at {start}")
            prev_end = end
        out.append(rec)
    return out


def to_bio(rec: dict, nlp=None) -> Sentence:
    """(words, BIO tags) of one record: the pipeline tokenizer's non-space tokens; a word that
    overlaps a span takes its label (B- on the first such word)."""
    if nlp is None:
        from ..lang.nlp import make_nlp

        nlp = make_nlp()
    toks = [(t.idx, t.idx + len(t.text), t.text) for t in nlp.make_doc(rec["text"]) if not t.is_space]
    tags = ["O"] * len(toks)
    for start, end, label, _ in rec["entities"]:
        inside = [i for i, (a, b, _) in enumerate(toks) if a < end and b > start]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + label
    return [w for _, _, w in toks], tags


def read_news_own(path: str | Path = DEFAULT_PATH) -> list[Sentence]:
    """Every annotated sentence of ``path`` as (words, BIO tags), in file order."""
    from ..lang.nlp import make_nlp

    nlp = make_nlp()
    return [to_bio(rec, nlp) for rec in read_records(path)]
