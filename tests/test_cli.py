import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.records import SCHEMA, TABLES

REPO = Path(__file__).resolve().parents[1]


def cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True, text=True, cwd=REPO, timeout=600
    )


@pytest.fixture(scope="module")
def raw_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    proc = cli("run", "data/raw", "-o", str(out), "-q")
    return proc, out


@pytest.mark.slow
def test_run_over_data_raw_writes_every_table_and_the_manifest(raw_run):
    proc, out = raw_run
    assert proc.returncode == 0, proc.stderr
    for table in TABLES:
        frame = pd.read_csv(out / f"{table}.csv", encoding="utf-8-sig")
        assert list(frame.columns)[: len(SCHEMA[table])] == list(SCHEMA[table])
        assert (out / f"{table}.parquet").exists()
    # the corpus summaries come with every run; their counts agree with the tables
    ents = pd.read_parquet(out / "entities.parquet")
    summary = pd.read_parquet(out / "entity_summary.parquet")
    assert summary["mentions"].sum() == len(ents)
    assert summary["documents"].max() <= ents["doc_id"].nunique()
    quotes = pd.read_parquet(out / "quotes.parquet")
    speakers = pd.read_parquet(out / "speaker_summary.parquet")
    assert 0 < speakers["quotes"].sum() <= len(quotes)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    docs = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert manifest["counts"]["documents"] == len(docs) == 10  # 5 .txt + 3 .jsonl rows + 2 .csv rows
    assert manifest["documents_failed"] == 0 and set(docs["status"]) == {"ok"}
    assert "2022-11-20" in set(docs["published"])  # from the file name of a .txt
    assert "amman-water-2023-08-02" in set(docs["doc_id"])  # id field of a .jsonl row


def test_every_span_in_every_table_matches_the_raw_text(raw_run):
    _, out = raw_run
    docs = pd.read_parquet(out / "documents.parquet")
    texts = {}
    from pipeline.io.readers import read_inputs

    for item in read_inputs([REPO / "data" / "raw"]):
        texts[item.doc_id] = item.text
    assert set(texts) == set(docs["doc_id"])
    for table in ("entities", "dates", "numbers", "quotes"):
        frame = pd.read_parquet(out / f"{table}.parquet")
        for row in frame.itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text


@pytest.mark.slow
def test_extract_reads_stdin_and_prints_json():
    proc = cli("extract", "--published", "2022-06-20", stdin="قال الوزير إن الحكومة ستواصل دعمها.")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == set(TABLES)
    assert data["documents"][0]["n_words"] == 6


@pytest.mark.slow
def test_run_exit_codes():
    bad = cli("run", "no/such/folder", "-o", "/tmp/never")
    assert bad.returncode == 2 and "no such input" in bad.stderr
    import tomllib

    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert cli("--version").stdout.strip() == f"python -m pipeline {version}"
    # every command's --help imports the module that implements it (an import error is not hidden)
    for command in (["run"], ["extract"], ["evaluate", "ner"], ["evaluate", "quotes"], ["train", "ner"], ["show"]):
        proc = cli(*command, "--help")
        assert proc.returncode == 0 and "usage: python -m pipeline " + " ".join(command) in proc.stdout, proc.stderr


@pytest.mark.slow
def test_run_with_a_failed_document_exits_1(tmp_path):
    (tmp_path / "good.txt").write_text("قال الوزير إن الخطة جاهزة.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = cli("run", str(tmp_path), "-o", str(tmp_path / "out"), "-q")
    assert proc.returncode == 1
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig")
    assert dict(zip(docs["doc_id"], docs["status"], strict=True)) == {"empty.txt": "error", "good.txt": "ok"}
    assert "empty" in docs.set_index("doc_id").loc["empty.txt", "error"]
