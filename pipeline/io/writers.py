"""Writers: tables as CSV (UTF-8 with BOM, for Excel) and Parquet (typed), plus ``manifest.json``.

Files are written to a temporary name and renamed into place, so a reader never sees a
half-written table.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from ..records import SCHEMA


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> DataFrame with the table's columns, in order, with their dtypes."""
    cols = SCHEMA[table]
    frame = pd.DataFrame.from_records(rows, columns=list(cols)) if rows else pd.DataFrame(columns=list(cols))
    for col, dtype in cols.items():
        frame[col] = frame[col].astype(dtype)
    return frame


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_table(outdir: Path, table: str, frame: pd.DataFrame, formats=("csv", "parquet")) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    if "csv" in formats:
        path = outdir / f"{table}.csv"
        _atomic(path, lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"))
        written.append(path)
    if "parquet" in formats:
        path = outdir / f"{table}.parquet"
        _atomic(path, lambda p: frame.to_parquet(p, index=False, engine="pyarrow"))
        written.append(path)
    return written


def write_manifest(outdir: Path, manifest: dict) -> Path:
    path = outdir / "manifest.json"
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    _atomic(path, lambda p: p.write_text(text + "\n", encoding="utf-8"))
    return path


def read_table(outdir: str | Path, table: str) -> pd.DataFrame:
    """Read a written table back (Parquet when present, else CSV) with the schema's dtypes."""
    outdir = Path(outdir)
    pq = outdir / f"{table}.parquet"
    if pq.exists():
        return pd.read_parquet(pq)
    frame = pd.read_csv(outdir / f"{table}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return to_frame(table, frame.replace("", None).to_dict("records"))
