"""Batch runs: readers -> the spaCy pipeline -> records -> part files -> consolidated tables.

``run`` streams every input, in parts of ``part_docs`` documents, to an engine (this process, a
pool of processes, or a Dask cluster; see :mod:`pipeline.batch.engines`). Each part is processed
through ``nlp.pipe`` by a worker that loads the pipeline once (:mod:`pipeline.batch.worker`), and
written as one Parquet file per table under ``OUTDIR/_parts/<table>/`` (:mod:`pipeline.batch.parts`:
named by a hash of the part's contents, written to a temporary name and renamed; the ``documents``
file is written last and marks the part as done). ``finalize`` then consolidates the parts into one CSV and
one Parquet file per table, rows in input order, and writes the manifest.

Resume: a document whose ``doc_id``, text and input fields (``parts.resume_key``) are found, with
status ``ok``, in a finished part is not processed again; its rows are taken from that part. A run killed at any moment and
started again therefore ends with the same tables as an uninterrupted run. ``force=True`` (or
other options, or another table schema) starts from scratch. A document that fails gets a
``documents`` row with status ``error`` and the run goes on (failed documents are retried on resume).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .._version import __version__
from ..api import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS, timed_out_after
from ..io.readers import Fields, InputDoc, check_inputs, read_inputs, unique_ids
from ..io.writers import write_manifest, write_table
from ..published import iso_published as _iso
from ..resources import validate
from ..schema import SCHEMA, TABLES
from .parts import KEY, POS, PartStore, consolidate, output_lock, part_name, resume_key
from .worker import DEFAULT_RECYCLE_DOCS, _peak_rss_mb, process_part

DEFAULT_PART_DOCS = 256


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


def _done_index(store: PartStore, doc_timeout: float | None = None,
                damaged: list | None = None) -> dict[tuple[str, str], tuple[str, int]]:
    """(doc_id, resume key) -> (part, position) of every document done in a finished part:
    processed ``ok``, or stopped by a ``--doc-timeout`` at least as long as this run's (a resume
    does not stall on it again). A part with a file that cannot be read is named on stderr (and
    in ``damaged``), deleted, and its documents are processed again."""
    done: dict[tuple[str, str], tuple[str, int]] = {}
    for part in store.finished():
        try:
            store.check(part)
            cols = store.read("documents", part).select(["doc_id", KEY, "status", "error", POS]).to_pydict()
        except Exception as exc:  # noqa: BLE001 - a file cut short or damaged on disk
            path = store.path("documents", part)
            print(f"warning: damaged part file under {path.rsplit('/', 2)[0]} (part {part}: {type(exc).__name__}: "
                  f"{exc}); its documents are processed again", file=sys.stderr)
            if damaged is not None:
                damaged.append({"part": part, "error": f"{type(exc).__name__}: {exc}"[:300]})
            store.delete(part)
            continue
        rows = zip(cols["doc_id"], cols[KEY], cols["status"], cols["error"], cols[POS], strict=True)
        for doc_id, key, status, error, pos in rows:
            if key is None:
                continue
            spent = timed_out_after(error) if status != "ok" else None
            if status == "ok" or (spent is not None and doc_timeout is not None and spent >= doc_timeout):
                done.setdefault((doc_id, key), (part, pos))
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


@dataclass
class _Tally:
    """What a run has seen so far: where every current document's rows are, the counts, the parts'
    summaries, the memory trail and the progress bar."""

    placement: dict[str, dict[int, int]] = field(default_factory=dict)  # part -> {position: input order}
    skipped: int = 0
    processed: int = 0
    parts: int = 0
    summaries: list[dict] = field(default_factory=list)
    trail: list[list] = field(default_factory=list)  # [documents processed so far, peak RSS of the worker]
    damaged: list[dict] = field(default_factory=list)  # part files that could not be read: reprocessed
    inputs_skipped: list[dict] = field(default_factory=list)  # files and folders not read: path, reason
    bar: object = None

    def tick(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def collect(self, summary: dict) -> None:
        self.summaries.append(summary)
        self.processed += summary["docs"]
        self.trail.append([self.processed, summary["peak_rss_mb"]])
        self.tick(summary["docs"])


def _resume(store: PartStore, fp: dict, force: bool, doc_timeout: float | None = None,
            damaged: list | None = None) -> tuple[str, dict | None, str | None, dict]:
    """Phase 1, the resume state: (options hash, previous state, why the parts were cleared (or
    ``None``), the documents already done)."""
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
    done = {} if restarted else _done_index(store, doc_timeout, damaged)
    return fp_hash, previous, restarted, done


def _to_process(inputs, fields: Fields, max_chars: int, default_pub: str | None, done: dict,
                tally: _Tally, outdir=None) -> Iterator[tuple[int, InputDoc, str | None]]:
    """Phase 2, the stream of inputs: (input order, document, text hash) of every document to
    process; a document done in a finished part is placed from there and skipped. The output
    folder is never read as input; what is not read is listed in ``tally.inputs_skipped``."""
    items = read_inputs(inputs, fields, max_chars, output=outdir, skipped=tally.inputs_skipped)
    for seq, item in enumerate(unique_ids(items)):
        if default_pub is not None and not item.published:
            item.published = default_pub
        key = resume_key(item)
        hit = done.get((item.doc_id, key)) if key else None
        if hit is not None:
            tally.placement.setdefault(hit[0], {})[hit[1]] = seq
            tally.skipped += 1
            tally.tick(1)
            continue
        yield seq, item, key


def _process_parts(chunks: Iterator[list], engine: str, workers: int, scheduler, nlp: Language | None,
                   fp_hash: str, url: str, worker_args: tuple, tally: _Tally) -> str:
    """Phase 3, the parts to an engine: one part or one worker runs in this process, else a pool
    or a Dask cluster; returns the engine's description."""
    from .engines import InlineEngine, make_engine

    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if engine == "local" and (workers <= 1 or second is None):
        ex = InlineEngine()  # one part or one worker: no processes to start
    else:
        ex = make_engine(engine, workers, scheduler)
    with ex:
        pending: set = set()
        for chunk in itertools.chain([c for c in (first, second) if c is not None], chunks):
            seqs, items, keys = zip(*chunk, strict=True)
            part = part_name(fp_hash, list(items), list(keys))
            tally.placement[part] = dict(enumerate(seqs))  # a fresh part: every position is current
            tally.parts += 1
            while len(pending) >= ex.capacity:
                finished, pending = ex.wait(pending)
                for fut in finished:
                    tally.collect(ex.result(fut))
            local_nlp = nlp if isinstance(ex, InlineEngine) else None
            args = (part, list(items), url, *worker_args)
            pending.add(ex.submit(process_part, *args, local_nlp) if local_nlp else ex.submit(process_part, *args))
        while pending:
            finished, pending = ex.wait(pending)
            for fut in finished:
                tally.collect(ex.result(fut))
        return ex.description


