"""Throughput of the quotes stage alone, on SaudiNewsNet articles (one core).

    .venv/bin/python benchmarks/quotes_speed.py [--docs 3000] [--with-ner]

Articles are read from ../shared/data/saudinewsnet/*.zip (a JSON array per zip, field ``content``)
and tokenized (and, with --with-ner, run through the entity stage) first; only the ``quotes``
component is timed. Words are tokens that are neither spaces nor punctuation.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"


def articles(limit: int) -> list[str]:
    out: list[str] = []
    for z in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    if a.get("content"):
                        out.append(a["content"])
                        if len(out) >= limit:
                            return out
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=3000)
    p.add_argument("--with-ner", action="store_true", help="run the NER stage first (speakers linked to entities)")
    args = p.parse_args()
    if not DATA.exists():
        print(f"../shared absent: {DATA} not found", file=sys.stderr)
        return 2
    from pipeline.api import load

    nlp = load(exclude=("dates", "numbers", "quotes") if args.with_ner else ("ner", "dates", "numbers", "quotes"))
    from pipeline.quotes import quotes_component

    texts = articles(args.docs)
    docs = list(nlp.pipe(texts, batch_size=64))
    words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))
    quotes_component(docs[0])  # warm the lexicon caches
    t0 = time.perf_counter()
    n_quotes = 0
    for d in docs:
        n_quotes += len(quotes_component(d).spans["quotes"])
    dt = time.perf_counter() - t0
    kinds: dict[str, int] = {}
    for d in docs:
        for s in d.spans["quotes"]:
            kinds[s._.kind] = kinds.get(s._.kind, 0) + 1
    print(f"quotes stage: {len(docs)} articles, {words:,} words, {n_quotes:,} quotes {kinds} "
          f"in {dt:.2f} s -> {words / dt:,.0f} words/s ({'with' if args.with_ner else 'without'} entities)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
