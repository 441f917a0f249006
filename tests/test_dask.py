"""The Dask engine on a LocalCluster gives the local engine's tables row for row, to a folder or
to an fsspec URL."""

from __future__ import annotations

import fsspec
import pandas as pd
import pytest
from helpers import assert_same_tables, write_corpus

from pipeline.batch import run
from pipeline.records import TABLES

distributed = pytest.importorskip("distributed")


pytestmark = pytest.mark.slow  # end-to-end runs (pytest -m 'not slow' skips them)

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 40, per_file=15)


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("local")
    run([corpus], out, nlp=nlp, progress=False, part_docs=6)
    return out


@pytest.fixture(scope="module")
def client():
    # one worker thread in this process: light, and the worker shares the memory:// filesystem
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_dask_engine_equals_local_engine(corpus, local, client, tmp_path):
    manifest = run([corpus], tmp_path, progress=False, part_docs=6, engine="dask", scheduler=client)
    assert manifest["run"]["engine"].startswith("dask:")
    assert manifest["run"]["parts_written"] == 7
    assert_same_tables(local, tmp_path)
    # a rerun on the cluster resumes: nothing to process
    again = run([corpus], tmp_path, progress=False, part_docs=6, engine="dask", scheduler=client)
    assert again["run"]["documents_skipped"] == 40
    assert_same_tables(local, tmp_path)


def test_dask_engine_writes_to_an_fsspec_url(corpus, local, client):
    url = "memory://pipeline-test/run1"
    run([corpus], url, progress=False, part_docs=6, engine="dask", scheduler=client)
    fs = fsspec.filesystem("memory")
    assert fs.exists("/pipeline-test/run1/_parts/documents")
    for table in TABLES:
        with fs.open(f"/pipeline-test/run1/{table}.parquet", "rb") as f:
            got = pd.read_parquet(f)
        pd.testing.assert_frame_equal(got, pd.read_parquet(local / f"{table}.parquet"))
        with fs.open(f"/pipeline-test/run1/{table}.csv", "rb") as f:
            assert f.read() == (local / f"{table}.csv").read_bytes()
    assert fs.exists("/pipeline-test/run1/manifest.json")


def test_dask_localcluster_of_its_own(corpus, local, tmp_path):
    """No scheduler: the engine starts (and stops) a LocalCluster on 127.0.0.1."""
    manifest = run([corpus], tmp_path, progress=False, part_docs=20, engine="dask", workers=1)
    assert "127.0.0.1" in manifest["run"]["engine"]
    assert_same_tables(local, tmp_path)
