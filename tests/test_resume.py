"""Resume: a run killed with SIGKILL mid-way and started again ends with the tables of an
uninterrupted run; reruns skip what is done, reprocess changed texts, --force redoes everything."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers import REPO, assert_same_tables, make_article, write_corpus

from pipeline.batch import PARTS, PartStore
from pipeline.io.writers import read_table

pytestmark = pytest.mark.slow  # end-to-end runs (pytest -m 'not slow' skips them)

N_DOCS = 200
PART = "4"


def cli_args(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "-q", "--part-size", PART, *extra]


def cli(src: Path, out: Path, *extra: str) -> dict:
    proc = subprocess.run(cli_args(src, out, *extra), capture_output=True, text=True, cwd=REPO, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), N_DOCS, per_file=50)


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("uninterrupted")
    manifest = cli(corpus, out, "--workers", "1")
    assert manifest["run"]["documents_processed"] == N_DOCS
    return out


def test_killed_run_resumes_to_the_same_tables(corpus, uninterrupted, tmp_path):
    out = tmp_path / "killed"
    proc = subprocess.Popen(cli_args(corpus, out, "--workers", "2"), cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done_dir = out / PARTS / "documents"
    deadline = time.time() + 600
    try:
        while time.time() < deadline and proc.poll() is None:
            if done_dir.exists() and sum(1 for p in done_dir.iterdir() if p.name.startswith("part-")) >= 3:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the main process and its workers, with no warning
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    assert not (out / "manifest.json").exists(), "the run finished before it could be killed"
    finished = PartStore(out).finished()
    assert 3 <= len(finished) < N_DOCS // int(PART)

    manifest = cli(corpus, out, "--workers", "2")
    run = manifest["run"]
    assert run["documents_skipped"] >= 3 * int(PART), f"nothing resumed: {run['restarted']}"
    assert run["documents_skipped"] + run["documents_processed"] == N_DOCS
    assert_same_tables(uninterrupted, out)
    docs = read_table(out, "documents")
    assert docs["doc_id"].is_unique and len(docs) == N_DOCS
    assert not list((out / PARTS / "documents").glob(".tmp-*"))


@pytest.fixture()
def copy(uninterrupted, tmp_path) -> Path:
    out = tmp_path / "copy"
    shutil.copytree(uninterrupted, out)
    return out


def test_rerun_skips_all_and_force_reprocesses_all(corpus, uninterrupted, copy):
    manifest = cli(corpus, copy, "--workers", "1")
    assert manifest["run"]["documents_skipped"] == N_DOCS
    assert manifest["run"]["documents_processed"] == 0
    assert_same_tables(uninterrupted, copy)
    manifest = cli(corpus, copy, "--workers", "1", "--force")
    assert manifest["run"]["documents_processed"] == N_DOCS
    assert manifest["run"]["restarted"] == "--force"
    assert_same_tables(uninterrupted, copy)


def test_a_changed_text_is_processed_again(corpus, uninterrupted, copy, tmp_path):
    # changed in place: the input column (the path as given) is part of the resume key, so a
    # copy of the corpus elsewhere would be processed again as a whole
    first = corpus / "batch-000.jsonl"
    original = first.read_text(encoding="utf-8")
    lines = original.splitlines()
    row = json.loads(lines[3])
    row["text"] = make_article(1003)["text"]  # a different article under the same id
    lines[3] = json.dumps(row, ensure_ascii=False)
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        manifest = cli(corpus, copy, "--workers", "1")
    finally:
        first.write_text(original, encoding="utf-8")
    assert manifest["run"]["documents_processed"] == 1
    assert manifest["run"]["documents_skipped"] == N_DOCS - 1
    before, after = read_table(uninterrupted, "documents"), read_table(copy, "documents")
    assert list(after["doc_id"]) == list(before["doc_id"])
    diff = after["sha256"] != before["sha256"]
    assert list(after.loc[diff, "doc_id"]) == [row["id"]]
    numbers = read_table(copy, "numbers")
    mine = numbers[numbers["doc_id"] == row["id"]]
    assert all(row["text"][s:e] == t for s, e, t in zip(mine["start"], mine["end"], mine["text"], strict=True))
    others = read_table(uninterrupted, "numbers")
    pd.testing.assert_frame_equal(
        numbers[numbers["doc_id"] != row["id"]].reset_index(drop=True),
        others[others["doc_id"] != row["id"]].reset_index(drop=True),
    )
    # back to the original text: the tables of the first run again
    cli(corpus, copy, "--workers", "1")
    assert_same_tables(uninterrupted, copy)


def test_other_options_start_from_scratch(corpus, copy):
    manifest = cli(corpus, copy, "--workers", "1", "--published", "2021-01-01")
    assert manifest["run"]["restarted"] and manifest["run"]["documents_processed"] == N_DOCS
    docs = read_table(copy, "documents")
    assert (docs["published"] == "2021-01-01").sum() == sum(1 for i in range(N_DOCS) if i % 5 == 0)
