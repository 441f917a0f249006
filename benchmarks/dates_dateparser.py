"""dateparser against the dates stage's own resolver, on the Gregorian expressions of the news gold.

For every gold date of a split that the dates stage finds with a Gregorian calendar value (absolute,
relative or weekday; no durations, sets, ranges, seasons), the span text is also given to
``dateparser.parse`` (Arabic, the article's publication date as ``RELATIVE_BASE``, dates from the past
preferred) and its value is written at the precision of the gold value. Prints how often each is
right. Use the dev split for choosing:

    .venv/bin/python benchmarks/dates_dateparser.py data/gold/news/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _at_precision(d: datetime | None, gold: str) -> str | None:
    if d is None:
        return None
    if "-W" in gold:
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.date().isoformat()[: len(gold)] if len(gold) in (4, 7, 10) else d.isoformat()[:16]


def main(argv=None) -> int:
    import dateparser

    from pipeline.evaluation.news import date_key
    from pipeline.evaluation.quotes import load_ref

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args(argv)
    import pipeline

    nlp = pipeline.load()
    n = own = dp = 0
    for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = load_ref(row["ref"], Path(args.data))
        text = text[0] if isinstance(text, tuple) else text
        pub = date.fromisoformat(row["published"])
        doc = nlp.make_doc(text)
        doc._.published = pub
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        spans = list(doc.spans["dates"])
        for g in row["dates"]:
            gv = g.get("value")
            if not gv or "/" in gv or gv.startswith(("P", "R", "T")) or g.get("kind") not in ("absolute", "relative", "weekday"):
                continue
            hit = [s for s in spans if s.start_char < g["end"] and g["start"] < s.end_char]
            if not hit or hit[0]._.calendar != "gregorian":
                continue
            s = hit[0]
            n += 1
            own += date_key(s._.value) == date_key(gv)
            base = datetime(pub.year, pub.month, pub.day, 12)
            d = dateparser.parse(s.text, languages=["ar"], settings={"RELATIVE_BASE": base,
                                                                   "PREFER_DATES_FROM": "past"})
            dp += _at_precision(d, gv) == gv
    print(f"{n} Gregorian gold dates found by the dates stage: own resolver right {own} ({own / max(n, 1):.3f}), "
          f"dateparser right {dp} ({dp / max(n, 1):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
