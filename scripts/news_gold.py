"""Build the news gold (standoff annotations over SaudiNewsNet; the article text is never stored).

    python scripts/news_gold.py pick > refs.tsv          # choose the articles: ref, split, day, source, section
    python scripts/news_gold.py show REF [REF …]         # print an article to read and annotate
    python scripts/news_gold.py hijri 1436-10-12         # Hijri -> Gregorian (Umm al-Qura); 2015-07-28 -> Hijri
    python scripts/news_gold.py build ANNOT [ANNOT …] --out DIR   # annotation files -> DIR/{dev,test}.jsonl
    python scripts/news_gold.py check ANNOT [ANNOT …]    # validate only: every anchor found, every field well formed
    python scripts/news_gold.py agree SECOND ANNOT [ANNOT …]  # agreement of a second pass with the first, per table

Annotation files are written by a person reading each article against ``docs/conventions.md``.
They quote the article, so they stay **outside the repository**; ``build`` turns them into character
offsets, and only offsets, values, kinds and hashes are committed (``data/gold/news/``).

Format: one article per block, started by ``@ REF``; then one line per annotation, fields split by
`` | ``. Lines starting with ``#`` are comments. Every TEXT is copied exactly from the article; a
TEXT may hold context around the span in braces (``قتل {10} أشخاص`` marks only ``10``). Mentions of
one table are listed **in reading order** (each is searched after the previous one of its table).

    @ saudinewsnet/2015-07-27.zip#123
    S | sports                                  section: politics local economy sports health culture other
    E | ORG | وزارة الصحة                        every PER / ORG / LOC mention
    D | أمس | 2015-07-26 | relative              span | ISO value or - | kind
    N | 150 ألف | 150000 | money | SAR           span | value (a..b for a range) | kind | unit code or -
    Q | direct | first words … last words | NAME | CUE | ROLE | ORG
    X | nothing to annotate in a table: X | dates   (optional, documents an empty table)

Quote fields: NAME is the speaker as resolved (the person's fullest name in the article, else the
organization or the description as written; ``-`` when nobody is given); CUE the words that name
the speaker at the attribution when they differ from NAME (a description "المتحدث باسم الوزارة", a
surname); ROLE and ORG as written (``-`` when absent). NAME, CUE, ROLE and ORG are found at the
occurrence nearest to the quote (before it preferred).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SNN = SHARED / "saudinewsnet"

TEST_DAYS = ("2015-07-27", "2015-08-02")  # days no quote gold and no rule was ever tuned on
SECTIONS = ("politics", "local", "economy", "sports", "health", "culture", "other")
ENTITY_TYPES = ("PER", "ORG", "LOC")
DATE_KINDS = ("absolute", "relative", "weekday", "range", "duration", "set", "season", "time")
NUMBER_KINDS = ("cardinal", "ordinal", "fraction", "percent", "money", "range")
QUOTE_KINDS = ("direct", "reported")
PROCLITIC = "وفبلك"
LETTER = re.compile(r"[^\W_]|[\u0640\u064B-\u065F\u0670]")  # letters, digits, tatweel, harakat

_KEYWORDS = {
    "sports": "نادي النادي مباراة المباراة الدوري لاعب اللاعب المنتخب الفريق كرة الملعب المدرب",
    "economy": "الأسهم السوق الاقتصاد البنك النفط الشركة الاستثمار أسعار المؤشر التجارة ميزانية",
    "health": "الصحة مستشفى المستشفى مرض فيروس المرضى طبي الطبية الأطباء كورونا الصحية",
    "culture": "ثقافي الثقافة مهرجان كتاب رواية الشعر فيلم مسرح معرض الفن الأدبي التراث",
    "politics": "الحوثي اليمن سوريا إيران الرئيس داعش العراق الأمن التحالف الحرب المعارضة الانتخابات",
    "local": "أمانة بلدية محافظة المرور الأمطار الطلاب التعليم الشرطة المدني المواطنين الأحياء",
}


@lru_cache(maxsize=16)
def articles(day: str) -> list[dict]:
    with zipfile.ZipFile(SNN / f"{day}.zip") as zf:
        return json.loads(zf.read(zf.namelist()[0]))


def split_ref(ref: str) -> tuple[str, int]:
    m = re.fullmatch(r"saudinewsnet/(\d{4}-\d{2}-\d{2})\.zip#(\d+)", ref)
    if not m:
        raise ValueError(f"not a SaudiNewsNet reference: {ref!r}")
    return m.group(1), int(m.group(2))


def load(ref: str) -> dict:
    day, idx = split_ref(ref)
    return articles(day)[idx]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guess_section(art: dict) -> str:
    words = re.findall(r"[\u0600-\u06FF]+", (art.get("title") or "") + " " + (art.get("content") or ""))
    counts = {s: sum(w in set(kw.split()) for w in words) for s, kw in _KEYWORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else "other"


def _used_refs() -> set[str]:
    used = set()
    for f in (Path(__file__).resolve().parents[1] / "data" / "gold" / "quotes").glob("*.jsonl"):
        for ln in f.read_text(encoding="utf-8").splitlines():
            if ln.strip():
                used.add(json.loads(ln)["ref"])
    return used


def pick(dev_n: int = 84, test_n: int = 42, seed: int = 20151201) -> list[tuple[str, str, str, str, str]]:
    """Articles of 500-1500 characters, spread over sources and guessed sections, by day."""
    rng = random.Random(seed)
    used = _used_refs()
    days = sorted(p.stem for p in SNN.glob("*.zip"))
    dev_days = [d for d in days if d not in TEST_DAYS]
    rows = []
    for split, ds, n in (("dev", dev_days, dev_n), ("test", list(TEST_DAYS), test_n)):
        per_day = [n // len(ds) + (k < n % len(ds)) for k in range(len(ds))]
        for day, want in zip(ds, per_day, strict=True):
            arts = articles(day)
            idx = list(range(len(arts)))
            rng.shuffle(idx)
            taken: list[tuple[str, str]] = []
            for i in idx:
                a = arts[i]
                text = a.get("content") or ""
                ref = f"saudinewsnet/{day}.zip#{i}"
                if ref in used or not 500 <= len(text) <= 1500:
                    continue
                if len(re.findall(r"[\u0600-\u06FF]", text)) < 0.6 * len(text):
                    continue
                sec = guess_section(a)
                # one article per (source, section) first, then per source, then any
                seen_pair = (a["source"], sec) in taken
                seen_src = a["source"] in {s for s, _ in taken}
                seen_sec = sum(s2 == sec for _, s2 in taken)
                if seen_pair or (seen_src and len(taken) < 8) or seen_sec >= -(-want // 6):
                    continue
                taken.append((a["source"], sec))
                rows.append((ref, split, day, a["source"], sec))
                if len(taken) == want:
                    break
    return rows


def show(ref: str) -> str:
    a = load(ref)
    day, _ = split_ref(ref)
    return (f"@ {ref}\n# published {day} · source {a['source']} · {len(a['content'])} characters\n"
            f"{a['content']}\n")


# ---------------------------------------------------------------- finding anchors in the text

def _pattern(text: str) -> tuple[re.Pattern, bool]:
    """A regex for TEXT (whitespace runs match any whitespace run); group 'span' is the braced part."""
    braced = "{" in text
    if braced and not re.fullmatch(r"[^{}]*\{[^{}]+\}[^{}]*", text):
        raise ValueError(f"braces must mark one span: {text!r}")
    parts = re.split(r"([{}])", text.strip())
    out, inside = [], False
    for part in parts:
        if part == "{":
            out.append("(?P<span>")
            inside = True
        elif part == "}":
            out.append(")")
            inside = False
        else:
            out.append(r"\s+".join(re.escape(w) for w in re.split(r"\s+", part)) if part.strip() else
                       (r"\s+" if part else ""))
    del inside
    return re.compile("".join(out)), braced


def _at_word_edges(raw: str, s: int, e: int) -> bool:
    if e < len(raw) and LETTER.match(raw[e]) and not raw[e].isdigit() and not raw[e - 1].isdigit():
        return False
    if e < len(raw) and raw[e].isdigit() and raw[e - 1].isdigit():
        return False
    k = s
    while k > 0 and LETTER.match(raw[k - 1]):
        k -= 1
    prefix = raw[k:s]
    return prefix == "" or (len(prefix) <= 3 and all(c in PROCLITIC for c in prefix)) or prefix in ("ال", "وال", "بال", "فال", "كال")


def find_all(raw: str, text: str) -> list[tuple[int, int]]:
    pat, braced = _pattern(text)
    out = []
    for m in pat.finditer(raw):
        s, e = m.span("span") if braced else m.span()
        if _at_word_edges(raw, s, e):
            out.append((s, e))
    # overlapping occurrences are rare; finditer is enough for anchors
    return out


def find_after(raw: str, text: str, cursor: int) -> tuple[int, int]:
    for s, e in find_all(raw, text):
        if s >= cursor:
            return s, e
    where = "anywhere" if not find_all(raw, text) else f"after offset {cursor} (list mentions in reading order)"
    raise ValueError(f"not found {where}: {text!r}")


def find_near(raw: str, text: str, pos: int) -> tuple[int, int]:
    occ = find_all(raw, text)
    if not occ:
        raise ValueError(f"not found anywhere: {text!r}")
    before = [o for o in occ if o[1] <= pos]
    return before[-1] if before else min(occ, key=lambda o: abs(o[0] - pos))


# ---------------------------------------------------------------- parsing annotation files

def _value(v: str) -> str | None:
    v = v.strip()
    return None if v in ("-", "") else v


def _number(v: str) -> tuple[float, float | None]:
    v = v.strip().replace(",", "")
    if ".." in v:
        a, b = v.split("..")
        return float(a), float(b)
    return float(v), None


ISO = re.compile(r"(?:R\d*/)?(?:P[\dYMWDTHS.]+|[\dWTE:+\-/]+|\d{4}(?:-\d{2}){0,2}(?:T\d{2}(?::\d{2})?)?|T\d{2}(?::\d{2})?)")


def parse_block(ref: str, lines: list[tuple[int, str]]) -> dict:
    art = load(ref)
    raw = art["content"]
    day, _ = split_ref(ref)
    rec = {"ref": ref, "sha256": sha(raw), "n_chars": len(raw), "published": day,
           "source": art["source"], "section": None, "entities": [], "dates": [], "numbers": [],
           "quotes": []}
    cursor = {"E": 0, "D": 0, "N": 0, "Q": 0}
    errors = []
    for lineno, line in lines:
        f = [x.strip() for x in line.split(" | ")]
        tag = f[0]
        try:
            if tag == "S":
                if f[1] not in SECTIONS:
                    raise ValueError(f"unknown section {f[1]!r}")
                rec["section"] = f[1]
            elif tag == "X":
                continue
            elif tag == "E":
                if len(f) != 3 or f[1] not in ENTITY_TYPES:
                    raise ValueError("E | PER/ORG/LOC | TEXT")
                s, e = find_after(raw, f[2], cursor["E"])
                cursor["E"] = e
                rec["entities"].append({"start": s, "end": e, "label": f[1]})
            elif tag == "D":
                if len(f) != 4 or f[3] not in DATE_KINDS:
                    raise ValueError(f"D | TEXT | VALUE | KIND ({'/'.join(DATE_KINDS)})")
                val = _value(f[2])
                if val is not None and not ISO.fullmatch(val):
                    raise ValueError(f"not an ISO 8601 value: {val!r}")
                s, e = find_after(raw, f[1], cursor["D"])
                cursor["D"] = e
                rec["dates"].append({"start": s, "end": e, "value": val, "kind": f[3]})
            elif tag == "N":
                if len(f) not in (4, 5) or f[3] not in NUMBER_KINDS:
                    raise ValueError(f"N | TEXT | VALUE | KIND ({'/'.join(NUMBER_KINDS)}) | UNIT")
                lo, hi = _number(f[2])
                unit = _value(f[4]) if len(f) == 5 else None
                if unit is not None and not re.fullmatch(r"[A-Z]{3}|%", unit):
                    raise ValueError(f"unit is an ISO 4217 code or %: {unit!r}")
                s, e = find_after(raw, f[1], cursor["N"])
                cursor["N"] = e
                rec["numbers"].append({"start": s, "end": e, "value": lo, "value_max": hi,
                                       "kind": f[3], "unit": unit})
            elif tag == "Q":
                if len(f) != 7 or f[1] not in QUOTE_KINDS:
                    raise ValueError("Q | direct/reported | FIRST … LAST | NAME | CUE | ROLE | ORG")
                anchors = re.split(r"\s*(?:…|\.\.\.)\s*", f[2])
                s, e = find_after(raw, anchors[0], cursor["Q"])
                if len(anchors) == 2:
                    _, e = find_after(raw, anchors[1], s)
                elif len(anchors) > 2:
                    raise ValueError("one … between the first and the last words")
                cursor["Q"] = s + 1
                q = {"kind": f[1], "start": s, "end": e}
                name, cue, role, org = (_value(x) for x in f[3:7])
                sp = find_near(raw, name, s) if name else None
                cu = find_near(raw, cue, s) if cue else None
                anchor = (cu or sp or (s, e))[0]
                ro = find_near(raw, role, anchor) if role else None
                og = find_near(raw, org, anchor) if org else None
                for key, span in (("speaker", sp), ("cue", cu), ("role", ro), ("org", og)):
                    q[f"{key}_start"], q[f"{key}_end"] = span if span else (None, None)
                rec["quotes"].append(q)
            else:
                raise ValueError(f"unknown line type {tag!r}")
        except (ValueError, IndexError) as exc:
            errors.append(f"line {lineno}: {exc}")
    if rec["section"] is None:
        errors.append("no S | section line")
    if errors:
        raise ValueError(f"{ref}:\n  " + "\n  ".join(errors))
    return rec


def read_blocks(path: Path) -> list[tuple[str, list[tuple[int, str]]]]:
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@"):
            blocks.append((line[1:].strip(), []))
        elif not blocks:
            raise ValueError(f"{path}:{k}: annotation before the first @ REF line")
        else:
            blocks[-1][1].append((k, line))
    return blocks


def build(paths: list[str], out: str | None, splits: dict[str, str]) -> int:
    recs, errors = [], []
    for p in paths:
        for ref, lines in read_blocks(Path(p)):
            try:
                recs.append(parse_block(ref, lines))
            except ValueError as exc:
                errors.append(f"{p}: {exc}")
    for e in errors:
        print(e, file=sys.stderr)
    seen = {}
    for r in recs:
        if r["ref"] in seen:
            print(f"duplicate article {r['ref']}", file=sys.stderr)
            errors.append(r["ref"])
        seen[r["ref"]] = r
    print(f"{len(recs)} articles read, {len(errors)} with errors", file=sys.stderr)
    if out and not errors:
        outdir = Path(out)
        outdir.mkdir(parents=True, exist_ok=True)
        for split in ("dev", "test"):
            rows = [r for r in recs if splits.get(r["ref"], "dev" if r["published"] not in TEST_DAYS else "test") == split]
            rows.sort(key=lambda r: (r["published"], split_ref(r["ref"])[1]))
            with open(outdir / f"{split}.jsonl", "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=True, sort_keys=False) + "\n")
            print(f"{outdir / (split + '.jsonl')}: {len(rows)} articles", file=sys.stderr)
    return 1 if errors else 0


def hijri(value: str) -> str:
    """Hijri YYYY-MM-DD -> Gregorian day; Hijri YYYY-MM or YYYY -> the Gregorian range; Gregorian -> Hijri."""
    from hijridate import Gregorian, Hijri

    parts = [int(x) for x in value.split("-")]
    try:
        if parts[0] >= 1600:
            h = Gregorian(*parts).to_hijri()
            return f"{h.year:04d}-{h.month:02d}-{h.day:02d}"
        if len(parts) == 3:
            return Hijri(*parts).to_gregorian().isoformat()
        y, months = parts[0], [parts[1]] if len(parts) == 2 else [1, 12]
        first = Hijri(y, months[0], 1).to_gregorian()
        last = Hijri(y, months[-1], Hijri(y, months[-1], 1).month_length()).to_gregorian()
        return f"{first.isoformat()}/{last.isoformat()}"
    except ValueError as exc:
        return f"error: {exc}"


def as_prediction(rec: dict, raw: str) -> dict:
    """A second annotation pass in the shape of the pipeline's rows, to score it against the first."""
    return {"entities": [dict(e, text=raw[e["start"]:e["end"]]) for e in rec["entities"]],
            "dates": rec["dates"], "numbers": rec["numbers"],
            "quotes": [dict(q, speaker=raw[q["speaker_start"]:q["speaker_end"]] if q["speaker_start"] is not None else None,
                            speaker_entity_id=None) for q in rec["quotes"]]}


