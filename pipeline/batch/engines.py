"""Where the parts of a batch run are processed: in this process, in a pool of local processes,
or on a Dask (``dask.distributed``) cluster.

An engine is a context manager with ``submit(fn, *args) -> future``, ``wait(futures) -> (done,
pending)`` (returns as soon as one future is done) and ``result(future)``; ``capacity`` is how
many parts may be in flight at once (the reader waits beyond that, so memory stays flat). The
engines know nothing about the pipeline: ``pipeline.batch`` hands them its own functions.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent import futures as cf

ENGINES = ("local", "dask")


class InlineEngine:
    """One worker: the calling process itself (no pickling, the caller's ``nlp`` may be used)."""

    workers = 1
    capacity = 1
    description = "in-process"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - surfaced by result()
            fut.set_exception(exc)
        return fut

    @staticmethod
    def wait(pending):
        return set(pending), set()

    @staticmethod
    def result(fut):
        return fut.result()


def start_method() -> str:
    """How worker processes start: forked on Linux (they begin with the modules this process has
    imported, about 2.5 s sooner than a fresh interpreter that imports spaCy, pandas and pyarrow
    again), spawned elsewhere (macOS and Windows cannot fork safely). ``PIPELINE_START_METHOD``
    (``fork``, ``spawn``, ``forkserver``) overrides it."""
    method = os.environ.get("PIPELINE_START_METHOD") or ("fork" if sys.platform.startswith("linux") else "spawn")
    if method not in multiprocessing.get_all_start_methods():
        raise ValueError(f"PIPELINE_START_METHOD={method!r}: this platform offers {multiprocessing.get_all_start_methods()}")
    return method


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _watch_parent(parent: int) -> None:
    """In a worker process: end with the main process, however it ends (SIGKILL included).
    On Linux the kernel sends SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``);
    everywhere a thread checks the parent's pid every second. Ctrl-C is the main process's to
    handle (it stops the workers): a worker ignores SIGINT, so it prints no traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class ProcessEngine(InlineEngine):
    """``workers`` local processes (see ``start_method``); each loads the pipeline once, on its
    first part (a forked worker does not use a pipeline of the parent's: it loads its own)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.capacity = 2 * workers
        self.description = f"{workers} local processes"
        self._pool = None

    def __enter__(self):
        ctx = multiprocessing.get_context(start_method())
        self._pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx,
                                            initializer=_watch_parent, initargs=(os.getpid(),))
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is not None:  # Ctrl-C, SIGTERM or an error: stop the workers now, not after their parts
            self.kill()
        self._pool.shutdown(wait=exc_type is None, cancel_futures=True)
        return False

    def kill(self) -> None:
        """End every worker process at once (their finished parts stay; the rest is redone on resume)."""
        for proc in list((getattr(self._pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, AttributeError):
                pass

    def submit(self, fn, *args):
        return self._pool.submit(fn, *args)

    @staticmethod
    def wait(pending):
        done, rest = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        return set(done), set(rest)


class DaskEngine(InlineEngine):
    """Parts as tasks on a ``dask.distributed`` cluster. ``scheduler``: an address
    (``tcp://host:8786``), a ``distributed.Client``, or ``None`` for a ``LocalCluster`` on
    127.0.0.1 with ``workers`` single-threaded worker processes and no dashboard."""

    def __init__(self, workers: int, scheduler=None):
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self._client = self._cluster = None
        self._own_client = False

    def __enter__(self):
        from distributed import Client, LocalCluster

        if self.scheduler is None:
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
            self._own_client = True
        elif isinstance(self.scheduler, str):
            self._client = Client(self.scheduler)
            self._own_client = True
        else:  # an existing Client
            self._client = self.scheduler
        nthreads = sum(self._client.nthreads().values()) or self.workers
        self.workers = nthreads
        self.capacity = 2 * nthreads
        self.description = f"dask: {nthreads} worker threads at {self._client.scheduler.address}"
        return self

    def __exit__(self, *exc):
        if self._own_client:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        return False

    def submit(self, fn, *args):
        # pure=False: a part is a side effect (files), never deduplicated or cached by dask
        return self._client.submit(fn, *args, pure=False)

    @staticmethod
    def wait(pending):
        from distributed import wait

        res = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(res.done), set(res.not_done)


def make_engine(engine: str = "local", workers: int | None = None, scheduler=None):
    """The engine for ``run``: ``local`` with 1 worker runs in this process, with more a process
    pool; ``dask`` runs on a cluster (``scheduler``) or a LocalCluster."""
    workers = workers or os.cpu_count() or 1
    if engine == "local":
        if scheduler is not None:
            raise ValueError("--scheduler needs --engine dask")
        return InlineEngine() if workers <= 1 else ProcessEngine(workers)
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
