"""Readers: files and folders of articles -> a stream of ``InputDoc``.

A path is a file or a folder, searched recursively in sorted order (:mod:`pipeline.io.sources`:
what is read, what is skipped and listed, the run's own output never read back). ``.txt`` /
``.html``: one article per file, its id the path relative to the folder given. ``.jsonl`` /
``.ndjson`` (a line), ``.json`` (an item of an array, or an object), ``.csv`` / ``.tsv`` (a row):
fields ``id``, ``text`` or ``content``, optional ``title``, ``published`` or ``date``, ``url``,
``source`` (:mod:`pipeline.io.jsonfmt`, :mod:`pipeline.io.tables`). The same compressed (``.gz``,
``.bz2``, ``.xz``) or inside a ``.zip`` are read as a stream. Line and item files are read one
line, row or item at a time (memory does not grow with the file).

Nothing that can be read is dropped: a document that cannot be read still comes out, with
``error`` set to a plain message naming the file, the line or row and the cause, so that it gets
its row in the documents table. See the README section "Bad input and safe output".

Encodings: :mod:`pipeline.io.encodings`. HTML (an ``.html`` file, or a text field that is markup)
is reduced to text (:mod:`pipeline.io.html`); the text used is kept in ``meta["text_used"]``.
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..schema import InputDoc
from .common import Fields, Source, clean, error_doc, limit, lone_surrogate, too_big, use_text
from .encodings import binary_kind, decode, sniff
from .jsonfmt import read_json, read_jsonl
from .sources import (
    COMPRESSED,
    SUFFIXES,
    check_inputs,
    compressed_source,
    display,
    file_source,
    is_output_folder,
    walk,
    zip_sources,
)
from .tables import read_csv

__all__ = ["SUFFIXES", "Fields", "InputDoc", "binary_kind", "check_inputs", "clean", "date_in_name", "decode",
           "is_output_folder", "lone_surrogate", "read_inputs", "read_stdin", "sniff", "texts_of", "unique_ids"]


def read_txt(src: Source, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per file (``.txt``; ``.html``/``.htm`` reduced to text)."""
    where = src.where
    doc = InputDoc(doc_id=src.doc_id, text=None, input=where, published=date_in_name(src.name))
    try:
        problem = too_big(src.size, max_chars) if src.size is not None else None
        if problem:
            doc.error = f"{where}: {problem}"
            yield doc
            return
        with src.open() as f:
            data = f.read(4 * max_chars + 1) if max_chars is not None else f.read()
        problem = too_big(len(data), max_chars, more=True)
        if problem:
            doc.error = f"{where}: {problem}"
            yield doc
            return
        if not data:
            doc.error = f"{where}: empty file (0 bytes)"
            yield doc
            return
        text, doc.encoding = decode(data)
    except (OSError, ValueError) as exc:
        doc.error = f"{where}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}"
        yield doc
        return
    if not text.strip():
        doc.error = f"{where}: whitespace only ({len(data):,} bytes, no text)"
        yield doc
        return
    use_text(doc, text, where, html=src.kind == "html")
    yield limit(doc, where, max_chars)


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_name(name: str) -> str | None:
    """A publication date written in a file name ("2022-06-20-cairo.txt" -> "2022-06-20"): plain
    text files carry no metadata, and archives often name files by date."""
    m = _NAME_DATE.search(name)
    return "-".join(m.groups()) if m else None


