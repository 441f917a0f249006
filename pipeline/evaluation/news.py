"""``python -m pipeline evaluate news GOLD [--data DIR] [--json] [--errors]``: the four tables on
real news, against standoff gold that follows ``docs/conventions.md``.

GOLD is a JSONL file (or a folder of them), one article a line: ``ref`` (``saudinewsnet/<zip>#<i>``,
read from ``--data``, by default ``../shared/data``), ``sha256`` of the text, ``published`` (the
anchor of relative dates), and ``entities`` (``start``, ``end``, ``label``), ``dates`` (``start``,
``end``, ``value``, ``kind``), ``numbers`` (``start``, ``end``, ``value``, ``value_max``, ``kind``,
``unit``) and ``quotes`` (``kind``, ``start``, ``end``, ``speaker_start``/``speaker_end`` — the
resolved speaker —, ``cue_*``, ``role_*``, ``org_*``). The gold holds offsets only; every text is read
from the article. ``scripts/news_gold.py`` builds it.

How the pipeline's rows are matched (all one to one, largest overlap first):

- **entities** (PER, ORG, LOC; MISC predictions are set aside): *exact* — same label, same end, and
  the same start up to a proclitic glued to the first word (و ف ب ل ك: "وجدة" = "جدة"); *overlap* —
  same label and any shared character.
- **dates** and **numbers**: a span matches a gold span it overlaps (``f1``; ``exact_f1`` beside it
  for identical spans up to a proclitic). ``value_accuracy`` is the share of matched spans whose value
  is right (dates: the ISO string, an interval of whole months or years written at that precision; numbers: the value, and the upper bound of a range, within 0.1 %).
  A gold number inside a duration or recurrence that the dates table holds ("ثلاث سنوات" = P3Y)
  counts as found, with the duration's number as its value.
- **quotes**: same kind and an overlap of at least half the gold span (as ``evaluate quotes``);
  ``speaker_accuracy`` over matched quotes: right when the pipeline's ``speaker``, or a mention of the
  entity its ``speaker_entity_id`` links, is the gold speaker's name (normalized; a leading proclitic
  ignored), or when both are absent.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from .quotes import load_ref, match, read_gold

ENTITY_TYPES = ("PER", "ORG", "LOC")
QUOTE_KINDS = ("direct", "reported")
PROCLITICS = set("وفبلك")
_ISO_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")


def add_arguments(p) -> None:
    p.add_argument("gold", help="gold JSONL file or folder of *.jsonl (data/gold/news/dev.jsonl, test.jsonl)")
    p.add_argument("--data", default=None, help="folder holding saudinewsnet/ (default ../shared/data)")
    p.add_argument("--json", action="store_true", help="print one JSON object (fractions 0-1)")
    p.add_argument("--errors", action="store_true", help="list every miss and false alarm, grouped by stage")


# ---------------------------------------------------------------- matching

def same_span(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Identical spans, up to a proclitic glued to the first word of one of them."""
    if a[1] != b[1]:
        return False
    lo, hi = sorted((a[0], b[0]))
    return all(c in PROCLITICS for c in text[lo:hi]) and hi - lo <= 2


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair_spans(gold: list[dict], pred: list[dict], accept) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs that ``accept(g, p)``, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap((g["start"], g["end"]), (p["start"], p["end"]))
            if ov > 0 and accept(g, p):
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "pred": pred, "gold": gold}


def same_number(g: float | None, p: float | None) -> bool:
    if g is None or p is None:
        return g is None and p is None
    return abs(g - p) <= 1e-3 * max(1.0, abs(g))


def date_key(value: str | None) -> str | None:
    """One spelling of a date value: an interval of whole months or years at that precision
    ("2015-01-01/2015-06-30" = "2015-01/2015-06"; "2015-01/2015-12" = "2015"); one day = that day."""
    import calendar

    if not value or "/" not in value or value.startswith(("R", "P")):
        return value or None
    a, b = value.split("/", 1)
    ma = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", a)
    mb = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", b)
    if not (ma and mb):
        return value
    if ma.group(3) and mb.group(3):
        if a == b:
            return a
        last = calendar.monthrange(int(mb.group(1)), int(mb.group(2)))[1]
        if ma.group(3) != "01" or int(mb.group(3)) != last:
            return value
    a, b = a[:7], b[:7]
    if a == b:
        return a
    if a[:4] == b[:4] and a[5:] == "01" and b[5:] == "12":
        return a[:4]
    return f"{a}/{b}"


