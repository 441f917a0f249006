"""Helper for the quotes dev gold set (standoff annotations; the article text is never stored).

    python scripts/quotes_gold.py pick                # choose the dev articles (refs, one a line)
    python scripts/quotes_gold.py pick 7 6 13 3       # another sample: seed, zips 6..12, 3 wiki
    python scripts/quotes_gold.py show REF [REF …]    # print an article to read and annotate
    python scripts/quotes_gold.py build ANCHORS OUT   # hand-written anchors -> standoff JSONL

A REF is ``saudinewsnet/<zip>#<index>`` or ``arwikinews#<line>``. The ANCHORS file is written by a
person reading each article (it quotes a few words of the article, so keep it outside the
repository): a line ``@ REF`` starts an article, then one line per quotation:

    D | first words of the quotation | last words of the quotation | speaker as written | note
    R | …                                                                       (reported speech)

The speaker is the name (or description) of who speaks, as written nearest before the quotation
(``-`` when the text does not say). ``build`` finds the words in the article and writes character
offsets, the speaker's text and offsets, and the article's SHA-256 so a changed source is noticed.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import zipfile
from pathlib import Path

from pipeline.evaluation.quotes import load_ref as evaluation_load_ref

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_ref(ref: str) -> str:
    """The text of an article reference (the evaluation's own loader)."""
    return evaluation_load_ref(ref, SHARED)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SPEECH = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أوضح|أشار|بحسب|وفقا)")
MARKS = re.compile(r"[«»\"“”]")


def pick(seed: int = 20150721, zips: slice = slice(0, 6), wiki: int = 12) -> None:
    rng = random.Random(seed)
    refs: list[str] = []
    for zpath in sorted((SHARED / "saudinewsnet").glob("*.zip"))[zips]:
        with zipfile.ZipFile(zpath) as zf:
            arts = json.loads(zf.read(zf.namelist()[0]))
        idx = list(range(len(arts)))
        rng.shuffle(idx)
        got = {"both": 0, "speech": 0, "none": 0}
        want = {"both": 3, "speech": 1, "none": 1}
        for i in idx:
            t = arts[i]["content"] or ""
            if not 500 <= len(t) <= 1600:
                continue
            cls = "both" if MARKS.search(t) and SPEECH.search(t) else "speech" if SPEECH.search(t) else "none"
            if got[cls] < want[cls]:
                got[cls] += 1
                refs.append(f"saudinewsnet/{zpath.name}#{i}")
    lines = (SHARED / "raw-text" / "arwikinews.jsonl").read_text(encoding="utf-8").splitlines()
    idx = list(range(len(lines)))
    rng.shuffle(idx)
    got = {"speech": 0, "none": 0}
    for i in idx:
        t = json.loads(lines[i])["text"]
        if not 300 <= len(t) <= 1800:
            continue
        cls = "speech" if SPEECH.search(t) else "none"
        if got[cls] < {"speech": wiki * 2 // 3, "none": wiki // 3}[cls]:
            got[cls] += 1
            refs.append(f"arwikinews#{i}")
    print("\n".join(refs))


def show(refs: list[str]) -> None:
    for ref in refs:
        text = load_ref(ref)
        print(f"=== {ref}  ({len(text)} chars)")
        print(text)
        print()


def _find(text: str, needle: str, start: int) -> int:
    k = text.find(needle, start)
    if k < 0:
        raise ValueError(f"not found after {start}: {needle!r}")
    return k


def build(anchors: str, out: str) -> None:
    rows = []
    cur = None
    for n, line in enumerate(Path(anchors).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            ref = line[1:].strip()
            text = load_ref(ref)
            # standoff only: a reference, the text's hash and offsets; nothing of the article's text
            cur = {"ref": ref, "sha256": sha(text), "n_chars": len(text), "quotes": [], "_text": text, "_pos": 0}
            rows.append(cur)
            continue
        parts = [p.strip() for p in line.split("|")]
        kind = {"D": "direct", "R": "reported"}[parts[0]]
        text = cur["_text"]
        try:
            s = _find(text, parts[1], cur["_pos"])
            e = _find(text, parts[2], s) + len(parts[2])
        except ValueError as exc:
            sys.exit(f"{anchors}:{n}: {cur['ref']}: {exc}")
        q = {"kind": kind, "start": s, "end": e, "speaker_start": None, "speaker_end": None}
        spk = parts[3] if len(parts) > 3 else "-"
        if spk and spk != "-":
            k = text.rfind(spk, 0, s)
            if k < 0:
                k = text.find(spk, e)
            if k < 0:
                sys.exit(f"{anchors}:{n}: speaker not found: {spk!r}")
            q.update(speaker_start=k, speaker_end=k + len(spk))  # offsets only: no article text
        if len(parts) > 4 and parts[4]:
            q["note"] = parts[4]
        cur["quotes"].append(q)
        cur["_pos"] = s + 1
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            r = {k: v for k, v in r.items() if not k.startswith("_")}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles, {sum(len(r['quotes']) for r in rows)} quotations -> {out}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "pick":
        if len(sys.argv) > 2:  # pick SEED FIRST_ZIP LAST_ZIP N_WIKI: another sample (a fresh check set)
            pick(int(sys.argv[2]), slice(int(sys.argv[3]), int(sys.argv[4])), int(sys.argv[5]))
        else:
            pick()
    elif cmd == "show":
        show(sys.argv[2:])
    elif cmd == "build":
        build(sys.argv[2], sys.argv[3])