def read_source(src: Source, fields: Fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    if src.kind == "jsonl":
        return read_jsonl(src, fields, max_chars)
    if src.kind == "json":
        return read_json(src, fields, max_chars)
    if src.kind in ("csv", "tsv"):
        return read_csv(src, fields, max_chars)
    return read_txt(src, max_chars)


def read_inputs(
    paths: Iterable[str | Path], fields: Fields | None = None, max_chars: int | None = None, *,
    output=None, skipped: list | None = None,
) -> Iterator[InputDoc]:
    """Stream every document of the given files and folders. ``max_chars``: files and lines too
    long to hold that many characters are refused without being read. ``output``: the run's output
    folder (never read as input); ``skipped``: receives ``{"path", "reason"}`` for every file or
    folder not read (other types, broken links, output folders)."""
    fields = fields or Fields()
    skipped = skipped if skipped is not None else []
    given = {str(p) for p in paths} if not isinstance(paths, Iterator) else set()
    for entry in walk(paths, output, skipped):
        if isinstance(entry, InputDoc):
            yield entry
            continue
        path, doc_id, kind = entry
        named = str(path) in given
        if kind == ".zip":
            yield from _guarded(_read_zip(path, doc_id, fields, max_chars, skipped), display(path), doc_id)
        elif kind in COMPRESSED:
            src = compressed_source(path, doc_id, kind, named)
            if src is None:
                skipped.append({"path": display(path), "reason": "compressed, but the name inside has no readable type (not read)"})
                continue
            yield from _guarded(read_source(src, fields, max_chars), src.where, doc_id)
        else:
            src = file_source(path, doc_id, kind)
            yield from _guarded(read_source(src, fields, max_chars), src.where, doc_id)


def _read_zip(path: Path, doc_id: str, fields: Fields, max_chars, skipped: list) -> Iterator[InputDoc]:
    where = display(path)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"not a readable ZIP archive ({exc})"
        yield error_doc(doc_id, where, cause)
        return
    count = 0
    with zf:
        for src in zip_sources(zf, path, doc_id, skipped):
            count += 1
            yield from _guarded(read_source(src, fields, max_chars), src.where, src.doc_id)
    if count == 0:
        yield error_doc(doc_id, where, "the ZIP archive holds no article files (.txt, .json, .jsonl, .csv …)")


def _guarded(items: Iterator[InputDoc], where: str, doc_id: str) -> Iterator[InputDoc]:
    """A file that fails in the middle (an I/O error, damaged compressed data, a reader bug) ends
    with one error document for its unread rest; the next files are still read."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one file must not stop the batch
        here = f"{where}:unread"
        cause = f"reading stopped ({type(exc).__name__}: {exc}); the rest of the file was not read"
        yield InputDoc(doc_id=f"{doc_id}:unread", text=None, input=here, error=f"{here}: {cause}")


def read_stdin(doc_id: str = "stdin") -> InputDoc:
    """The article on standard input, decoded like a file (UTF-8, a BOM, Windows-1256 …)."""
    data = sys.stdin.buffer.read()
    doc = InputDoc(doc_id=doc_id, text=None, input="<stdin>")
    if not data.strip():
        doc.error = "<stdin>: empty input" if not data else "<stdin>: whitespace only"
        return doc
    try:
        doc.text, doc.encoding = decode(data)
    except ValueError as exc:
        doc.error = f"<stdin>: {exc}"
    return doc


def unique_ids(items: Iterable[InputDoc]) -> Iterator[InputDoc]:
    """Give a repeated doc_id a suffix (``id#2``, ``id#3`` …) so that no article is lost; the
    ``note`` says which input had the id first. Deterministic for the same inputs in the same order."""
    seen: dict[str, str] = {}
    for item in items:
        given = item.doc_id
        if given in seen:
            k = 2
            while f"{given}#{k}" in seen:
                k += 1
            item.doc_id = f"{given}#{k}"
            note = f"duplicate doc_id {given!r} (first at {seen[given]}); renamed {item.doc_id!r}"
            item.meta["note"] = "; ".join(filter(None, (item.meta.get("note"), note)))
        seen[item.doc_id] = item.input
        yield item


_WHERE = re.compile(r":(?:\d+|row \d+ \(line \d+\)|item \d+(?: \(line \d+\))?|unread)$")


def texts_of(documents, fields: Fields | None = None) -> dict[str, str]:
    """``{doc_id: the text the offsets refer to}`` for the ``ok`` rows of a documents table (a
    DataFrame or a list of dicts): ``text_used`` when the row has one (HTML reduced), else the
    text read again from the input file, line, row or item. For checking ``raw[start:end] == text``."""
    rows = documents.to_dict("records") if hasattr(documents, "to_dict") else list(documents)
    out: dict[str, str] = {}
    wanted: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("status") != "ok":
            continue
        used = row.get("text_used")
        if isinstance(used, str):
            out[row["doc_id"]] = used
        else:
            wanted.setdefault(_WHERE.sub("", row["input"]).split("!/")[0], []).append(row)
    for path, group in wanted.items():
        by_input = {it.input: it.text for it in read_inputs([path], fields)}
        for row in group:
            if by_input.get(row["input"]) is not None:
                out[row["doc_id"]] = by_input[row["input"]]
    return out
