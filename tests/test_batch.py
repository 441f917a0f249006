"""Batch runs: part files, consolidation in input order, several workers, default dates, resume API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from helpers import assert_same_tables, make_article, tables, write_corpus  # noqa: F401

from pipeline.batch import PARTS, PartStore, process_text, run
from pipeline.io.writers import read_table
from pipeline.records import SCHEMA, TABLES


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


@pytest.mark.slow
def test_two_worker_processes_give_the_same_tables(single, corpus, tmp_path):
    manifest = run([corpus], tmp_path, progress=False, part_docs=7, workers=2)
    assert manifest["run"]["engine"] == "2 local processes"
    assert len(manifest["run"]["workers_peak_rss_mb"]) >= 1
    assert_same_tables(single, tmp_path)


@pytest.mark.slow
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
