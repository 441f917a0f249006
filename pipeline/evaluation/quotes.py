"""``python -m pipeline evaluate quotes GOLD [--data DIR] [--misses] [--json]``: quote detection
and speaker accuracy on standoff gold.

GOLD is a JSONL file (or a folder of them) with one article a line: ``ref`` (where the article
text is: ``saudinewsnet/<zip>#<index>`` or ``arwikinews#<line>``, read from ``--data``, by
default ``../shared/data``), ``sha256`` of that text, and ``quotes``: ``kind`` (direct|reported),
``start``/``end`` character offsets and the speaker's ``speaker_start``/``speaker_end`` (or
null). The gold holds no article text, not even the speaker's name: it is read at the offsets.

A predicted quote matches a gold quote of the same kind when their spans overlap by at least half
of the gold span (one to one, largest overlap first). Speaker accuracy is over matched quotes: the
speakers agree when both are absent or when one normalized name contains the other.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

KINDS = ("direct", "reported")


def add_arguments(p) -> None:
    p.add_argument("gold", help="gold JSONL file or folder of *.jsonl")
    p.add_argument("--data", default=None, help="folder holding saudinewsnet/ and raw-text/ (default ../shared/data)")
    p.add_argument("--misses", action="store_true", help="list missed and spurious quotes and wrong speakers")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


@lru_cache(maxsize=16)
def _saudinewsnet(path: str) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(zf.namelist()[0]))


def load_ref(ref: str, data: Path) -> str:
    """The text of an article reference."""
    if ref.startswith("saudinewsnet/"):
        zname, idx = ref.split("/", 1)[1].split("#")
        return _saudinewsnet(str(data / "saudinewsnet" / zname))[int(idx)]["content"]
    if ref.startswith("arwikinews#"):
        line = int(ref.split("#")[1])
        with open(data / "raw-text" / "arwikinews.jsonl", encoding="utf-8") as fh:
            for k, ln in enumerate(fh):
                if k == line:
                    return json.loads(ln)["text"]
    raise KeyError(f"unknown article reference {ref!r}")


def read_gold(path: str | Path) -> list[dict]:
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    rows = []
    for f in files:
        for ln in f.read_text(encoding="utf-8").splitlines():
            if ln.strip():
                rows.append(json.loads(ln))
    return rows


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of the same kind overlapping ≥ half the gold span."""
    cands = []
    for gi, g in enumerate(gold):
        glen = g["end"] - g["start"]
        for pi, p in enumerate(pred):
            if p["kind"] != g["kind"]:
                continue
            ov = _overlap((g["start"], g["end"]), (p["start"], p["end"]))
            if ov * 2 >= glen and ov > 0:
                cands.append((ov, gi, pi))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def same_speaker(gold: str | None, pred: str | None) -> bool:
    from ..lang.normalize import normalize

    if not gold or not pred:
        return not gold and not pred
    g = normalize(gold).replace(" ", "")
    p = normalize(pred).replace(" ", "")
    return g in p or p in g


def _speaker_text(text: str, quote: dict) -> str | None:
    """The gold speaker as written in the article, from its offsets (the gold stores no text)."""
    if quote.get("speaker_start") is None:
        return None
    return text[quote["speaker_start"] : quote["speaker_end"]]


def evaluate(gold_rows: list[dict], data: Path, nlp=None) -> dict:
    from ..api import load

    nlp = nlp or load(exclude=("dates", "numbers"))  # the quotes stage uses entities only
    texts, problems = [], []
    for r in gold_rows:
        t = load_ref(r["ref"], data)
        if hashlib.sha256(t.encode("utf-8")).hexdigest() != r["sha256"]:
            problems.append(f"{r['ref']}: the article text changed (sha256 differs)")
        texts.append(t)
    counts = {k: {"gold": 0, "pred": 0, "tp": 0} for k in KINDS}
    spk = {"matched": 0, "correct": 0}
    misses: list[dict] = []
    for r, doc in zip(gold_rows, nlp.pipe(texts, batch_size=16), strict=True):
        pred = [
            {"kind": s._.kind, "start": s.start_char, "end": s.end_char, "speaker": s._.speaker}
            for s in doc.spans["quotes"]
        ]
        gold = [dict(g, speaker=_speaker_text(doc.text, g)) for g in r["quotes"]]
        for g in gold:
            counts[g["kind"]]["gold"] += 1
        for p in pred:
            counts[p["kind"]]["pred"] += 1
        pairs = match(gold, pred)
        for gi, pi in pairs:
            counts[gold[gi]["kind"]]["tp"] += 1
            spk["matched"] += 1
            ok = same_speaker(gold[gi]["speaker"], pred[pi]["speaker"])
            spk["correct"] += ok
            if not ok:
                misses.append({"type": "speaker", "ref": r["ref"], "gold": gold[gi], "pred": pred[pi], "text": doc.text})
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        misses += [{"type": "missed", "ref": r["ref"], "gold": g, "text": doc.text} for gi, g in enumerate(gold) if gi not in mg]
        misses += [{"type": "spurious", "ref": r["ref"], "pred": p, "text": doc.text} for pi, p in enumerate(pred) if pi not in mp]
    out = {"articles": len(gold_rows), "problems": problems}
    for k, c in counts.items():
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        rc = c["tp"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        out[k] = dict(c, precision=round(p, 3), recall=round(rc, 3), f1=round(f, 3))
    out["speaker"] = dict(spk, accuracy=round(spk["correct"] / spk["matched"], 3) if spk["matched"] else 0.0)
    out["_misses"] = misses
    return out


def _clip(text: str, a: int, b: int, n: int = 70) -> str:
    s = text[a:b].replace("\n", " ")
    return s if len(s) <= n else s[: n // 2] + " … " + s[-n // 2:]


def run(args) -> int:
    data = Path(args.data) if args.data else Path("..") / "shared" / "data"
    gold_rows = read_gold(args.gold)  # a missing or unreadable gold file is an error even without ../shared
    if not data.exists():
        print(f"error: article data not found at {data} (see --data)", file=sys.stderr)
        return 2
    res = evaluate(gold_rows, data)
    misses = res.pop("_misses")
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        print(f"{res['articles']} articles")
        for k in KINDS:
            c = res[k]
            print(f"{k:9s} gold {c['gold']:4d}  pred {c['pred']:4d}  tp {c['tp']:4d}  "
                  f"P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}")
        s = res["speaker"]
        print(f"speaker   accuracy {s['accuracy']:.3f} ({s['correct']}/{s['matched']} matched quotes)")
        for p in res["problems"]:
            print("warning:", p, file=sys.stderr)
    if args.misses:
        for m in misses:
            if m["type"] == "missed":
                g = m["gold"]
                print(f"MISSED   {m['ref']} {g['kind']:8s} [{g.get('note', '')}] {_clip(m['text'], g['start'], g['end'])}")
            elif m["type"] == "spurious":
                p = m["pred"]
                print(f"SPURIOUS {m['ref']} {p['kind']:8s} {_clip(m['text'], p['start'], p['end'])}")
            else:
                print(f"SPEAKER  {m['ref']} gold={m['gold']['speaker']!r} pred={m['pred']['speaker']!r} "
                      f"[{m['gold'].get('note', '')}]")
    return 0
