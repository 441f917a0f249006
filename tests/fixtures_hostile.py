"""Hostile-but-realistic inputs (issue 19), generated at test time: ``write_hostile(folder)`` writes a
folder holding every class of the issue's items 2–5, 8 (as far as a root user can make it) and 9,
plus long runs for the bounded-work items, and returns what each article must become:
``{doc_id: Expect}``, and the files that must be listed as skipped.

Also a script: ``python tests/fixtures_hostile.py FOLDER`` writes the folder (to try the CLI by hand).
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures_bad import GOOD, Expect, png_bytes  # noqa: E402

G1, G2 = GOOD["good-riyadh.txt"], GOOD["good-cairo.txt"]
L1, L2 = G1.replace("\n", " "), G2.replace("\n", " ")  # one line each: for unquoted cells
G3 = "أكد رئيس الوزراء الأردني في عمان يوم الثلاثاء أن الحكومة ستفتتح أربع مدارس جديدة في الزرقاء."


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_hostile(folder: Path, big_cell_chars: int = 2_200_000) -> tuple[dict[str, Expect], set[str]]:
    """Write the folder; returns ``({doc_id: Expect}, {names that must be listed as skipped})``.
    ``big_cell_chars``: the size of the CSV cell that must be refused while reading (above
    2 × ``--max-chars`` + 64 K with the default limit of 1,000,000)."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, Expect] = {}
    skipped: set[str] = set()

    def put(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    # a plain article, and the CR that would split a CSV row (item 3): ok, one row in the tables
    put("plain.txt", G1)
    expect["plain.txt"] = Expect("ok")
    put("cr-title.jsonl", _jsonl([{"id": "cr-title", "title": "عنوان\r=cmd|' /C calc'!A0", "url": "https://x.example/\ra",
                                   "text": G2}]))
    expect["cr-title"] = Expect("ok")

    # item 2: the output of pipeline runs inside the input folder is never read back
    manifest = {"pipeline_version": "0.0", "tables": {"documents": []}, "counts": {"documents": 1}}
    put("old-run/manifest.json", json.dumps(manifest))
    put("old-run/documents.csv", "doc_id,text\nx,قال الوزير\n")
    put("killed-run/_parts/state.json", "{}")  # a run killed before its manifest was written
    put("killed-run/entities.csv", "doc_id,text\nx,قال الوزير\n")
    put("killed-run/documents.jsonl", _jsonl([{"id": "never", "text": G1}]))
    skipped |= {"old-run", "killed-run"}

    # item 4: JSONL lines that fail alone
    big = "9" * 5000
    lines = [
        json.dumps({"id": "j-ok-1", "text": G1}, ensure_ascii=False),
        '{"id": "j-bignum-field", "views": ' + big + ', "text": ' + json.dumps(G2, ensure_ascii=False) + "}",
        '{"id": "j-bignum-text", "text": ' + big + "}",
        '{"id": "j-nul", "text": "نص\x00مكسور"}',
        json.dumps({"id": "j-ok-2", "text": G3}, ensure_ascii=False),
    ]
    put("feed.jsonl", "\n".join(lines) + "\n")
    expect.update({"j-ok-1": Expect("ok"), "j-bignum-field": Expect("ok"),
                   "j-bignum-text": Expect("error", "number of 5,000 digits"),
                   "feed.jsonl:4": Expect("error", "NUL byte"), "j-ok-2": Expect("ok")})

    # item 5: CSV malformations
    put("semicolon.csv", f"id;title;text\nsc-1;عنوان;{L1}\nsc-2;عنوان آخر;{_csv_cell(G2)}\n")
    expect.update({"sc-1": Expect("ok"), "sc-2": Expect("ok")})
    put("old-mac.csv", f"id,text\rmac-1,{_csv_cell(G1)}\rmac-2,{_csv_cell(G2)}\r")
    expect.update({"mac-1": Expect("ok"), "mac-2": Expect("ok")})
    put("spaced-header.csv", f"ID, Text\nsp-1, {_csv_cell(G3)}\n")
    expect["sp-1"] = Expect("ok")
    put("blank-first-line.csv", f"\nid,text\nbl-1,{_csv_cell(G1)}\n")
    expect["bl-1"] = Expect("ok")
    put("sep-line.csv", f"sep=;\nid;text\nsl-1;{L2}\n")
    expect["sl-1"] = Expect("ok")
    put("dup-text.csv", f"id,text,title,text\ndt-1,{_csv_cell(G1)},t,{_csv_cell(G2)}\n")
    expect["dt-1"] = Expect("error", "2 columns named 'text'")
    put("cells.csv", f"id,title,text\nce-1,t,قال الوزير, في الرياض، {L1}\nce-2,{_csv_cell(G2)}\nce-3,t,{_csv_cell(G3)}\n")
    expect.update({"ce-1": Expect("error", "cells but the header 3 columns"),  # the article's commas, unquoted
                   "ce-2": Expect("error", "the row has 2 of the 3 columns"), "ce-3": Expect("ok")})
    put("unclosed.csv", f'id,text\nuq-1,{_csv_cell(G1)}\nuq-2,"{L2}\nuq-3,{_csv_cell(G3)}\nuq-4,"{G1}"\n')
    expect.update({"uq-1": Expect("ok"), "unclosed.csv:2": Expect("error", "unclosed quote"),
                   "uq-3": Expect("ok"), "uq-4": Expect("ok")})
    with open(folder / "big-cell.csv", "w", encoding="utf-8") as f:  # written in pieces
        f.write('id,text\nbig-1,"')
        piece = "ارتفعت أسعار النفط اليوم. " * 400
        for _ in range(big_cell_chars // len(piece) + 1):
            f.write(piece)
        f.write(f'"\nbig-2,{_csv_cell(G2)}\n')
    expect.update({"big-cell.csv:1": Expect("error", "--max-chars"), "big-2": Expect("ok")})

    # item 9: other readable kinds, compressed, archives
    arr = [{"id": "ja-1", "title": "أ", "text": G1}, {"id": "ja-2", "content": G2}, {"id": "ja-3", "body": 5}]
    put("array.json", json.dumps(arr, ensure_ascii=False, indent=2))
    expect.update({"ja-1": Expect("ok"), "ja-2": Expect("ok"), "ja-3": Expect("error", "int, not a string")})
    put("wrapped.json", json.dumps({"articles": [{"id": "jw-1", "text": G3}]}, ensure_ascii=False))
    expect["jw-1"] = Expect("ok")
    put("keyed.json", json.dumps({"jk-1": {"text": G1}, "jk-2": {"text": G2}}, ensure_ascii=False))
    expect.update({"jk-1": Expect("ok"), "jk-2": Expect("ok")})
    put("single.json", json.dumps({"title": "مقال", "text": G2}, ensure_ascii=False))
    expect["single.json"] = Expect("ok")
    put("cut.json", '[{"id": "jc-1", "text": ' + json.dumps(G1, ensure_ascii=False) + '}, {"id": "jc-2", "text": "نص')
    expect.update({"jc-1": Expect("ok"), "cut.json:2": Expect("error", "malformed JSON")})
    put("stream.ndjson", _jsonl([{"id": "nd-1", "text": G3}]))
    expect["nd-1"] = Expect("ok")
    put("table.tsv", f"id\ttitle\ttext\nts-1\tعنوان, بفاصلة\t{L1}\n")
    expect["ts-1"] = Expect("ok")
    put("feed.jsonl.gz", gzip.compress(_jsonl([{"id": "gz-1", "text": G2}]).encode(), mtime=0))
    put("rows.csv.bz2", bz2.compress(f"id,text\nbz-1,{_csv_cell(G3)}\n".encode()))
    put("article.txt.xz", lzma.compress(G1.encode()))
    expect.update({"gz-1": Expect("ok"), "bz-1": Expect("ok"), "article.txt.xz": Expect("ok")})
    buf = io.BytesIO()  # SaudiNewsNet ships a zip of one JSON array per day
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        sn = [{"source": "aleqtisadiya", "url": "http://x.example/1", "date_extracted": "2015-07-21 02:51:32",
               "title": "عنوان", "author": "", "content": G1},
              {"source": "alriyadh", "url": "http://x.example/2", "date_extracted": "2015-07-21 02:51:33",
               "title": "عنوان", "author": "", "content": G2}]
        z.writestr("2015-07-21.json", json.dumps(sn, ensure_ascii=False))
        z.writestr("readme.md", "not an article")
    put("saudinewsnet.zip", buf.getvalue())
    expect.update({"saudinewsnet.zip!/2015-07-21.json:1": Expect("ok"), "saudinewsnet.zip!/2015-07-21.json:2": Expect("ok")})
    skipped.add("saudinewsnet.zip!/readme.md")
    put("not-gzip.jsonl.gz", b"plain text, not gzip")
    expect["not-gzip.jsonl.gz"] = Expect("error", "Not a gzipped file")

    # everything else is listed as skipped: other types, a broken link
    put("notes.md", "# notes")
    put("photo.png", png_bytes())
    os.symlink(folder / "no-such-target.txt", folder / "gone.txt")
    skipped |= {"notes.md", "photo.png", "gone.txt"}

    # bounded work (part B's items): one long run without spaces, a diacritics chain, beside news
    put("equals-run.txt", "قال الوزير إن " + "=" * 60_000 + " وانتهى الاجتماع.")
    put("diacritics.txt", "قال " + "بَ" + "\u064e\u0651\u0650" * 5_000 + " الوزير.")
    expect.update({"equals-run.txt": Expect("ok"), "diacritics.txt": Expect("ok")})
    return expect, skipped


if __name__ == "__main__":
    exp, skip = write_hostile(Path(sys.argv[1]))
    print(f"{len(exp)} articles ({sum(e.status == 'ok' for e in exp.values())} good), {len(skip)} to skip")
