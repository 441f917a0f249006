"""Words per second of the NER stage alone (CRF tagging + canonical names + clusters), one process.

    .venv/bin/python benchmarks/ner_speed.py [--repeat 3] [--news 2000]

Input: the Arabic Wikinews articles in ../shared/data/raw-text/arwikinews.jsonl, tokenized and split
into sentences first (not timed); only the "ner" component is timed. The first pass starts with an
empty feature cache (every word is new), later passes reuse it.

``--news N`` also times one pass over the first N SaudiNewsNet articles (``../shared/data/
saudinewsnet/*.zip``, never copied into the repository) in a fresh pipeline, starting with an empty
cache: the rate a long run sees, where most words of an article were met in earlier articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "raw-text" / "arwikinews.jsonl"
NEWS = ROOT.parent / "shared" / "data" / "saudinewsnet"


def news_texts(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for item in json.loads(z.read(name).decode("utf-8")):
                    if (item.get("content") or "").strip():
                        out.append(item["content"])
                        if len(out) >= limit:
                            return out
    return out


def time_news(limit: int, model: str | None) -> None:
    import pipeline

    nlp = pipeline.load(exclude=("dates", "numbers", "quotes"))
    ner = nlp.get_pipe("ner")
    if model:
        ner.from_disk(Path(model))
    sentences = nlp.get_pipe("arabic_sentences")
    docs = [sentences(nlp.make_doc(t)) for t in news_texts(limit)]
    n_words = sum(1 for d in docs for t in d if not t.is_space)
    t0 = time.perf_counter()
    for d in docs:
        ner(d)
    rate = n_words / (time.perf_counter() - t0)
    print(f"SaudiNewsNet: {len(docs)} articles, {n_words} words, one pass from an empty cache: "
          f"NER stage {rate:,.0f} words/s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None, help="model directory to time instead of the shipped one")
    ap.add_argument("--news", type=int, default=0, help="also time one pass over N SaudiNewsNet articles")
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
    if args.news:
        if NEWS.is_dir():
            time_news(args.news, args.model)
        else:
            print(f"../shared absent: {NEWS} not found", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