def agree(second: str, firsts: list[str]) -> dict:
    """Agreement of the second pass with the first on the articles both annotated (first = reference)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pipeline.evaluation.news import _blank, score_article, summarize

    first = {ref: lines for p in firsts for ref, lines in read_blocks(Path(p))}
    counts, errors, n = _blank(), [], 0
    for ref, lines in read_blocks(Path(second)):
        if ref not in first:
            continue
        a, b = parse_block(ref, first[ref]), parse_block(ref, lines)
        raw = load(ref)["content"]
        score_article(raw, a, as_prediction(b, raw), counts, errors)
        n += 1
    return summarize(counts, n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("pick")
    s = sub.add_parser("show")
    s.add_argument("refs", nargs="+")
    h = sub.add_parser("hijri")
    h.add_argument("dates", nargs="+")
    ag = sub.add_parser("agree")
    ag.add_argument("second")
    ag.add_argument("firsts", nargs="+")
    for name in ("build", "check"):
        b = sub.add_parser(name)
        b.add_argument("files", nargs="+")
        if name == "build":
            b.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if not SNN.is_dir():
        print(f"skipped: {SNN} is absent", file=sys.stderr)
        return 0
    if args.cmd == "pick":
        for row in pick():
            print("\t".join(row))
    elif args.cmd == "show":
        for ref in args.refs:
            print(show(ref))
    elif args.cmd == "hijri":
        for d in args.dates:
            print(d, "->", hijri(d))
    elif args.cmd == "agree":
        print(json.dumps(agree(args.second, args.firsts), indent=1))
    else:
        return build(args.files, getattr(args, "out", None), {})
    return 0


if __name__ == "__main__":
    sys.exit(main())
