"""Writers: tables as CSV (UTF-8 with BOM, for Excel) and Parquet (typed), plus ``manifest.json``.

Files are written to a temporary name and renamed into place, so a reader never sees a
half-written table. The same rows give byte-identical files run after run (no timestamps; the
Parquet footer names only the pyarrow and pandas versions).

CSV only: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(optionally after single quotes) gets one more ``'`` in front, so that a spreadsheet shows it as
text instead of running it as a formula (the OWASP advice on CSV injection); control characters
other than tab and line breaks (NUL …) are written as their pictures (``␀``). ``read_table`` undoes
both; Parquet and JSON values are never changed.

File names: nothing is ever written under a name taken from the input; ``safe_filename`` and
``inside`` are the helpers for any code that must (a doc_id such as ``../../x``, ``/etc/x`` or
one with a NUL byte stays inside the output folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd

from ..schema import SCHEMA

FORMULA = r"^('*[=+\-@\t\r])"
_QUOTED = "^'" + FORMULA[1:]
# CSV only: C0 controls except tab, line feed, carriage return, and DEL -> Control Pictures (U+2400…)
CONTROLS = {c: 0x2400 + c for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]} | {0x7F: 0x2421}
PICTURES = {v: k for k, v in CONTROLS.items()}
_CONTROL_CLASS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # the keys of CONTROLS, as a regular expression
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def conform(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The one schema coercion: ``frame`` with exactly ``columns`` (column -> dtype), in order,
    with their dtypes; a missing column is all missing values."""
    out = frame.reindex(columns=list(columns))
    for col, dtype in columns.items():
        try:
            out[col] = out[col].astype(dtype)
        except UnicodeEncodeError:  # a lone surrogate cannot be stored: make it visible, keep the row
            out[col] = out[col].map(_writable, na_action="ignore").astype(dtype)
    return out


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> DataFrame with the table's columns, in order, with their dtypes."""
    cols = SCHEMA[table]
    frame = pd.DataFrame.from_records(rows, columns=list(cols)) if rows else pd.DataFrame(columns=list(cols))
    return conform(frame, cols)


def _writable(value):
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for CSV output in which no text cell can run as a spreadsheet formula, and no control
    character (NUL …) can upset a spreadsheet: those are shown as their Unicode pictures (␀)."""
    out = frame.copy()
    for col in _text_columns(out):
        values = out[col]
        if values.dtype == object:
            out[col] = values.map(_to_csv_cell)
        else:
            if values.str.contains(_CONTROL_CLASS, regex=True).any():  # translate: slow, mostly a no-op
                values = values.str.translate(CONTROLS)
            out[col] = values.str.replace(FORMULA, r"'\1", regex=True)
    return out


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of ``neutralize_formulas`` (for tables read back from CSV)."""
    out = frame.copy()
    for col in _text_columns(out):
        if out[col].dtype == object:
            out[col] = out[col].map(_from_csv_cell)
        else:
            out[col] = out[col].str.replace(_QUOTED, r"\1", regex=True).str.translate(PICTURES)
    return out


def _to_csv_cell(v):
    if not isinstance(v, str):
        return v
    v = v.translate(CONTROLS)
    return "'" + v if re.match(FORMULA, v) else v


def _from_csv_cell(v):
    if not isinstance(v, str):
        return v
    return (v[1:] if re.match(_QUOTED, v) else v).translate(PICTURES)


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_table(outdir: Path, table: str, frame: pd.DataFrame, formats=("csv", "parquet")) -> list[Path]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    if "csv" in formats:
        path = inside(outdir, f"{table}.csv")
        safe = neutralize_formulas(frame)
        _atomic(path, lambda p: _write_csv(safe, p))
        written.append(path)
    if "parquet" in formats:
        path = inside(outdir, f"{table}.parquet")
        _atomic(path, lambda p: frame.to_parquet(p, index=False, engine="pyarrow"))
        written.append(path)
    return written


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """RFC 4180 CSV: every cell holding a delimiter, a quote, a line feed **or a carriage return**
    is quoted. Python's ``csv`` (under pandas) quotes a bare ``\r`` only when it is part of the line
    terminator, so such a cell would be written unquoted and split its row in every reader (the piece
    after it starting a row of its own, possibly a live formula). Cells with a ``\r`` are rare: only
    then is the table written through memory, each ``\r`` stood in for by a private-use character
    plus a line feed (which makes the writer quote the cell) and put back afterwards."""
    options = {"index": False, "lineterminator": "\n"}
    cols = [c for c in _text_columns(frame) if frame[c].astype("string").str.contains("\r", regex=False).any()]
    if not cols:
        frame.to_csv(path, encoding="utf-8-sig", **options)
        return
    mark = next(m for m in _CR_MARKS if not any(frame[c].astype("string").str.contains(m, regex=False).any()
                                               for c in _text_columns(frame)))
    out = frame.copy()
    for col in cols:
        out[col] = out[col].map(lambda v: v.replace("\r", mark + "\n") if isinstance(v, str) else v)
    text = out.to_csv(**options).replace(mark + "\n", "\r")
    Path(path).write_bytes(text.encode("utf-8-sig"))


_CR_MARKS = ("\U0010fffd", "\U0010fffc", "\U0010fffb", "\ue000\ue001\ue002")  # the first absent from the table


def write_manifest(outdir: Path, manifest: dict) -> Path:
    path = Path(outdir) / "manifest.json"
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
    frame = restore_formulas(frame)
    if table not in SCHEMA:
        return frame.replace("", None)
    return to_frame(table, frame.replace("", None).to_dict("records"))


def safe_filename(name: str, suffix: str = "", max_len: int = 120) -> str:
    """One path component made from an untrusted name (a doc_id): separators, NUL and other
    control characters replaced, no leading dots, bounded length; a short hash of the original
    keeps changed names distinct ("../../x" -> "x-<hash>")."""
    base = _UNSAFE.sub("_", name).strip(" ._") or "doc"
    if base != name or len(base) > max_len:
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        base = f"{base[:max_len]}-{digest}"
    return base + suffix


def inside(outdir: str | Path, name: str) -> Path:
    """``outdir / name``, refusing (``ValueError``) any name that would land outside ``outdir``."""
    root = Path(outdir).resolve()
    if "\x00" in name:
        raise ValueError(f"unsafe file name (NUL byte): {name!r}")
    path = (root / name).resolve()
    if path != root and root not in path.parents:
        raise ValueError(f"unsafe file name (outside {root}): {name!r}")
    return Path(outdir) / name
