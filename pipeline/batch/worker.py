"""Worker side of a run: the pipeline of a worker (loaded once, reloaded after ``recycle_docs``
documents) and ``process_part``, which processes one part and writes its files."""

from __future__ import annotations

import gc
import os
import resource
import sys
import threading
import time

from spacy.language import Language
from threadpoolctl import threadpool_limits

from ..api import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS, process_stream  # noqa: F401
from ..schema import TABLES, InputDoc
from .parts import KEY, POS, PartStore, resume_key

DEFAULT_RECYCLE_DOCS = 1000  # a worker loads its pipeline afresh after this many documents


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
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    nlp: Language | None = None,
) -> dict:
    """Worker side: process one part and write its files; returns a small summary. A document
    that takes more than ``doc_timeout`` seconds is an error row naming its stage; the rest of
    the part goes on with a fresh pipeline, which the worker keeps for its next parts."""
    t0 = time.time()
    own = nlp is None
    if own:
        nlp = _worker_nlp(recycle_docs)
        _WORKER.docs += len(items)
    t1, c1 = time.time(), time.process_time()
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    # one core per worker: numpy's BLAS (OpenBLAS starts a thread per core and its threads spin
    # between calls) costs ~14 % more CPU for the same documents when it may use more threads
    state: dict = {}
    with threadpool_limits(limits=1):
        stream = process_stream(nlp, items, max_chars=max_chars, batch_size=batch_size,
                                doc_timeout=doc_timeout, state=state)
        for pos, rows in enumerate(stream):
            for table, items_ in rows.items():
                for row in items_:
                    row[POS] = pos
                tables[table].extend(items_)
            for row in rows["documents"]:
                row[KEY] = resume_key(items[pos])
    if own and "nlp" in state:  # a document timed out: the worker keeps the fresh pipeline
        _WORKER.nlp, _WORKER.docs = state["nlp"], 0
    store = PartStore(url)
    for table in [t for t in TABLES if t != "documents"] + ["documents"]:  # documents last: the mark
        store.write(table, part, tables[table])
    docs = tables["documents"]
    return {
        "part": part,
        "docs": len(docs),
        "failed": sum(1 for d in docs if d["status"] != "ok"),
        "timeouts": state.get("timeouts", 0),
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
