"""Batch runs: readers -> the spaCy pipeline -> records -> part files -> consolidated tables.

``process_text`` handles one text (the ``extract`` API). ``run`` streams every input, in parts of
``part_docs`` documents, to an engine (this process, a pool of processes, or a Dask cluster; see
:mod:`pipeline.batch.engines`). Each part is processed through ``nlp.pipe`` by a worker that loads the
pipeline once, and written as one Parquet file per table under ``OUTDIR/_parts/<table>/`` (named by
a hash of the part's contents, written to a temporary name and renamed; the ``documents`` file is
written last and marks the part as done). ``finalize`` then consolidates the parts into one CSV and
one Parquet file per table, rows in input order, and writes the manifest.

Resume: a document whose ``doc_id`` and text sha256 are found, with status ``ok``, in a finished
part is not processed again; its rows are taken from that part. A run killed at any moment and
started again therefore ends with the same tables as an uninterrupted run. ``force=True`` (or
other options, or another table schema) starts from scratch. A document that fails gets a
``documents`` row with status ``error`` and the run goes on (failed documents are retried on resume).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language
from threadpoolctl import threadpool_limits

from .._version import __version__
from ..api import DEFAULT_MAX_CHARS, make_doc, process_stream, process_text  # noqa: F401  (re-exported)
from ..io.readers import Fields, InputDoc, read_inputs, unique_ids
from ..io.writers import to_frame, write_manifest, write_table
from ..published import iso_published as _iso
from ..published import parse_published  # noqa: F401  (re-exported)
from ..records import sha256
from ..resources import validate
from ..schema import SCHEMA, TABLES

DEFAULT_PART_DOCS = 256
DEFAULT_RECYCLE_DOCS = 1000  # a worker loads its pipeline afresh after this many documents
PARTS = "_parts"
POS = "_pos"  # position of the document inside its part, a column of every part file


# ---------------------------------------------------------------------------------------------
# Part files


def _arrow_to_frame(table: str, tbl: pa.Table) -> pd.DataFrame:
    mapper = {pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
              pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame = tbl.to_pandas(types_mapper=mapper.get)
    for col, dtype in SCHEMA[table].items():
        frame[col] = frame[col].astype(dtype) if col in frame else pd.Series([None] * len(frame), dtype=dtype)
    return frame[list(SCHEMA[table])]


class PartStore:
    """The ``_parts`` folder of an output location: a local folder or any fsspec URL."""

    def __init__(self, outdir: str | Path):
        import fsspec

        self.url = str(outdir)
        self.fs, root = fsspec.core.url_to_fs(self.url)
        self.root = root.rstrip("/")
        self.parts = f"{self.root}/{PARTS}"
        self.local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))

    def path(self, table: str, part: str) -> str:
        return f"{self.parts}/{table}/part-{part}.parquet"

    def write(self, table: str, part: str, rows: list[dict]) -> None:
        frame = to_frame(table, rows)
        tbl = pa.Table.from_pandas(frame, preserve_index=False)
        tbl = tbl.append_column(POS, pa.array([r[POS] for r in rows], type=pa.int32()))
        final = self.path(table, part)
        tmp = f"{self.parts}/{table}/.tmp-{part}-{os.getpid()}-{time.time_ns()}.parquet"
        self.fs.makedirs(f"{self.parts}/{table}", exist_ok=True)
        with self.fs.open(tmp, "wb") as f:
            pq.write_table(tbl, f)
        if self.local:
            os.replace(tmp, final)  # atomic on one filesystem
        else:
            self.fs.mv(tmp, final)  # object stores: one object appears whole or not at all

    def read(self, table: str, part: str) -> pa.Table:
        with self.fs.open(self.path(table, part), "rb") as f:
            return pq.read_table(f)

    def finished(self) -> list[str]:
        """Parts whose ``documents`` file exists (written last): complete in every table."""
        return self._parts_of("documents")

    def _parts_of(self, table: str) -> list[str]:
        folder = f"{self.parts}/{table}"
        if not self.fs.exists(folder):
            return []
        names = [p.rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False)]
        return sorted(n[5:-8] for n in names if n.startswith("part-") and n.endswith(".parquet"))

    def delete(self, part: str) -> None:
        for table in ("documents", *[t for t in TABLES if t != "documents"]):  # the mark first
            path = self.path(table, part)
            if self.fs.exists(path):
                self.fs.rm(path)

    def remove_temporary(self) -> None:
        """Temporary files left by a worker that was killed while writing."""
        for table in TABLES:
            folder = f"{self.parts}/{table}"
            if self.fs.exists(folder):
                for path in self.fs.ls(folder, detail=False):
                    if path.rsplit("/", 1)[-1].startswith(".tmp-"):
                        self.fs.rm(path)

    def unfinished(self) -> list[str]:
        done = set(self.finished())
        return sorted({p for t in TABLES for p in self._parts_of(t)} - done)

    def clear(self) -> None:
        if self.fs.exists(self.parts):
            self.fs.rm(self.parts, recursive=True)

    def state(self) -> dict | None:
        path = f"{self.parts}/state.json"
        if not self.fs.exists(path):
            return None
        with self.fs.open(path, "r", encoding="utf-8") as f:
            return json.load(f)

    def write_state(self, state: dict) -> None:
        self.fs.makedirs(self.parts, exist_ok=True)
        with self.fs.open(f"{self.parts}/state.json", "w", encoding="utf-8") as f:
            json.dump(state, f, ensure_ascii=False, indent=2, sort_keys=True)


def part_name(fingerprint: str, items: list[InputDoc], keys: list[str | None]) -> str:
    """A part's file name: a hash of its documents (ids and text hashes) and of the options, so
    the same part always gets the same name and two parts never share one."""
    h = hashlib.sha256(fingerprint.encode())
    for it, key in zip(items, keys, strict=True):
        h.update(f"\x00{it.doc_id}\x01{key or ''}\x01{it.error or ''}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


_WORKER = threading.local()  # per worker thread: the pipeline and the documents it has processed


def _worker_nlp(recycle_docs: int) -> Language:
    """The pipeline of this worker: loaded on the first part, kept for the next ones (Dask workers
    and pool processes keep it), and loaded afresh once it has processed ``recycle_docs``
    documents. The vocabulary and the stages' caches grow with every new word; a fresh pipeline
    (a fraction of a second) keeps a worker's memory flat however many documents it processes."""
    if getattr(_WORKER, "pid", None) != os.getpid():  # a forked worker: not the parent's pipeline
        _WORKER.nlp, _WORKER.docs, _WORKER.pid = None, 0, os.getpid()
    if _WORKER.nlp is None or (recycle_docs and _WORKER.docs >= recycle_docs):
        from ..api import load

        _WORKER.nlp = None
        gc.collect()
        _WORKER.nlp, _WORKER.docs = load(), 0
    return _WORKER.nlp