def name_key(s: str | None) -> str:
    """A name compared across tables: normalized, no spaces, no leading proclitic before an article."""
    from ..lang.normalize import normalize

    if not s:
        return ""
    k = normalize(s).replace(" ", "")
    if k.startswith("لل"):
        k = "ال" + k[2:]
    elif len(k) > 3 and k[0] in PROCLITICS and k[1:3] == "ال":
        k = k[1:]
    elif len(k) > 4 and k[0] in "وف" and k[1] in "بلك" and k[2:4] == "ال":
        k = k[2:]
    return k


def _duration_numbers(dates: list[dict]) -> list[dict]:
    """Durations and recurrences of the dates table read as numbers (P3Y -> 3), for matching only."""
    out = []
    for d in dates:
        if d.get("kind") in ("duration", "set") and d.get("value"):
            m = _ISO_NUMBER.search(d["value"].split("/")[-1])
            if m:
                out.append({"start": d["start"], "end": d["end"], "value": float(m.group(1)),
                            "value_max": None, "kind": "duration", "from_dates": True})
    return out


# ---------------------------------------------------------------- scoring

def _blank() -> dict:
    c = {"tp": 0, "pred": 0, "gold": 0}
    return {"entities": {"exact": {t: dict(c) for t in ENTITY_TYPES}, "overlap": {t: dict(c) for t in ENTITY_TYPES}},
            "dates": {"tp": 0, "exact": 0, "pred": 0, "gold": 0, "value_ok": 0},
            "numbers": {"tp": 0, "exact": 0, "pred": 0, "gold": 0, "value_ok": 0},
            "quotes": {k: dict(c) for k in QUOTE_KINDS} | {"speaker": {"matched": 0, "correct": 0}}}


