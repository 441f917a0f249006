"""Words per second of the numbers stage alone, one process (target: >= 20,000 words/s on one core).

    .venv/bin/python benchmarks/numbers_speed.py [--articles 3000] [--repeat 3]

Input: SaudiNewsNet articles read by path from ../shared/data/saudinewsnet/*.zip (a JSON array per
zip, field ``content``), in file order until ``--articles``. The texts are tokenized and split into
sentences first (not timed); only the "numbers" component is timed, on Docs without a dates span
group (so every token is examined). Words are the non-space, non-punctuation tokens. Writes
``benchmarks/results/numbers_speed.md``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"


def read_articles(limit: int) -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for art in json.loads(zf.read(name).decode("utf-8")):
                    if art.get("content"):
                        texts.append(art["content"])
                    if len(texts) >= limit:
                        return texts
    return texts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "numbers_speed.md"))
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: ../shared absent ({DATA} not found)")
        return 0
    import pipeline

    nlp = pipeline.load(exclude=("ner", "dates", "quotes"))
    numbers = nlp.get_pipe("numbers")
    sents = nlp.get_pipe("arabic_sentences")
    texts = read_articles(args.articles)
    docs = [sents(nlp.make_doc(t)) for t in texts]
    n_words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))
    best = 0.0
    kinds: Counter = Counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for d in docs:
            numbers(d)
        best = max(best, n_words / (time.perf_counter() - t0))
    for d in docs:
        kinds.update(s._.kind for s in d.spans["numbers"])
    line = (f"{len(docs)} articles, {n_words:,} words, {sum(kinds.values()):,} numbers "
            f"({', '.join(f'{k} {v}' for k, v in kinds.most_common())}): numbers stage "
            f"{best:,.0f} words/s (best of {args.repeat}, one process)")
    print(line)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        "# Numbers stage throughput\n\n"
        f"`.venv/bin/python benchmarks/numbers_speed.py --articles {args.articles}` on "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}:\n\n"
        f"{line}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
