"""Processes and bounded work of a run (issue 19, part B): the output lock, workers that end with
the main process, Ctrl-C, the per-document time budget, damaged parts, options checked before
anything is deleted, metadata in the resume key, a pathological document that does not stall."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from helpers import REPO, make_article, write_corpus

from pipeline.batch import PARTS, PartStore, run
from pipeline.batch.parts import OutputBusy, output_lock
from pipeline.io.writers import read_table

STALL_MARK = "توقفهنا"  # with PIPELINE_TEST_STALL, the quotes stage never ends on a text holding it


def cli_args(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "-q", *extra]


def write_articles(folder: Path, n: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"2022-06-{10 + i:02d}-a{i}.txt").write_text(make_article(i)["text"], encoding="utf-8")
    return folder


def _documents(out: Path):
    return read_table(out, "documents").set_index("doc_id")


def _wait_for_workers(proc: subprocess.Popen, n: int, timeout: float = 120) -> list[psutil.Process]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        kids = psutil.Process(proc.pid).children(recursive=True)
        if len(kids) >= n:
            return kids
        time.sleep(0.2)
    raise AssertionError("the workers did not start")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 400, per_file=100)


# ---- lock and options -------------------------------------------------------------------------


def test_a_second_run_into_a_locked_folder_exits_2(tmp_path):
    src = write_articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    with output_lock(PartStore(out)):
        with pytest.raises(OutputBusy, match="another run is writing"):
            run([src], out, progress=False)
        proc = subprocess.run(cli_args(src, out), capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 2
    assert "another run is writing to" in proc.stderr and "Traceback" not in proc.stderr
    assert not (out / PARTS).exists()  # nothing written, nothing deleted


@pytest.mark.parametrize("option", [("--part-size", "0"), ("--workers", "0"), ("--max-chars", "-1"),
                                    ("--doc-timeout", "-5"), ("--part-size", "x")])
def test_bad_options_are_refused_before_force_clears_the_parts(tmp_path, option):
    out = tmp_path / "out"
    (out / PARTS / "documents").mkdir(parents=True)
    (out / PARTS / "state.json").write_text("{}", encoding="utf-8")
    proc = subprocess.run(cli_args(tmp_path, out, "--force", *option), capture_output=True, text=True, cwd=REPO,
                          timeout=120)
    assert proc.returncode == 2 and option[0] in proc.stderr
    assert (out / PARTS / "state.json").exists()


def test_bad_options_are_refused_by_the_api_before_anything_is_deleted(tmp_path):
    out = tmp_path / "out"
    (out / PARTS).mkdir(parents=True)
    (out / PARTS / "state.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="--part-size"):
        run([tmp_path], out, part_docs=0, force=True, progress=False)
    assert (out / PARTS / "state.json").exists()


# ---- resume: damaged parts, metadata ----------------------------------------------------------


def test_a_damaged_part_is_named_and_reprocessed(tmp_path, nlp, capsys):
    src = write_corpus(tmp_path / "in", 12, per_file=12)
    out = tmp_path / "out"
    run([src], out, nlp=nlp, progress=False, part_docs=4)
    reference = {t: read_table(out, t) for t in ("documents", "entities", "quotes")}
    parts = sorted((out / PARTS / "entities").glob("part-*.parquet"))
    parts[1].write_bytes(parts[1].read_bytes()[:40])  # cut short, as by a full disk
    manifest = run([src], out, nlp=nlp, progress=False, part_docs=4)
    assert parts[1].stem[5:] in capsys.readouterr().err
    assert manifest["run"]["documents_processed"] == 4 and len(manifest["run"]["damaged_parts"]) == 1
    for table, frame in reference.items():
        assert read_table(out, table).equals(frame), table


def test_a_corrected_title_or_publication_date_is_reprocessed(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    rows = [make_article(i) for i in range(6)]
    rows[2]["text"] = "قال الوزير أمس إن الحكومة ستواصل دعمها."
    rows[2]["published"] = "2022-06-20"

    def write():
        with open(src / "a.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")

    write()
    out = tmp_path / "out"
    run([src], out, nlp=nlp, progress=False)
    assert read_table(out, "dates").set_index("doc_id").loc["art-0002", "value"] == "2022-06-19"
    rows[2]["published"] = "2022-07-20"
    rows[4]["title"] = "عنوان مصحح"
    write()
    manifest = run([src], out, nlp=nlp, progress=False)
    assert manifest["run"]["documents_processed"] == 2 and manifest["run"]["documents_skipped"] == 4
    assert read_table(out, "dates").set_index("doc_id").loc["art-0002", "value"] == "2022-07-19"
    docs = _documents(out)
    assert docs.loc["art-0004", "title"] == "عنوان مصحح" and docs.loc["art-0002", "published"] == "2022-07-20"
    assert run([src], out, nlp=nlp, progress=False)["run"]["documents_processed"] == 0


# ---- the time budget of a document ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_stalling_document_becomes_an_error_row_naming_its_stage(tmp_path, workers):
    src = write_articles(tmp_path / "in", 5)
    (src / "2022-06-30-stall.txt").write_text(f"قال الوزير إن {STALL_MARK} الحكومة ستواصل دعمها.", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PIPELINE_TEST_STALL": f"{STALL_MARK}:quotes"}
    args = cli_args(src, out, "--doc-timeout", "3", "--workers", workers, "--part-size", "2")
    proc = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=300, env=env)
    assert proc.returncode == 1, proc.stderr
    docs = _documents(out)
    assert (docs.drop(index="2022-06-30-stall.txt")["status"] == "ok").all() and len(docs) == 6
    error = docs.loc["2022-06-30-stall.txt", "error"]
    assert docs.loc["2022-06-30-stall.txt", "status"] == "error"
    assert "took more than 3 s in stage quotes (--doc-timeout 3)" in error
    assert len(read_table(out, "quotes")) > 0  # the neighbours of the stalled document have their rows
    t0 = time.time()  # a resume does not stall on it again
    proc = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=300, env=env)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert proc.returncode == 1 and manifest["run"]["documents_processed"] == 0, proc.stderr
    assert time.time() - t0 < 60


@pytest.mark.slow
def test_a_pathological_document_does_not_stall_its_neighbours(tmp_path):
    src = write_articles(tmp_path / "in", 5)
    (src / "2022-06-30-equals.txt").write_text("=" * 60_000 + "\n", encoding="utf-8")
    (src / "2022-06-30-digits.txt").write_text("بلغ العدد " + "7" * 4301 + " شخصا.", encoding="utf-8")
    out = tmp_path / "out"
    t0 = time.time()
    proc = subprocess.run(cli_args(src, out, "--workers", "1"), capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert time.time() - t0 < 120  # quadratic tokenization: 60,000 "=" took many minutes
    docs = _documents(out)
    assert len(docs) == 7 and (docs["status"] == "ok").all()


# ---- signals ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_main_process_leaves_no_worker(big_corpus, tmp_path, sig):
    proc = subprocess.Popen(cli_args(big_corpus, tmp_path / "out", "--workers", "2", "--part-size", "4"),
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        workers = _wait_for_workers(proc, 2)
        time.sleep(1.0)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers left after the main process died: {[p.pid for p in alive]}"
        if sig == signal.SIGTERM:
            err = proc.stderr.read().decode()
            assert proc.returncode == 143 and "terminated — run again to resume" in err
            assert "Traceback" not in err
    finally:
        for p in psutil.Process().children(recursive=True):
            p.kill()


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_within_2_seconds_without_a_traceback(big_corpus, tmp_path, workers):
    out = tmp_path / "out"
    proc = subprocess.Popen(cli_args(big_corpus, out, "--workers", workers, "--part-size", "4"),
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.time() + 180
        done = out / PARTS / "documents"
        while time.time() < deadline and not (done.exists() and any(done.glob("part-*"))):
            assert proc.poll() is None
            time.sleep(0.2)
        kids = psutil.Process(proc.pid).children(recursive=True)
        t0 = time.time()
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        proc.wait(timeout=10)
        elapsed = time.time() - t0
        err = proc.stderr.read().decode()
        assert proc.returncode == 130, err
        assert elapsed < 2.0, elapsed
        assert "interrupted — run again to resume" in err and "Traceback" not in err
        assert not psutil.wait_procs(kids, timeout=10)[1]
    finally:
        for p in psutil.Process().children(recursive=True):
            p.kill()