def score_article(text: str, gold: dict, pred: dict, counts: dict, errors: list[dict]) -> None:
    """Add one article's counts; ``pred`` holds the pipeline's rows per table (``extract()``)."""
    ref = gold.get("ref", "")

    def err(stage: str, cls: str, span: tuple[int, int] | None, detail: str = "") -> None:
        errors.append({"stage": stage, "class": cls, "ref": ref, "span": span, "detail": detail, "text": text})

    # entities
    g_ents = gold.get("entities", [])
    p_ents = [e for e in pred.get("entities", []) if e["label"] in ENTITY_TYPES]
    ex = pair_spans(g_ents, p_ents, lambda g, p: g["label"] == p["label"] and same_span(
        text, (g["start"], g["end"]), (p["start"], p["end"])))
    ov = pair_spans(g_ents, p_ents, lambda g, p: g["label"] == p["label"])
    for mode, pairs in (("exact", ex), ("overlap", ov)):
        c = counts["entities"][mode]
        for g in g_ents:
            c[g["label"]]["gold"] += 1
        for p in p_ents:
            c[p["label"]]["pred"] += 1
        for gi, _ in pairs:
            c[g_ents[gi]["label"]]["tp"] += 1
    any_ov = dict(pair_spans(g_ents, p_ents, lambda g, p: True))
    ex_g, ex_p = {g for g, _ in ex}, {p for _, p in ex}
    for gi, g in enumerate(g_ents):
        if gi in ex_g:
            continue
        pi = any_ov.get(gi)
        if pi is None:
            err("entities", f"missed {g['label']}", (g["start"], g["end"]))
        elif p_ents[pi]["label"] != g["label"]:
            err("entities", f"wrong type {g['label']} as {p_ents[pi]['label']}", (g["start"], g["end"]),
                f"pred {text[p_ents[pi]['start']:p_ents[pi]['end']]!r}")
        else:
            err("entities", f"boundary {g['label']}", (g["start"], g["end"]),
                f"pred {text[p_ents[pi]['start']:p_ents[pi]['end']]!r}")
    ov_p = set(any_ov.values())
    for pi, p in enumerate(p_ents):
        if pi not in ex_p and pi not in ov_p:
            err("entities", f"false alarm {p['label']}", (p["start"], p["end"]))

    # dates and numbers
    for table in ("dates", "numbers"):
        g_rows = gold.get(table, [])
        p_rows = list(pred.get(table, []))
        c = counts[table]
        c["gold"] += len(g_rows)
        c["pred"] += len(p_rows)
        extra = _duration_numbers(pred.get("dates", [])) if table == "numbers" else []
        pairs = pair_spans(g_rows, p_rows + extra, lambda g, p: True)
        c["tp"] += len(pairs)
        # a duration-read number adds to tp without being a prediction of the numbers table
        c["pred"] += sum(1 for _, pi in pairs if pi >= len(p_rows))
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = g_rows[gi], (p_rows + extra)[pi]
            c["exact"] += same_span(text, (g["start"], g["end"]), (p["start"], p["end"]))
            if table == "dates":
                ok = date_key(g.get("value")) == date_key(p.get("value"))
                shown = f"gold {g.get('value')} pred {p.get('value')}"
            else:
                ok = same_number(g.get("value"), p.get("value")) and same_number(g.get("value_max"), p.get("value_max"))
                shown = f"gold {g.get('value')}..{g.get('value_max')} pred {p.get('value')}..{p.get('value_max')}"
            c["value_ok"] += ok
            if not ok:
                err(table, f"wrong value ({g.get('kind')})", (g["start"], g["end"]),
                    f"{shown}; pred span {text[p['start']:p['end']]!r}")
        for gi, g in enumerate(g_rows):
            if gi not in {x for x, _ in pairs}:
                err(table, f"missed {g.get('kind')}", (g["start"], g["end"]), f"gold {g.get('value')}")
        for pi, p in enumerate(p_rows):
            if pi not in matched_p:
                err(table, f"false alarm {p.get('kind')}", (p["start"], p["end"]), f"pred {p.get('value')}")

    # quotes
    g_q = gold.get("quotes", [])
    p_q = list(pred.get("quotes", []))
    for g in g_q:
        counts["quotes"][g["kind"]]["gold"] += 1
    for p in p_q:
        counts["quotes"][p["kind"]]["pred"] += 1
    pairs = match(g_q, p_q)
    ents_by_id: dict[str, set[str]] = {}
    for e in pred.get("entities", []):
        if e.get("entity_id"):
            ents_by_id.setdefault(e["entity_id"], set()).update({name_key(e["text"]), name_key(e.get("canonical"))})
    spk = counts["quotes"]["speaker"]
    for gi, pi in pairs:
        g, p = g_q[gi], p_q[pi]
        counts["quotes"][g["kind"]]["tp"] += 1
        gname = text[g["speaker_start"]:g["speaker_end"]] if g.get("speaker_start") is not None else None
        gk = name_key(gname)
        pk = name_key(p.get("speaker"))
        linked = ents_by_id.get(p.get("speaker_entity_id") or "", set())
        ok = (gk == pk) or (bool(gk) and gk in linked)
        spk["matched"] += 1
        spk["correct"] += ok
        if not ok:
            err("quotes", "wrong speaker", (g["start"], g["end"]), f"gold {gname!r} pred {p.get('speaker')!r}")
    mg, mp = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    for gi, g in enumerate(g_q):
        if gi not in mg:
            err("quotes", f"missed {g['kind']}", (g["start"], g["end"]))
    for pi, p in enumerate(p_q):
        if pi not in mp:
            err("quotes", f"false alarm {p['kind']}", (p["start"], p["end"]))


def summarize(counts: dict, articles: int) -> dict:
    """The figures as one JSON-ready object (fractions 0-1)."""
    out: dict = {"entities": {}}
    for mode in ("exact", "overlap"):
        per = {t: prf(**counts["entities"][mode][t]) for t in ENTITY_TYPES}
        tot = {k: sum(counts["entities"][mode][t][k] for t in ENTITY_TYPES) for k in ("tp", "pred", "gold")}
        key = "micro" if mode == "exact" else "overlap_micro"
        out["entities"][key] = prf(tot["tp"], tot["pred"], tot["gold"])
        out["entities"]["per_type" if mode == "exact" else "overlap_per_type"] = per
    for table in ("dates", "numbers"):
        c = counts[table]
        r = prf(c["tp"], c["pred"], c["gold"])
        r["exact_f1"] = prf(c["exact"], c["pred"], c["gold"])["f1"]
        r["value_accuracy"] = c["value_ok"] / c["tp"] if c["tp"] else 0.0
        r["values_right_of_gold"] = c["value_ok"] / c["gold"] if c["gold"] else 0.0
        out[table] = r
    q = counts["quotes"]
    out["quotes"] = {k: prf(**q[k]) for k in QUOTE_KINDS}
    s = q["speaker"]
    out["quotes"]["speaker_accuracy"] = s["correct"] / s["matched"] if s["matched"] else 0.0
    out["quotes"]["speakers_matched"] = s["matched"]
    out["articles"] = articles
    return out


