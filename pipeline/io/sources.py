"""Input sources: the files of the paths given, folders walked recursively in sorted order, and the
readable members of archives and compressed files.

In a folder: ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, ``.csv``, ``.tsv``, ``.json`` and
the same compressed (``.gz``, ``.bz2``, ``.xz``) or in a ``.zip`` are read; everything else (other
types, broken links, FIFOs) is listed in ``skipped`` (the summary and the manifest). The run's own
output is never input: the output folder and any folder holding a pipeline manifest or part store
(``_parts/state.json``) are skipped with a note; a folder given as input that is itself an output
folder (``-o`` equal to the input) is read without its tables, ``manifest.json`` and ``_parts``.
A folder that cannot be listed or searched gives error rows naming it: nothing is lost silently.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..schema import TABLES, InputDoc
from .common import Source, clean, error_doc

KINDS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
         ".jsonlines": "jsonl", ".csv": "csv", ".tsv": "tsv", ".json": "json"}
COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
SUFFIXES = (*KINDS, *COMPRESSED, ".zip")
OWN_TABLES = (*TABLES, "entity_summary", "speaker_summary")
PARTS = "_parts"


def display(path: Path | str) -> str:
    return clean(str(path)) or ""


def is_output_folder(folder: Path) -> bool:
    """True for a folder this pipeline wrote (its ``manifest.json`` names the tables)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "pipeline_version" in manifest and "tables" in manifest


def holds_output(folder: Path) -> bool:
    """A pipeline's output folder: a manifest, or a part store (a run killed before its manifest)."""
    try:
        return is_output_folder(folder) or (folder / PARTS / "state.json").is_file()
    except OSError:
        return False


def own_files(folder: Path) -> set[str]:
    """The names of the files and folders a run writes into its output folder."""
    names = {"manifest.json", PARTS, ".lock"}  # .lock: the run's lock on its output folder
    tables = set(OWN_TABLES)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        tables |= set(manifest.get("counts", {})) | set(manifest.get("tables", {}))
    except (OSError, ValueError, AttributeError):
        pass
    for t in tables:
        for ext in ("csv", "parquet"):
            names |= {f"{t}.{ext}", f".{t}.{ext}.tmp"}
    return names


def _local(output) -> Path | None:
    if output is None or "://" in str(output):
        return None
    try:
        return Path(output).resolve()
    except OSError:
        return None


