"""Conformance of the dates stage on Microsoft Recognizers-Text's Arabic DateTime specs.

Reads ``../shared/data/recognizers-text-arabic/Specs/DateTime/Arabic/*.json`` (never copied into
the repository) and runs the dates stage alone (tokenizer, sentences, dates) on every case, with
the case's ``ReferenceDateTime`` as the publication date. Per file:

* extraction: precision, recall and F1 on exact character spans;
* resolution (files with values): a gold result counts as right when a predicted span overlapping
  it has a value equal to the spec's past or future resolution (``date``, or ``startDate`` and
  ``endDate`` with the end inclusive or exclusive) or to its Timex.

    .venv/bin/python benchmarks/dates_spec.py [--show-failures FILE]

Prints a table and writes ``benchmarks/results/dates_spec.md`` (figures only: no spec text); the
hand-written "Remaining failures" section of that file is kept.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SPEC_DIR = ROOT.parent / "shared" / "data" / "recognizers-text-arabic" / "Specs" / "DateTime" / "Arabic"
FILES = ("DateExtractor", "DateParser", "DatePeriodExtractor", "DatePeriodParser", "DurationExtractor",
         "SetExtractor", "HolidayExtractor", "DateTimeExtractor", "DateTimeParser")
RESULTS = ROOT / "benchmarks" / "results" / "dates_spec.md"
NOTES_MARK = "## Remaining failures"  # the section of dates_spec.md written by hand (kept on rewrite)


def gold_spans(case: dict) -> list[tuple[int, int, dict]]:
    out = []
    for r in case.get("Results", []):
        start = r["Start"]
        end = start + r["Length"] if "Length" in r else r["End"] + 1
        out.append((start, end, r))
    return out


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}


def value_ok(pred: str | None, gold: dict) -> bool:
    from pipeline.dates.resolve import bounds

    if not pred:
        return False
    v = gold.get("Value") or {}
    timex = v.get("Timex") or ""
    for code, iso in _SEASONS.items():  # TIMEX season codes -> ISO 8601-2 (the same value)
        if timex.endswith("-" + code) and len(timex) == 7:
            timex = timex[:5] + iso
    if pred == timex:
        return True
    b = bounds(pred)
    for key in ("FutureResolution", "PastResolution"):
        res = v.get(key) or {}
        if "date" in res and pred == res["date"][:10]:
            return True
        if "duration" in res and pred == res["duration"]:
            return True
        if "value" in res and pred[:16] == str(res["value"]).replace(" ", "T")[:16]:  # a datetime, a time
            return True
        if "dateTime" in res and len(pred) >= 13:  # DateTimeParser: "2016-11-07 20:00:00" = 2016-11-07T20:00
            dt = str(res["dateTime"]).replace(" ", "T")
            if pred.startswith("T"):
                dt = dt[10:]
            if dt[:len(pred)] == pred and dt[len(pred):].strip(":0") == "":
                return True
        s, e = _d(res.get("startDate")), _d(res.get("endDate"))
        if b and s and e and b[0] == s and (b[1] == e or b[1] + timedelta(days=1) == e):
            return True
    return False


def run_file(nlp, name: str, failures: list[str]) -> dict:
    from pipeline.dates import find_dates

    cases = json.loads((SPEC_DIR / f"{name}.json").read_text(encoding="utf-8-sig"))
    n_gold = n_pred = tp = 0
    n_val = ok_val = n_found = 0
    has_values = any("Value" in r for c in cases for r in c.get("Results", []))
    for case in cases:
        text = case["Input"]
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        doc = nlp(text)
        doc._.published = _d(ref) if ref else None
        pred = [(s.start_char, s.end_char, s._.value) for s in find_dates(doc)]
        gold = gold_spans(case)
        n_gold += len(gold)
        n_pred += len(pred)
        pset = {(a, b) for a, b, _ in pred}
        gset = {(a, b) for a, b, _ in gold}
        tp += len(pset & gset)
        bad = []
        if pset != gset:
            bad.append("span")
        if has_values:
            for a, b, g in gold:
                n_val += 1
                cands = [p for p in pred if p[0] < b and a < p[1]]
                cands.sort(key=lambda p: (p[0] != a or p[1] != b))
                n_found += bool(cands)
                if cands and value_ok(cands[0][2], g):
                    ok_val += 1
                else:
                    bad.append("value")
        if bad:
            gs = " | ".join(f"{text[a:b]}={(g.get('Value') or {}).get('Timex', '')}" for a, b, g in gold)
            ps = " | ".join(f"{text[a:b]}={v}" for a, b, v in pred)
            failures.append(f"{name}\t{'+'.join(sorted(set(bad)))}\t{ref or ''}\t{text}\tgold: {gs}\tpred: {ps}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"file": name, "cases": len(cases), "gold": n_gold, "pred": n_pred, "tp": tp, "P": p, "R": r, "F1": f1,
            "value_acc": (ok_val / n_val) if n_val else None, "n_val": n_val, "ok_val": ok_val,
            "n_found": n_found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-failures", metavar="FILE", help="write failing cases (spec text) to FILE, "
                    "outside the repository")
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/results/dates_spec.md")
    args = ap.parse_args(argv)
    if not SPEC_DIR.is_dir():
        print(f"skipped: ../shared absent ({SPEC_DIR} not found)")
        return 0
    from pipeline.lang.nlp import make_nlp

    nlp = make_nlp()
    failures: list[str] = []
    t0 = time.perf_counter()
    rows = [run_file(nlp, name, failures) for name in FILES]
    secs = time.perf_counter() - t0
    head = "| file | cases | gold | pred | exact | P | R | F1 | value acc | value acc where found |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        va = vf = "-"
        if r["value_acc"] is not None:
            va = f"{r['value_acc']:.3f} ({r['ok_val']}/{r['n_val']})"
            vf = f"{r['ok_val'] / r['n_found']:.3f} ({r['ok_val']}/{r['n_found']})" if r["n_found"] else "-"
        lines.append(f"| {r['file']} | {r['cases']} | {r['gold']} | {r['pred']} | {r['tp']} | {r['P']:.3f} | "
                     f"{r['R']:.3f} | {r['F1']:.3f} | {va} | {vf} |")
    table = "\n".join(lines)
    print(table)
    print(f"\n{sum(r['cases'] for r in rows)} cases in {secs:.1f}s")
    if args.show_failures:
        Path(args.show_failures).write_text("\n".join(failures) + "\n", encoding="utf-8")
        print(f"{len(failures)} failing cases written to {args.show_failures}")
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        notes = old[old.index(NOTES_MARK):] if NOTES_MARK in old else ""  # hand-written, kept as is
        RESULTS.write_text(
            "# Dates stage on the Recognizers-Text Arabic DateTime specs\n\n"
            "Produced by `.venv/bin/python benchmarks/dates_spec.py` (dates stage alone, each case's "
            "reference time as the publication date). Exact character spans; a value is right when it "
            "equals the spec's past or future resolution or its Timex (interval ends inclusive or exclusive). "
            "*value acc* counts every gold result (no span = wrong); *where found* only those a predicted "
            "span overlaps.\n\n" + table + "\n" + ("\n" + notes if notes else ""),
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