def evaluate(gold_rows: list[dict], data: Path, nlp=None) -> tuple[dict, list[dict], list[str]]:
    """Run the pipeline on every gold article; (figures, errors, problems)."""
    import pipeline

    nlp = nlp or pipeline.load()
    counts, errors, problems, n = _blank(), [], [], 0
    for g in gold_rows:
        text = load_ref(g["ref"], data)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != g["sha256"]:
            problems.append(f"{g['ref']}: the article text changed (sha256 differs); skipped")
            continue
        pred = pipeline.extract(text, published=g.get("published"), doc_id=g["ref"], nlp=nlp)
        score_article(text, g, pred, counts, errors)
        n += 1
    return summarize(counts, n), errors, problems


def _clip(text: str, a: int, b: int, ctx: int = 25) -> str:
    left = text[max(0, a - ctx):a].replace("\n", " ")
    right = text[b:b + ctx].replace("\n", " ")
    mid = text[a:b].replace("\n", " ")
    if len(mid) > 80:
        mid = mid[:38] + " … " + mid[-38:]
    return f"{left}[{mid}]{right}"


def print_table(res: dict) -> None:
    e = res["entities"]
    print(f"{res['articles']} articles")
    print(f"{'entities':10s} {'P':>6s} {'R':>6s} {'F1':>6s}   overlap F1   gold  pred")
    for t in (*ENTITY_TYPES, "micro"):
        x = e["micro"] if t == "micro" else e["per_type"][t]
        o = e["overlap_micro"] if t == "micro" else e["overlap_per_type"][t]
        print(f"  {t:8s} {x['precision']:6.3f} {x['recall']:6.3f} {x['f1']:6.3f}   {o['f1']:10.3f}  {x['gold']:5d} {x['pred']:5d}")
    for table in ("dates", "numbers"):
        x = res[table]
        print(f"{table:10s} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  (exact F1 {x['exact_f1']:.3f})"
              f"  value accuracy {x['value_accuracy']:.3f}  gold {x['gold']} pred {x['pred']}")
    q = res["quotes"]
    for k in QUOTE_KINDS:
        x = q[k]
        print(f"quotes {k:9s} P {x['precision']:.3f}  R {x['recall']:.3f}  gold {x['gold']} pred {x['pred']}")
    print(f"speaker accuracy {q['speaker_accuracy']:.3f} ({q['speakers_matched']} matched quotes)")


def print_errors(errors: list[dict]) -> None:
    by: dict[tuple[str, str], list[dict]] = {}
    for e in errors:
        by.setdefault((e["stage"], e["class"]), []).append(e)
    for (stage, cls), items in sorted(by.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        print(f"\n== {stage}: {cls} ({len(items)})")
        for e in items:
            a, b = e["span"]
            print(f"  {e['ref']} {_clip(e['text'], a, b)}" + (f"  — {e['detail']}" if e["detail"] else ""))


def run(args) -> int:
    if args.data:
        data = Path(args.data)
    else:  # ../shared beside the checkout (or beside the working folder)
        here = [Path(__file__).resolve().parents[2].parent, Path.cwd().parent]
        data = next((p / "shared" / "data" for p in here if (p / "shared" / "data").is_dir()), here[0] / "shared" / "data")
    gold_rows = read_gold(args.gold)  # a missing or unreadable gold file is an error even without ../shared
    if not (data / "saudinewsnet").is_dir():
        print(f"skipped: the articles are not here ({data / 'saudinewsnet'} is absent; see --data)", file=sys.stderr)
        return 0
    res, errors, problems = evaluate(gold_rows, data)
    for p in problems:
        print("warning:", p, file=sys.stderr)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        print_table(res)
    if args.errors:
        print_errors(errors)
    return 0