def kind_of(name: str) -> str | None:
    """txt, html, …, ``zip`` or a compression suffix (``.gz``) from a file name; ``None`` otherwise."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in KINDS:
        return KINDS[suffix]
    if suffix in COMPRESSED or suffix == ".zip":
        return suffix
    return None


def check_inputs(paths) -> None:
    """``ValueError`` (the run cannot start: exit 2) for an input that does not exist or a folder
    that cannot be listed or searched."""
    for p in map(Path, paths):
        if not os.path.lexists(p):
            raise ValueError(f"no such input: {p}")
        if p.is_dir():
            try:
                with os.scandir(p):
                    pass
            except OSError as exc:
                raise ValueError(f"cannot read the input folder {p}: {exc.strerror or exc}") from None
            if not os.access(p, os.X_OK):
                raise ValueError(f"cannot search the input folder {p}: permission denied (no x permission)")


def walk(paths, output=None, skipped: list | None = None) -> Iterator[tuple[Path, str, str] | InputDoc]:
    """(file, doc_id prefix, kind) of every input file, or an error document for what cannot be
    read (a folder that cannot be listed); ``skipped`` receives ``{"path", "reason"}`` for
    everything else that is not read."""
    out = _local(output)
    skipped = skipped if skipped is not None else []
    for p in map(Path, paths):
        if p.is_dir():
            yield from _folder(p, out, skipped)
        elif not p.exists():
            cause = f"no such file (a broken link to {os.readlink(p)})" if p.is_symlink() else "no such file"
            yield error_doc(clean(p.name) or "", display(p), cause)
        else:
            yield p, clean(p.name) or "", kind_of(p.name) or "txt"


def _folder(top: Path, out: Path | None, skipped: list) -> Iterator[tuple[Path, str, str] | InputDoc]:
    found: list[tuple[str, tuple[Path, str, str] | InputDoc]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(top, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                skipped.append({"path": display(folder), "reason": "a link to a folder already read (loop)"})
                continue
            seen.add((st.st_dev, st.st_ino))
        except OSError:
            pass
        resolved = folder.resolve()
        own: set[str] = set()
        if rel and (resolved == out or holds_output(folder)):
            why = "this run's output folder" if resolved == out else "the output of a pipeline run (manifest.json or _parts/)"
            skipped.append({"path": display(folder), "reason": f"{why}: never read as input"})
            continue
        if not rel and (resolved == out or holds_output(folder)):
            own = own_files(folder)
            skipped.append({"path": display(folder), "reason": "an output folder: its tables, manifest.json and _parts/ are not read as input"})
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            doc_id = clean(rel + "/") or ""
            cause = f"the folder cannot be read ({exc.strerror or exc}); its files were not read"
            found.append((rel + "/", error_doc(doc_id, display(folder), cause)))
            continue
        searchable = os.access(folder, os.X_OK)
        for e in entries:
            if e.name in own:
                continue
            r = f"{rel}/{e.name}" if rel else e.name
            path = folder / e.name
            try:
                if e.is_dir():
                    stack.append((path, r))
                    continue
                regular = e.is_file()
                link = e.is_symlink()
            except OSError as exc:
                found.append((r, error_doc(clean(r) or "", display(path), f"cannot be examined ({exc.strerror or exc})")))
                continue
            kind = kind_of(e.name)
            if not regular:
                reason = f"a broken link (to {_target(path)})" if link and not path.exists() else "not a regular file (a FIFO, socket or device)"
                skipped.append({"path": display(path), "reason": reason})
            elif kind is None:
                suffix = os.path.splitext(e.name)[1]
                what = f"{suffix} files" if suffix else "files without a suffix"
                skipped.append({"path": display(path), "reason": f"not an article file ({what} are not read)"})
            elif not searchable:
                cause = f"cannot be opened: the folder {display(folder)} can be listed but not searched (no x permission)"
                found.append((r, error_doc(clean(r) or "", display(path), cause)))
            else:
                found.append((r, (path, clean(r) or "", kind)))
    found.sort(key=lambda x: x[0])
    for _, item in found:
        yield item


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def file_source(path: Path, doc_id: str, kind: str) -> Source:
    where = display(path)
    size = None
    try:
        size = path.stat().st_size
    except OSError:
        pass
    return Source(where, doc_id, kind, path.name, lambda: path.open("rb"), size)


def compressed_source(path: Path, doc_id: str, suffix: str, given: bool) -> Source | None:
    """The content of a ``.gz``/``.bz2``/``.xz`` file, its kind from the name inside (``a.jsonl.gz``
    is JSONL); ``None`` when that name has no readable type (unless the file was named: then text)."""
    inner = path.name[: -len(suffix)]
    kind = kind_of(inner)
    if kind is None or kind.startswith("."):
        if not given or (kind or "").startswith("."):
            return None
        kind = "txt"
    opener = COMPRESSED[suffix]
    return Source(display(path), doc_id, kind, inner, lambda: opener(path, "rb"), None)


def zip_sources(zf: zipfile.ZipFile, path: Path, doc_id: str, skipped: list) -> Iterator[Source]:
    """The readable members of a zip archive, in name order; the others listed in ``skipped``."""
    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        name = info.filename
        where = f"{display(path)}!/{clean(name)}"
        kind = kind_of(name)
        if kind is None or kind.startswith("."):
            what = "an archive or compressed file inside an archive" if kind else "not an article file"
            skipped.append({"path": where, "reason": f"{what} (not read)"})
            continue
        yield Source(where, f"{doc_id}!/{clean(name)}", kind, os.path.basename(name),
                     lambda info=info: zf.open(info), info.file_size)
