"""Helpers shared by the tests (a module of its own: tests never import each other)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.io.writers import read_table
from pipeline.records import TABLES

REPO = Path(__file__).resolve().parents[1]

PEOPLE = ["وزير الخارجية أحمد الخطيب", "الدكتورة سلمى العلي", "رئيس البلدية خالد منصور", "المتحدث باسم الوزارة عمر الحسن"]
PLACES = ["بيروت", "عمّان", "الرياض", "القاهرة", "تونس"]
ORGS = ["وزارة الصحة", "البنك المركزي", "منظمة الهجرة الدولية", "جامعة الملك سعود"]
MONTHS = ["يناير", "آذار", "مايو", "تموز", "أكتوبر"]
TOPICS = ["الكهرباء", "المياه", "التعليم", "النقل العام", "الإسكان"]


def make_article(i: int) -> dict:
    """A short news article written from templates; every ``i`` gives a different text."""
    who, where = PEOPLE[i % len(PEOPLE)], PLACES[i % len(PLACES)]
    org, month, topic = ORGS[i % len(ORGS)], MONTHS[i % len(MONTHS)], TOPICS[(i // 3) % len(TOPICS)]
    n = 3 + (i * 7) % 90
    text = (
        f"{where} - أعلنت {org} يوم الاثنين {1 + i % 28} {month} {2015 + i % 9} عن خطة جديدة لقطاع {topic} "
        f"بقيمة {n} مليون دولار، أي بزيادة {i % 40 + 5}% عن العام الماضي.\n"
        f"وقال {who} إن «المشروع سيخدم نحو {n * 1000} أسرة خلال {i % 5 + 2} سنوات».\n"
        f"وأضاف أن العمل يبدأ أمس في {where} ويستمر حتى نهاية العام، مؤكدا أن الحكومة ستتابع التنفيذ. (رقم {i})"
    )
    return {"id": f"art-{i:04d}", "text": text, "title": f"خطة {topic} في {where}",
            "published": f"2022-{1 + i % 12:02d}-{1 + i % 27:02d}" if i % 5 else None}


def write_corpus(folder: Path, n: int, per_file: int = 50) -> Path:
    """``n`` articles as JSONL files of ``per_file`` rows each (plus one .txt file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, per_file):
        rows = [make_article(i) for i in range(start, min(n, start + per_file))]
        with open(folder / f"batch-{start // per_file:03d}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False) + "\n")
    return folder


def tables(outdir: Path) -> dict[str, pd.DataFrame]:
    return {t: read_table(outdir, t) for t in TABLES}


def assert_same_tables(a: Path, b: Path) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(read_table(a, table), read_table(b, table), check_exact=True)
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table
