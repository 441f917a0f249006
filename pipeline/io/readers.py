"""Readers: files and folders of articles -> a stream of ``InputDoc``.

A path is a file or a folder (searched recursively, in sorted order). ``.txt``: one article per
file, its id the path relative to the folder given. ``.jsonl`` and ``.csv``: one article per
row, fields ``id``, ``text`` or ``content``, optional ``title``, ``published`` or ``date``,
``url``, ``source``. A document that cannot be read still comes out, with ``error`` set, so that
it gets its row in the documents table.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".jsonl", ".csv")


@dataclass
class Fields:
    """Input field names; each entry lists the accepted names in order of preference."""

    id: tuple[str, ...] = ("id", "doc_id")
    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("published", "date", "date_published", "date_extracted")
    url: tuple[str, ...] = ("url",)
    source: tuple[str, ...] = ("source",)


@dataclass
class InputDoc:
    doc_id: str
    text: str | None
    input: str  # file, and line or row
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    encoding: str | None = None
    error: str | None = None
    meta: dict = field(default_factory=dict)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes of an article; returns (text, encoding). Raises ``ValueError`` with a plain
    message when the bytes are not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise ValueError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_arabic(text):
        return text, "windows-1256"
    raise ValueError(f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not Windows-1256 Arabic")


def _looks_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return arabic / len(letters) > 0.5


def _pick(row: dict, names: tuple[str, ...]):
    for name in names:
        if name in row and row[name] not in (None, ""):
            return row[name]
    return None


def _from_row(row: dict, fields: Fields, default_id: str, where: str, encoding: str) -> InputDoc:
    doc_id = _pick(row, fields.id)
    doc_id = str(doc_id) if doc_id is not None else default_id
    text = _pick(row, fields.text)
    doc = InputDoc(
        doc_id=doc_id,
        text=text if isinstance(text, str) else None,
        input=where,
        title=_str(_pick(row, fields.title)),
        published=_str(_pick(row, fields.published)),
        url=_str(_pick(row, fields.url)),
        source=_str(_pick(row, fields.source)),
        encoding=encoding,
    )
    if text is None:
        doc.error = f"{where}: no text field (expected one of {', '.join(fields.text)})"
    elif not isinstance(text, str):
        doc.error = f"{where}: the text field is {type(text).__name__}, not a string"
    return doc


def _str(value) -> str | None:
    return None if value is None else str(value)


def read_txt(path: Path, doc_id: str) -> Iterator[InputDoc]:
    where = str(path)
    try:
        text, enc = decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {exc}")
        return
    yield InputDoc(doc_id=doc_id, text=text, input=where, encoding=enc, published=date_in_name(path.name))


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_name(name: str) -> str | None:
    """A publication date written in a file name ("2022-06-20-cairo.txt" -> "2022-06-20"): plain
    text files carry no metadata, and archives often name files by date."""
    m = _NAME_DATE.search(name)
    return "-".join(m.groups()) if m else None


def read_jsonl(path: Path, doc_id: str, fields: Fields) -> Iterator[InputDoc]:
    where = str(path)
    try:
        text, enc = decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {exc}")
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        here = f"{where}:{n}"
        default_id = f"{doc_id}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputDoc(doc_id=default_id, text=None, input=here, error=f"{here}: malformed JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield InputDoc(doc_id=default_id, text=None, input=here, error=f"{here}: a JSON object was expected")
            continue
        yield _from_row(row, fields, default_id, here, enc)


def read_csv(path: Path, doc_id: str, fields: Fields) -> Iterator[InputDoc]:
    where = str(path)
    try:
        text, enc = decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {exc}")
        return
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(text.splitlines(keepends=True))
    for n, row in enumerate(reader, start=1):
        here = f"{where}:row {n}"
        yield _from_row(row, fields, f"{doc_id}:{n}", here, enc)


def iter_files(paths: list[str | Path]) -> Iterator[tuple[Path, str]]:
    """(file, doc_id prefix) for every input file, folders searched recursively in sorted order."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUFFIXES):
                yield f, f.relative_to(p).as_posix()
        else:
            yield p, p.name


def read_inputs(paths: list[str | Path], fields: Fields | None = None) -> Iterator[InputDoc]:
    """Stream every document of the given files and folders."""
    fields = fields or Fields()
    for path, doc_id in iter_files(paths):
        suffix = path.suffix.lower()
        if not path.exists():
            yield InputDoc(doc_id=doc_id, text=None, input=str(path), error=f"{path}: no such file")
        elif suffix == ".jsonl":
            yield from read_jsonl(path, doc_id, fields)
        elif suffix == ".csv":
            yield from read_csv(path, doc_id, fields)
        else:
            yield from read_txt(path, doc_id)