def _run_info(tally: _Tally, engine_desc: str, workers: int, restarted: str | None) -> dict:
    summaries, trail = tally.summaries, tally.trail
    return {
        "engine": engine_desc,
        "workers": workers,
        "documents_skipped": tally.skipped,
        "documents_processed": tally.processed,
        "parts_written": tally.parts,
        "restarted": restarted,
        "damaged_parts": tally.damaged,
        "documents_timed_out": sum(s.get("timeouts", 0) for s in summaries),
        "inputs_skipped_count": len(tally.inputs_skipped),
        "inputs_skipped": tally.inputs_skipped[:1000],
        "workers_peak_rss_mb": _per_worker_rss(summaries),
        "main_peak_rss_mb": _peak_rss_mb(),
        "words_processed": sum(s["words"] for s in summaries),
        "cpu_seconds": round(sum(s["cpu_seconds"] for s in summaries), 3),
        "rss_trail": trail[:: max(1, len(trail) // 200)] + trail[-1:],
        "processing_seconds": round(max((s["end"] for s in summaries), default=0)
                                    - min((s["start"] for s in summaries), default=0), 3),
    }


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
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> dict:
    """Process every input and write the tables and the manifest; returns the manifest.

    ``workers``: processes (``engine="local"``; 1 = this process, which uses ``nlp`` when given)
    or LocalCluster workers (``engine="dask"`` without ``scheduler``). ``scheduler``: a Dask
    scheduler address or ``distributed.Client``. ``force``: reprocess every document.
    ``recycle_docs``: a worker reloads its pipeline after that many documents (memory stays flat).
    ``published``: publication date for inputs that have none. ``outdir``: a folder or an fsspec URL.
    ``doc_timeout``: seconds one document may take (``None``: no limit); past it the document is
    an error row naming the stage and its worker goes on with a fresh pipeline.
    Phases: the resume state, the stream of inputs, the parts to an engine, ``finalize``.
    The output folder is locked for the whole run (a second run raises ``OutputBusy``).
    """
    t0 = time.perf_counter()
    check_options(workers=workers, part_docs=part_docs, batch_size=batch_size, max_chars=max_chars,
                  recycle_docs=recycle_docs, doc_timeout=doc_timeout)
    with output_lock(PartStore(outdir)):
        return _run(inputs, outdir, nlp, fields, max_chars, formats, progress, workers, engine, scheduler,
                    force, published, part_docs, batch_size, recycle_docs, doc_timeout, t0)


def check_options(**opts) -> None:
    """Refuse bad options before anything is read or deleted (``--force`` clears the parts only after)."""
    minimum = {"workers": 1, "part_docs": 1, "batch_size": 1, "max_chars": 1, "recycle_docs": 0}
    names = {"part_docs": "--part-size", "max_chars": "--max-chars", "workers": "--workers",
             "batch_size": "batch_size", "recycle_docs": "recycle_docs"}
    for name, low in minimum.items():
        value = opts[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{names[name]} must be a whole number of at least {low} (got {value!r})")
    t = opts["doc_timeout"]
    if t is not None and (isinstance(t, bool) or not isinstance(t, int | float) or not t > 0 or t != t):
        raise ValueError(f"--doc-timeout must be a number of seconds above 0 (got {t!r})")


def _run(inputs, outdir, nlp, fields, max_chars, formats, progress, workers, engine, scheduler, force,
         published, part_docs, batch_size, recycle_docs, doc_timeout, t0) -> dict:
    validate()  # a malformed resource row stops the run before any document is read
    check_inputs(inputs)  # a missing or unreadable input folder stops it too (before --force clears)
    fields = fields or Fields()
    default_pub = _iso(published) if published is not None else None
    store = PartStore(outdir)
    fp = _fingerprint(max_chars, default_pub, fields)
    tally = _Tally()
    fp_hash, previous, restarted, done = _resume(store, fp, force, doc_timeout, tally.damaged)
    if progress:
        from tqdm import tqdm

        tally.bar = tqdm(desc="documents", unit="doc", file=sys.stderr)
    parallel = workers if engine == "local" else 1  # dask: parts of part_docs each, as asked
    chunks = _chunks(_to_process(inputs, fields, max_chars, default_pub, done, tally, outdir), part_docs, parallel)
    engine_desc = _process_parts(chunks, engine, workers, scheduler, nlp, fp_hash, store.url,
                                 (max_chars, batch_size, recycle_docs, doc_timeout), tally)
    if tally.bar is not None:
        tally.bar.close()

    components = next((s["components"] for s in tally.summaries), None) or (previous or {}).get("components")
    store.write_state({"fingerprint": fp_hash, "options": fp, "components": components})
    options = {"max_chars": max_chars, "formats": list(formats), "components": components,
               "published_default": default_pub, "part_docs": part_docs, "batch_size": batch_size,
               "recycle_docs": recycle_docs, "doc_timeout": doc_timeout}
    return finalize(outdir, tally.placement, formats, inputs, options,
                    _run_info(tally, engine_desc, workers, restarted), t0)


def _per_worker_rss(summaries: list[dict]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in summaries:
        out[s["pid"]] = max(out.get(s["pid"], 0.0), s["peak_rss_mb"])
    return out


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
        frames = {}  # the tables the summaries are computed from
        for table in TABLES:
            frame = consolidate(store, placement, table)
            write_table(target, table, frame, formats)
            counts[table] = len(frame)
            if table in ("documents", "entities", "quotes"):
                frames[table] = frame
        from ..summaries import write_summaries

        counts.update(write_summaries(target, formats, tables=frames))  # from memory, not re-read
        documents = frames["documents"]
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