def process_part(
    part: str,
    items: list[InputDoc],
    url: str,
    max_chars: int,
    batch_size: int,
    recycle_docs: int = DEFAULT_RECYCLE_DOCS,
    nlp: Language | None = None,
) -> dict:
    """Worker side: process one part and write its files; returns a small summary."""
    t0 = time.time()
    if nlp is None:
        nlp = _worker_nlp(recycle_docs)
        _WORKER.docs += len(items)
    t1, c1 = time.time(), time.process_time()
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    # one core per worker: numpy's BLAS (OpenBLAS starts a thread per core and its threads spin
    # between calls) costs ~14 % more CPU for the same documents when it may use more threads
    with threadpool_limits(limits=1):
        for pos, rows in enumerate(process_stream(nlp, items, max_chars=max_chars, batch_size=batch_size)):
            for table, items_ in rows.items():
                for row in items_:
                    row[POS] = pos
                tables[table].extend(items_)
    store = PartStore(url)
    for table in [t for t in TABLES if t != "documents"] + ["documents"]:  # documents last: the mark
        store.write(table, part, tables[table])
    docs = tables["documents"]
    return {
        "part": part,
        "docs": len(docs),
        "failed": sum(1 for d in docs if d["status"] != "ok"),
        "words": int(sum(d["n_words"] or 0 for d in docs)),
        "pid": f"{os.uname().nodename}:{os.getpid()}",
        "peak_rss_mb": _peak_rss_mb(),
        "components": list(nlp.pipe_names),
        "load_start": t0,
        "cpu_seconds": time.process_time() - c1,
        "start": t1,
        "end": time.time(),
    }


