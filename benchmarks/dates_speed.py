"""Throughput of the dates stage alone on SaudiNewsNet articles (target: >= 20,000 words/s, one core).

Reads ``../shared/data/saudinewsnet/*.zip`` (each a JSON array with a ``content`` field; never
copied into the repository), tokenizes the articles first (not timed), then times the dates
component over the tokenized ``Doc`` objects. Words = tokens that are neither spaces nor punctuation.

    .venv/bin/python benchmarks/dates_speed.py [--articles 3000] [--repeat 2]

Writes ``benchmarks/results/dates_speed.md`` (figures only).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
RESULTS = ROOT / "benchmarks" / "results" / "dates_speed.md"


def articles(limit: int):
    n = 0
    for path in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for item in json.loads(z.read(name).decode("utf-8")):
                    text = item.get("content") or ""
                    if text.strip():
                        yield text, path.stem
                        n += 1
                        if n >= limit:
                            return


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/results/dates_speed.md")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: ../shared absent ({DATA} not found)")
        return 0
    from pipeline.dates import dates_component
    from pipeline.lang.nlp import make_nlp

    nlp = make_nlp()
    docs = []
    for text, stem in articles(args.articles):
        doc = nlp(text)
        doc._.published = date.fromisoformat(stem)
        docs.append(doc)
    words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))
    n_spans, best = 0, None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for doc in docs:
            dates_component(doc)
        secs = time.perf_counter() - t0
        best = secs if best is None else min(best, secs)
    n_spans = sum(len(d.spans["dates"]) for d in docs)
    line1 = f"{len(docs)} articles, {words} words, {n_spans} date spans"
    line2 = f"dates stage: {best:.2f}s -> {words / best:,.0f} words/s (one process)"
    print(line1)
    print(line2)
    if not args.no_write:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        RESULTS.write_text(
            "# Dates stage throughput\n\n"
            f"Produced by `.venv/bin/python benchmarks/dates_speed.py --articles {args.articles} --repeat "
            f"{args.repeat}` (SaudiNewsNet from `../shared`, tokenized beforehand, best of the repeats; "
            f"target >= 20,000 words/s on one core). Machine load average at the end: {load} "
            "(2 cores shared with other jobs).\n\n" + line1 + "\n\n" + line2 + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
