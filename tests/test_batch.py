"""Batch runs: part files, consolidation in input order, several workers, default dates, resume API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import PARTS, PartStore, process_text, run
from pipeline.io.writers import read_table
from pipeline.records import SCHEMA, TABLES

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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 60, per_file=25)


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("single")
    run([corpus], out, nlp=nlp, progress=False, part_docs=7)
    return out


def test_tables_are_consolidated_in_input_order_from_part_files(single):
    docs = read_table(single, "documents")
    assert list(docs["doc_id"]) == [f"art-{i:04d}" for i in range(60)]
    assert (docs["status"] == "ok").all()
    store = PartStore(single)
    parts = store.finished()
    assert len(parts) == 9  # 60 documents in parts of 7
    for table in TABLES:
        names = sorted(p.name for p in (single / PARTS / table).iterdir())
        assert names == [f"part-{p}.parquet" for p in parts]
        assert all(re.fullmatch(r"part-[0-9a-f]{24}\.parquet", n) for n in names)  # a hash, not a doc_id
    for table in TABLES:
        frame = read_table(single, table)
        assert list(frame.columns) == list(SCHEMA[table])
        if table != "documents" and len(frame):
            order = frame["doc_id"].map({d: k for k, d in enumerate(docs["doc_id"])})
            assert order.is_monotonic_increasing


def test_every_span_row_points_into_its_text(single, corpus):
    texts = {}
    for f in sorted(corpus.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    for table in ("entities", "dates", "numbers", "quotes"):
        for row in read_table(single, table).itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text


def test_same_tables_as_process_text(single, corpus, nlp):
    art = make_article(17)
    rows = process_text(nlp, art["text"], published=art["published"], doc_id=art["id"])
    for table in ("entities", "dates", "numbers", "quotes"):
        frame = read_table(single, table)
        got = frame[frame["doc_id"] == art["id"]]
        assert len(got) == len(rows[table])
        assert list(got["start"]) == [r["start"] for r in rows[table]]


def test_two_worker_processes_give_the_same_tables(single, corpus, tmp_path):
    manifest = run([corpus], tmp_path, progress=False, part_docs=7, workers=2)
    assert manifest["run"]["engine"] == "2 local processes"
    assert len(manifest["run"]["workers_peak_rss_mb"]) >= 1
    assert_same_tables(single, tmp_path)


def test_reloading_the_pipeline_between_parts_changes_nothing(single, corpus, tmp_path):
    """Workers load a fresh pipeline every ``recycle_docs`` documents (flat memory): caches and
    vocabulary must not change any result."""
    manifest = run([corpus], tmp_path, progress=False, part_docs=7, recycle_docs=7)
    assert manifest["run"]["documents_processed"] == 60
    assert_same_tables(single, tmp_path)


def test_rerun_skips_everything_and_rewrites_identical_tables(single, corpus, nlp, tmp_path):
    out = tmp_path / "copy"
    run([corpus], out, nlp=nlp, progress=False, part_docs=7)
    before = {t: (out / f"{t}.parquet").read_bytes() for t in TABLES}
    manifest = run([corpus], out, nlp=nlp, progress=False, part_docs=7)
    assert manifest["run"]["documents_skipped"] == 60
    assert manifest["run"]["documents_processed"] == 0
    assert {t: (out / f"{t}.parquet").read_bytes() for t in TABLES} == before
    assert_same_tables(single, out)


def test_default_publication_date_fills_only_missing_dates(corpus, nlp, tmp_path):
    run([corpus], tmp_path, nlp=nlp, progress=False, published="2020-02-02")
    docs = read_table(tmp_path, "documents").set_index("doc_id")
    assert docs.loc["art-0000", "published"] == "2020-02-02"  # no date in the input
    assert docs.loc["art-0001", "published"] == make_article(1)["published"]


def test_no_input_documents_still_writes_every_table(tmp_path, nlp):
    empty = tmp_path / "in"
    empty.mkdir()
    manifest = run([empty], tmp_path / "out", nlp=nlp, progress=False, workers=2)
    assert manifest["counts"]["documents"] == 0
    for table in TABLES:
        assert list(read_table(tmp_path / "out", table).columns) == list(SCHEMA[table])


def test_failed_documents_get_a_row_and_the_run_goes_on(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(
        json.dumps({"id": "ok", "text": make_article(1)["text"]}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "empty", "text": "   "}) + "\n"
        + json.dumps({"id": "ok", "text": "نص آخر بنفس المعرف."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    manifest = run([src], tmp_path / "out", nlp=nlp, progress=False)
    docs = read_table(tmp_path / "out", "documents")
    assert list(docs["doc_id"]) == ["ok", "empty", "ok#2"]  # a repeated id is renamed, not dropped
    assert list(docs["status"]) == ["ok", "error", "ok"]
    assert manifest["documents_failed"] == 1
    # failed documents are retried on resume; the tables stay the same
    run([src], tmp_path / "out", nlp=nlp, progress=False)
    pd.testing.assert_frame_equal(read_table(tmp_path / "out", "documents"), docs)
