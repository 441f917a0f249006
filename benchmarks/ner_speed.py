"""Words per second of the NER stage alone (CRF tagging + canonical names + clusters), one process.

    .venv/bin/python benchmarks/ner_speed.py [--repeat 3]

Input: the Arabic Wikinews articles in ../shared/data/raw-text/arwikinews.jsonl, tokenized and split
into sentences first (not timed); only the "ner" component is timed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "raw-text" / "arwikinews.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None, help="model directory to time instead of the shipped one")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"../shared absent: {DATA} not found", file=sys.stderr)
        return 2
    import pipeline

    nlp = pipeline.load(exclude=("dates", "numbers", "quotes"))
    ner = nlp.get_pipe("ner")
    if args.model:
        ner.from_disk(Path(args.model))
    texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [nlp.get_pipe("arabic_sentences")(nlp.make_doc(t)) for t in texts]
    n_words = sum(1 for d in docs for t in d if not t.is_space)
    rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_ents = sum(len(ner(d).ents) for d in docs)
        rates.append(n_words / (time.perf_counter() - t0))
    print(f"{len(docs)} articles, {n_words} words, {n_ents} entities: NER stage {rates[0]:,.0f} words/s "
          f"on the first pass (cold feature cache), {max(rates):,.0f} words/s best of {args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
