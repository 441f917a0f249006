"""Part files: one Parquet file per table and part under ``OUTDIR/_parts/<table>/``, named by a hash
of the part's contents, written to a temporary name and renamed (the ``documents`` file is written
last and marks the part as done); ``consolidate`` reads a table back from the parts in input order."""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..io.writers import conform, to_frame
from ..schema import SCHEMA, TABLES, InputDoc

PARTS = "_parts"
POS = "_pos"  # position of the document inside its part, a column of every part file
KEY = "_key"  # the resume key of the document (``resume_key``), a column of the documents part files
LOCK = ".lock"  # in the output folder: held by the run writing there


def resume_key(item: InputDoc) -> str | None:
    """What a finished document must match to be reused by a resumed run: its id, its text and
    every input field that goes into its rows (title, publication date — and so the dates
    resolved from it —, url, source, input, encoding, notes). ``None`` for a document that could
    not be read (retried every run)."""
    if item.error or not isinstance(item.text, str):
        return None
    fields = (item.doc_id, item.input, item.title, item.published, item.url, item.source, item.encoding,
              sorted((str(k), str(v)) for k, v in (item.meta or {}).items()))
    h = hashlib.sha256(item.text.encode("utf-8", "surrogatepass"))
    h.update(b"\0" + repr(fields).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _arrow_to_frame(table: str, tbl: pa.Table) -> pd.DataFrame:
    mapper = {pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
              pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return conform(tbl.to_pandas(types_mapper=mapper.get), SCHEMA[table])


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
        if table == "documents":
            tbl = tbl.append_column(KEY, pa.array([r.get(KEY) for r in rows], type=pa.string()))
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

    def check(self, part: str) -> None:
        """Raise if a file of a finished part cannot be read (its footer: a file cut short)."""
        for table in TABLES:
            with self.fs.open(self.path(table, part), "rb") as f:
                pq.read_metadata(f)

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


class OutputBusy(Exception):
    """Another run holds the lock of the output folder."""


@contextmanager
def output_lock(store: PartStore):
    """Hold ``OUTDIR/.lock`` (an exclusive ``flock``, released by the system when the process
    ends, however it ends) for the whole run; a second run into the same folder raises
    :class:`OutputBusy` before it touches anything. Local folders only (object stores have no locks)."""
    try:
        import fcntl
    except ImportError:  # Windows
        fcntl = None
    if not store.local or fcntl is None:
        yield
        return
    os.makedirs(store.root, exist_ok=True)
    path = os.path.join(store.root, LOCK)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise OutputBusy(f"another run is writing to {store.root} ({holder}); wait for it to finish, "
                         "or choose another output folder") from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race with a new run)


def part_name(fingerprint: str, items: list[InputDoc], keys: list[str | None]) -> str:
    """A part's file name: a hash of its documents (ids and text hashes) and of the options, so
    the same part always gets the same name and two parts never share one."""
    h = hashlib.sha256(fingerprint.encode())
    for it, key in zip(items, keys, strict=True):
        h.update(f"\x00{it.doc_id}\x01{key or ''}\x01{it.error or ''}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


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
        pieces.append(tbl.drop_columns([c for c in (POS, KEY) if c in tbl.column_names]))
        orders.append(np.fromiter((keep[p] for p in pos[mask]), dtype=np.int64))
    if not pieces:
        return to_frame(table, [])
    tbl = pa.concat_tables(pieces, promote_options="default")
    order = np.argsort(np.concatenate(orders), kind="stable")
    return _arrow_to_frame(table, tbl.take(pa.array(order)))