def _peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 2**20, 1)


# ---------------------------------------------------------------------------------------------
# The run


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code, resources and models: parts written by other code are not
    reused (a resumed run must give the tables an uninterrupted run gives)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        if path.suffix in (".pyc", ".pyo"):
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _fingerprint(max_chars: int, published, fields: Fields) -> dict:
    return {
        "pipeline_version": __version__,
        "code": code_fingerprint(),
        "max_chars": max_chars,
        "published_default": published,
        "fields": asdict(fields),
        "schema": {t: list(SCHEMA[t]) for t in TABLES},
    }


def _done_index(store: PartStore) -> dict[tuple[str, str], tuple[str, int]]:
    """(doc_id, sha256) -> (part, position) of every document processed ``ok`` in a finished part."""
    done: dict[tuple[str, str], tuple[str, int]] = {}
    for part in store.finished():
        cols = store.read("documents", part).select(["doc_id", "sha256", "status", POS]).to_pydict()
        for doc_id, sha, status, pos in zip(cols["doc_id"], cols["sha256"], cols["status"], cols[POS], strict=True):
            if status == "ok" and sha is not None:
                done.setdefault((doc_id, sha), (part, pos))
    return done


def _chunks(items: Iterable[InputDoc], size: int, workers: int = 1) -> Iterator[list[InputDoc]]:
    """Parts of ``size`` documents. With several workers the last stretch of the input is cut into
    shrinking parts (each a ``1 / (2 workers)`` share of what is left, at least ``size / 16``
    documents) so that the workers finish together, instead of one of them processing a whole last
    part while the others wait. For that it reads up to ``workers * size`` documents ahead of the
    parts it has handed out: memory stays flat. An input of at most ``size`` documents is one part."""
    if workers <= 1:
        chunk: list[InputDoc] = []
        for it in items:
            chunk.append(it)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
        return
    ahead = size * workers
    buf: deque[InputDoc] = deque()
    given = False
    for it in items:
        buf.append(it)
        if len(buf) >= size + ahead:
            yield [buf.popleft() for _ in range(size)]
            given = True
    if not given and len(buf) <= size:
        if buf:
            yield list(buf)
        return
    floor = max(1, size // 16)
    while buf:
        n = min(len(buf), max(floor, -(-len(buf) // (2 * workers))))
        yield [buf.popleft() for _ in range(n)]


def run(
    inputs: list[str | Path],
    outdir: str | Path,
    nlp: Language | None = None,
    fields: Fields | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    formats=("csv", "parquet"),
    progress: bool = True,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler=None,
    force: bool = False,
    published=None,
    part_docs: int = DEFAULT_PART_DOCS,
    batch_size: int = 32,
    recycle_docs: int = DEFAULT_RECYCLE_DOCS,
) -> dict:
    """Process every input and write the tables and the manifest; returns the manifest.

    ``workers``: processes (``engine="local"``; 1 = this process, which uses ``nlp`` when given)
    or LocalCluster workers (``engine="dask"`` without ``scheduler``). ``scheduler``: a Dask
    scheduler address or ``distributed.Client``. ``force``: reprocess every document.
    ``recycle_docs``: a worker reloads its pipeline after that many documents (memory stays flat).
    ``published``: publication date for inputs that have none. ``outdir``: a folder or an fsspec URL.
    """
    from .engines import InlineEngine, make_engine

    t0 = time.perf_counter()
    validate()  # a malformed resource row stops the run before any document is read
    fields = fields or Fields()
    default_pub = _iso(published) if published is not None else None
    store = PartStore(outdir)
    fp = _fingerprint(max_chars, default_pub, fields)
    fp_hash = hashlib.sha256(json.dumps(fp, sort_keys=True).encode()).hexdigest()
    previous = store.state()
    restarted = None
    if force:
        restarted = "--force"
    elif previous is not None and previous.get("fingerprint") != fp_hash:
        restarted = "the options or the pipeline's code changed since the parts were written"
    if restarted:
        store.clear()
    store.write_state({"fingerprint": fp_hash, "options": fp, "components": (previous or {}).get("components")})
    done = {} if restarted else _done_index(store)

    placement: dict[str, dict[int, int]] = {}  # part -> {position in part: input order}
    stats = {"skipped": 0, "processed": 0, "parts": 0}
    summaries: list[dict] = []
    trail: list[list] = []  # [documents processed so far, peak RSS of the worker that did the part]

    def todo() -> Iterator[tuple[int, InputDoc, str | None]]:
        for seq, item in enumerate(unique_ids(read_inputs(inputs, fields, max_chars))):
            if default_pub is not None and not item.published:
                item.published = default_pub
            key = sha256(item.text) if isinstance(item.text, str) and not item.error else None
            hit = done.get((item.doc_id, key)) if key else None
            if hit is not None:
                placement.setdefault(hit[0], {})[hit[1]] = seq
                stats["skipped"] += 1
                if bar is not None:
                    bar.update(1)
                continue
            yield seq, item, key

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="documents", unit="doc", file=sys.stderr)

    parallel = workers if engine == "local" else 1  # dask: parts of part_docs each, as asked
    chunks = _chunks(todo(), part_docs, parallel)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if engine == "local" and (workers <= 1 or second is None):
        ex = InlineEngine()  # one part or one worker: no processes to start
    else:
        ex = make_engine(engine, workers, scheduler)
    url = store.url
    with ex:
        pending: set = set()

        def collect(futs) -> None:
            for fut in futs:
                summary = ex.result(fut)
                summaries.append(summary)
                stats["processed"] += summary["docs"]
                trail.append([stats["processed"], summary["peak_rss_mb"]])
                if bar is not None:
                    bar.update(summary["docs"])

        def stream():
            for chunk in (first, second):
                if chunk is not None:
                    yield chunk
            yield from chunks

        for chunk in stream():
            seqs, items, keys = zip(*chunk, strict=True)
            part = part_name(fp_hash, list(items), list(keys))
            placement[part] = dict(enumerate(seqs))  # a fresh part: every position is current
            stats["parts"] += 1
            while len(pending) >= ex.capacity:
                finished, pending = ex.wait(pending)
                collect(finished)
            local_nlp = nlp if isinstance(ex, InlineEngine) else None
            args = (part, list(items), url, max_chars, batch_size, recycle_docs)
            pending.add(ex.submit(process_part, *args, local_nlp) if local_nlp else ex.submit(process_part, *args))
        while pending:
            finished, pending = ex.wait(pending)
            collect(finished)
        engine_desc = ex.description
    if bar is not None:
        bar.close()

    components = next((s["components"] for s in summaries), None) or (previous or {}).get("components")
    store.write_state({"fingerprint": fp_hash, "options": fp, "components": components})
    run_info = {
        "engine": engine_desc,
        "workers": workers,
        "documents_skipped": stats["skipped"],
        "documents_processed": stats["processed"],
        "parts_written": stats["parts"],
        "restarted": restarted,
        "workers_peak_rss_mb": _per_worker_rss(summaries),
        "main_peak_rss_mb": _peak_rss_mb(),
        "words_processed": sum(s["words"] for s in summaries),
        "cpu_seconds": round(sum(s["cpu_seconds"] for s in summaries), 3),
        "rss_trail": trail[:: max(1, len(trail) // 200)] + trail[-1:],
        "processing_seconds": round(max((s["end"] for s in summaries), default=0)
                                    - min((s["start"] for s in summaries), default=0), 3),
    }
    options = {"max_chars": max_chars, "formats": list(formats), "components": components,
               "published_default": default_pub, "part_docs": part_docs, "batch_size": batch_size,
               "recycle_docs": recycle_docs}
    return finalize(outdir, placement, formats, inputs, options, run_info, t0)


def _per_worker_rss(summaries: list[dict]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in summaries:
        out[s["pid"]] = max(out.get(s["pid"], 0.0), s["peak_rss_mb"])
    return out


def consolidate(store: PartStore, placement: dict[str, dict[int, int]], table: str) -> pd.DataFrame:
    """One table from the part files: the rows of the current documents only (each from the one
    part that holds it), in input order and, within a document, in the order the stage gave."""
    pieces, orders = [], []
    for part in sorted(placement):
        keep = placement[part]
        tbl = store.read(table, part)
        pos = tbl.column(POS).to_numpy()
        mask = np.fromiter((p in keep for p in pos), dtype=bool, count=len(pos))
        if not mask.any():
            continue
        tbl = tbl.filter(pa.array(mask))
        pieces.append(tbl.drop_columns([POS]))
        orders.append(np.fromiter((keep[p] for p in pos[mask]), dtype=np.int64))
    if not pieces:
        return to_frame(table, [])
    tbl = pa.concat_tables(pieces, promote_options="default")
    order = np.argsort(np.concatenate(orders), kind="stable")
    return _arrow_to_frame(table, tbl.take(pa.array(order)))


def finalize(
    outdir: str | Path,
    placement: dict[str, dict[int, int]],
    formats=("csv", "parquet"),
    inputs=(),
    options: dict | None = None,
    run_info: dict | None = None,
    t0: float | None = None,
) -> dict:
    """The end of every run: consolidate the part files into one CSV and one Parquet file per
    table (atomic renames), the corpus summaries, the manifest; parts no document uses any more
    are removed. Returns the manifest."""
    store = PartStore(outdir)
    with tempfile.TemporaryDirectory(prefix="pipeline-out-") as staging:
        target = Path(store.root) if store.local else Path(staging)
        counts = {}
        documents = None
        for table in TABLES:
            frame = consolidate(store, placement, table)
            write_table(target, table, frame, formats)
            counts[table] = len(frame)
            if table == "documents":
                documents = frame
        from ..summaries import write_summaries

        counts.update(write_summaries(target, formats))
        failed = documents[documents["status"] != "ok"]
        manifest = {
            "pipeline_version": __version__,
            "options": options or {},
            "inputs": [str(p) for p in inputs],
            "counts": counts,
            "documents_ok": int(len(documents) - len(failed)),
            "documents_failed": int(len(failed)),
            "failed": [{"doc_id": d, "error": None if pd.isna(e) else e}
                       for d, e in zip(failed["doc_id"].iloc[:1000], failed["error"].iloc[:1000], strict=True)],
            "run": run_info or {},
            "wall_seconds": round(time.perf_counter() - t0, 3) if t0 is not None else None,
            "tables": {t: list(SCHEMA[t]) for t in TABLES},
        }
        write_manifest(target, manifest)
        if not store.local:
            for f in sorted(Path(staging).iterdir()):
                store.fs.put(str(f), f"{store.root}/{f.name}")
    for part in set(store.finished()) - set(placement):
        store.delete(part)  # superseded: none of its documents is current
    for part in store.unfinished():
        store.delete(part)  # left by a run that was killed before the part was done
    store.remove_temporary()
    return manifest
