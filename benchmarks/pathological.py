"""Time per document for pathological texts against news text of the same length (issue 19).

Each class is one run without spaces (or a chain) of 1k, 4k and 16k characters, put through the
whole pipeline (``pipeline.api.process_text``: tokenizer, sentences, ner, dates, numbers, quotes,
records), best of ``--repeat`` runs. News text of the same length: SaudiNewsNet articles
(``../shared/data/saudinewsnet/*.zip``, read at run time, never stored here) joined and cut to
the length; without them, sentences written for this benchmark, repeated. Passes when no class
takes more than 20x news text at 16k and none grows more than 6x from 4k to 16k (linear: 4x).

    .venv/bin/python benchmarks/pathological.py [--repeat 2] [--no-write]
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
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
RESULTS = ROOT / "benchmarks" / "results" / "pathological.md"
SIZES = (1_000, 4_000, 16_000)
MAX_RATIO, MAX_GROWTH = 20.0, 6.0

CLASSES = {
    "`=`": "=",
    "`$`": "$",
    "`،`": "،",
    "`:`": ":",
    "`(`": "(",
    "`«`": "«",
    "emoji": "😀",
    "digits": "7",
    "diacritics (marks alone)": "\u064e\u064b\u0650\u064f\u0651\u0652",
    "diacritized letters": "بَّ",
    "«وقال إن» chain": "وقال إن ",
}
OWN_NEWS = ("قال وزير الخارجية أحمد الخطيب يوم الاثنين إن الحكومة ستواصل دعمها لمشاريع الطاقة في المنطقة "
            "خلال العام المقبل، مؤكدا أن الاستثمارات بلغت نحو 1.5 مليار دولار. وأضاف أن وزارة الصحة "
            "ستفتتح ثلاثة مستشفيات جديدة في الرياض وجدة بحلول مايو 2024.\n")


def news_text() -> tuple[str, str]:
    """A long news text and where it comes from."""
    if DATA.is_dir():
        parts, n = [], 0
        for path in sorted(DATA.glob("*.zip")):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    for item in json.loads(z.read(name).decode("utf-8")):
                        text = (item.get("content") or "").strip()
                        if text:
                            parts.append(text)
                            n += len(text) + 2
                        if n > max(SIZES) * 2:
                            return "\n\n".join(parts), f"SaudiNewsNet ({len(parts)} articles joined, {path.name} first)"
    return OWN_NEWS * (max(SIZES) // len(OWN_NEWS) + 1), "sentences written for this benchmark, repeated"


def of_length(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def timed(nlp, text: str, repeat: int) -> float:
    from pipeline.api import process_text

    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        tables = process_text(nlp, text, published="2022-06-20", doc_id="bench")
        best = min(best, time.perf_counter() - t0)
        assert tables["documents"][0]["status"] == "ok", tables["documents"][0]["error"]
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    import pipeline

    nlp = pipeline.load()
    news, news_from = news_text()
    timed(nlp, news[:2000], 1)  # warm up (caches, lazy imports)
    base = {n: timed(nlp, news[:n], args.repeat) for n in SIZES}
    rows, ok = [], True
    for name, unit in CLASSES.items():
        t = {n: timed(nlp, of_length(unit, n), args.repeat) for n in SIZES}
        ratio = t[SIZES[-1]] / base[SIZES[-1]]
        growth = t[SIZES[-1]] / t[SIZES[1]]
        good = ratio <= MAX_RATIO and growth < MAX_GROWTH
        ok &= good
        rows.append((name, t, ratio, growth, good))
        print(f"{name:28} " + " ".join(f"{t[n]:7.3f}" for n in SIZES) + f"  {ratio:5.1f}x news  growth {growth:4.1f}x",
              flush=True)
    news_growth = base[SIZES[-1]] / base[SIZES[1]]
    lines = [
        "# Pathological inputs: time per document (issue 19)",
        "",
        f"`.venv/bin/python benchmarks/pathological.py --repeat {args.repeat}` — whole pipeline per document "
        f"(`process_text`), best of {args.repeat}, seconds; news text: {news_from}. Passes when no class is above "
        f"{MAX_RATIO:g}x news text at 16k characters and none grows {MAX_GROWTH:g}x or more from 4k to 16k (linear: 4x). "
        "Shared 2-core machine: figures vary by ±20 %.",
        "",
        "| text | 1k | 4k | 16k | 16k vs news | 4k → 16k | |",
        "|---|---|---|---|---|---|---|",
        "| news text | " + " | ".join(f"{base[n]:.3f}" for n in SIZES) + f" | 1.0x | {news_growth:.1f}x | |",
    ]
    for name, t, ratio, growth, good in rows:
        lines.append(f"| {name} | " + " | ".join(f"{t[n]:.3f}" for n in SIZES)
                     + f" | {ratio:.1f}x | {growth:.1f}x | {'ok' if good else '**fails**'} |")
    lines += ["", f"Result: {'every class passes' if ok else 'some classes fail'}."]
    print("\n".join(lines))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
