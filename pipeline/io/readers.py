"""Readers: files and folders of articles -> a stream of ``InputDoc``.

A path is a file or a folder (searched recursively, in sorted order, for ``.txt``, ``.html``,
``.htm``, ``.jsonl`` and ``.csv``; other files in a folder are ignored). ``.txt`` / ``.html``: one
article per file, its id the path relative to the folder given. ``.jsonl`` and ``.csv``: one
article per line / row, fields ``id``, ``text`` or ``content``, optional ``title``, ``published``
or ``date``, ``url``, ``source``; JSONL and CSV files are read line by line (memory does not grow
with the file).

Nothing that can be read is dropped: a document that cannot be read still comes out, with
``error`` set to a plain message naming the file, the line or row and the cause, so that it gets
its row in the documents table. See the README section "Bad input and safe output".

Encodings (``decode``): a byte-order mark (UTF-8, UTF-16, UTF-32) wins; UTF-16 without a mark is
recognised by its NUL bytes; then UTF-8; a file that is
UTF-8 except for a few damaged bytes is an error (it is not a legacy encoding); otherwise
charset-normalizer chooses among Windows-1256, ISO-8859-6 and Windows-1252. Binary files
(known signatures, NUL bytes) are errors. The encoding used goes to ``InputDoc.encoding``.
HTML (an ``.html`` file, or a text field that is markup) is reduced to text
(:mod:`pipeline.io.html`); the text used is kept in ``meta["text_used"]``.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..schema import InputDoc
from .html import html_to_text, looks_like_html

SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
LEGACY = {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "cp1252": "windows-1252"}
BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"%PDF-": "a PDF document",
    b"\x1f\x8b": "gzip-compressed data",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Microsoft Office document",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"SQLite format 3\x00": "an SQLite database",
}
SNIFF_BYTES = 1 << 16
_BAD = "\udcff"  # marks undecodable bytes in line-by-line reading (a lone surrogate never survives)
codecs.register_error("pipeline_mark", lambda exc: (_BAD, exc.end))


@dataclass
class Fields:
    """Input field names; each entry lists the accepted names in order of preference."""

    id: tuple[str, ...] = ("id", "doc_id")
    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("published", "date", "date_published", "date_extracted")
    url: tuple[str, ...] = ("url",)
    source: tuple[str, ...] = ("source",)


# --- encodings ---------------------------------------------------------------------------------


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def binary_kind(head: bytes) -> str | None:
    """What a file is when its first bytes say it is not text (``None`` for text)."""
    for sig, kind in SIGNATURES.items():
        if head.startswith(sig):
            return kind
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"binary data (a NUL byte at byte {nul})"
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when bytes with NULs are UTF-16 text without a byte-order mark:
    the NULs (high bytes of ASCII characters) all on one side, and the text decodes cleanly."""
    sample = data[:SNIFF_BYTES]
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(data) % 2 or even + odd == 0:
        return None
    enc = "utf-16-le" if even * 20 <= odd else "utf-16-be" if odd * 20 <= even else None
    if enc is None:
        return None
    try:
        text = codecs.getincrementaldecoder(enc)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    return enc if text and controls * 100 <= len(text) else None


def _bom(data: bytes) -> str | None:
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (not a legacy encoding): most non-ASCII sequences are valid."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    return good >= 4 and bad * 10 <= good


def _legacy(data: bytes) -> str | None:
    """The legacy encoding (Python codec name) charset-normalizer finds, or ``None``."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20], cp_isolation=list(LEGACY)).best()
    encoding = best.encoding if best is not None and best.encoding in LEGACY else None
    if encoding in (None, "cp1252") and _arabic_share(data.decode("cp1256")) > 0.5:
        encoding = "cp1256"  # short Arabic texts look like Latin-1 accents to a detector
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    return encoding if controls * 100 <= len(text) else None


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters) if letters else 0.0


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of an article; returns (text, encoding) where ``data.decode(encoding) ==
    text``. Raises ``ValueError`` with a plain message when the bytes are not text."""
    enc = _bom(data)
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"invalid {enc.upper()} after its byte-order mark ({exc.reason} at byte {exc.start})"
            ) from None
    kind = binary_kind(data[:SNIFF_BYTES])
    if kind and kind.startswith("binary data"):
        enc = _bomless_utf16(data)
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    if kind:
        raise ValueError(f"not text: {kind}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}, line {_line_of(data, exc.start)}"
        if _mostly_utf8(data):
            raise ValueError(f"invalid UTF-8 ({exc.reason} at {where}); the rest of the file is UTF-8") from None
        legacy = _legacy(data)
        if legacy:
            return data.decode(legacy), LEGACY[legacy]
        raise ValueError(
            f"not valid UTF-8 ({exc.reason} at {where}) and not Windows-1256, ISO-8859-6 or Windows-1252 text"
        ) from None


def sniff(head: bytes) -> str:
    """The encoding of a line-oriented file (JSONL, CSV) from its first bytes; ``ValueError``
    for binary files. Lines that do not decode become errors of their own."""
    enc = _bom(head)
    if enc:
        return enc
    kind = binary_kind(head)
    if kind and kind.startswith("binary data") and _bomless_utf16(head):
        return _bomless_utf16(head) or ""
    if kind:
        raise ValueError(f"not text: {kind}")
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        dec.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):
        return "utf-8"
    return LEGACY.get(_legacy(head) or "", "utf-8")


# --- safe strings ------------------------------------------------------------------------------


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(s: str) -> int:
    """Index of the first lone surrogate (text that cannot be written as UTF-8), else -1."""
    m = _SURROGATE.search(s)
    return m.start() if m else -1


def clean(value) -> str | None:
    """A metadata value as a string that can be written (lone surrogates -> ``\\udcxx``)."""
    if value is None:
        return None
    s = value if isinstance(value, str) else str(value)
    return s.encode("utf-8", "backslashreplace").decode("utf-8") if lone_surrogate(s) >= 0 else s


def _use_text(doc: InputDoc, text: str, where: str, html: bool = False) -> InputDoc:
    """Set the document's text: HTML reduced, undecodable or unwritable text made an error."""
    bad = lone_surrogate(text)
    if bad >= 0:
        what = "bytes that do not decode" if text[bad] == _BAD else "a lone surrogate (invalid Unicode)"
        doc.error = f"{where}: the text contains {what} at character {bad}"
        return doc
    if html or looks_like_html(text):
        try:
            reduced, title = html_to_text(text)
        except Exception as exc:  # noqa: BLE001 - html.parser is lenient; be safe anyway
            doc.error = f"{where}: could not reduce the HTML to text ({type(exc).__name__}: {exc})"
            return doc
        doc.title = doc.title or clean(title)
        doc.meta["note"] = "HTML reduced to text; offsets refer to text_used"
        doc.meta["text_used"] = reduced
        if not reduced.strip():
            doc.error = f"{where}: the HTML markup contains no text"
            return doc
        text = reduced
    doc.text = text
    return doc


# --- readers -----------------------------------------------------------------------------------


def _pick(row: dict, names: tuple[str, ...]):
    for name in names:
        if name in row and row[name] not in (None, ""):
            return row[name]
    return None


def _from_row(
    row: dict, fields: Fields, default_id: str, where: str, encoding: str, max_chars: int | None = None
) -> InputDoc:
    doc_id = _pick(row, fields.id)
    doc = InputDoc(
        doc_id=clean(doc_id) if doc_id is not None else default_id,
        text=None,
        input=where,
        title=clean(_pick(row, fields.title)),
        published=clean(_pick(row, fields.published)),
        url=clean(_pick(row, fields.url)),
        source=clean(_pick(row, fields.source)),
        encoding=encoding,
    )
    text = _pick(row, fields.text)
    if text is None:
        present = [n for n in fields.text if n in row]
        cause = f"the {present[0]!r} field is empty" if present else f"no text field (expected one of {', '.join(fields.text)})"
        doc.error = f"{where}: {cause}"
    elif not isinstance(text, str):
        doc.error = f"{where}: the text field is {type(text).__name__}, not a string"
    else:
        _use_text(doc, text, where)
    return _limit(doc, where, max_chars)


def _limit(doc: InputDoc, where: str, max_chars: int | None) -> InputDoc:
    """Refuse a text longer than ``max_chars`` characters (``--max-chars``)."""
    if doc.text is not None and max_chars is not None and len(doc.text) > max_chars:
        doc.error = f"{where}: document too long ({len(doc.text):,} characters; the limit is --max-chars {max_chars:,})"
        doc.text = None
    return doc


def _display(path: Path) -> str:
    return clean(str(path)) or ""


def _too_big(size: int, max_chars: int | None) -> str | None:
    if max_chars is not None and size > 4 * max_chars:
        return (
            f"document too long ({size:,} bytes, more than the {4 * max_chars:,} bytes that "
            f"--max-chars {max_chars:,} allows at 4 bytes a character); not read"
        )
    return None


def read_txt(path: Path, doc_id: str, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per file (``.txt``; ``.html``/``.htm`` reduced to text)."""
    where = _display(path)
    doc = InputDoc(doc_id=doc_id, text=None, input=where, published=date_in_name(path.name))
    try:
        problem = _too_big(path.stat().st_size, max_chars)
        if problem:
            doc.error = f"{where}: {problem}"
            yield doc
            return
        data = path.read_bytes()
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
    _use_text(doc, text, where, html=path.suffix.lower() in HTML_SUFFIXES)
    yield _limit(doc, where, max_chars)


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_name(name: str) -> str | None:
    """A publication date written in a file name ("2022-06-20-cairo.txt" -> "2022-06-20"): plain
    text files carry no metadata, and archives often name files by date."""
    m = _NAME_DATE.search(name)
    return "-".join(m.groups()) if m else None


def _binary_lines(f, limit: int | None) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) of each line; bytes ``None`` when longer than ``limit``
    (the line is skipped without being kept in memory)."""
    n = 0
    while True:
        chunk = f.readline(limit + 1) if limit else f.readline()
        if not chunk:
            return
        n += 1
        if limit and len(chunk) > limit and not chunk.endswith(b"\n"):
            size = len(chunk)
            while chunk and not chunk.endswith(b"\n"):
                chunk = f.readline(1 << 20)
                size += len(chunk)
            yield n, None, size
        else:
            yield n, chunk, len(chunk)


def _text_lines(f, encoding: str, limit: int | None) -> Iterator[tuple[int, str | None, int]]:
    """Decoded lines, keeping line ends. ASCII-compatible encodings are decoded line by line
    (a bad byte spoils one line); UTF-16/32 through a text wrapper."""
    if encoding.startswith(("utf-16", "utf-32")):
        wrapper = io.TextIOWrapper(f, encoding=encoding, errors="pipeline_mark", newline="")
        for n, line in enumerate(wrapper, start=1):
            yield n, line, len(line)
        return
    for n, raw, size in _binary_lines(f, limit):
        yield n, (raw.decode(encoding, "pipeline_mark") if raw is not None else None), size


def _open_lines(path: Path, where: str, doc_id: str) -> tuple[io.BufferedReader, str, str] | InputDoc:
    """(binary file positioned after any UTF-8 BOM, codec to read it with, encoding to record)
    or an error document."""
    try:
        f = path.open("rb")
        head = f.read(SNIFF_BYTES)
    except OSError as exc:
        return InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {exc.strerror or exc}")
    if not head.strip():
        f.close()
        what = "empty file (0 bytes)" if not head else "whitespace only, no documents"
        return InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {what}")
    try:
        enc = sniff(head)
    except ValueError as exc:
        f.close()
        return InputDoc(doc_id=doc_id, text=None, input=where, error=f"{where}: {exc}")
    f.seek(len(codecs.BOM_UTF8) if enc == "utf-8-sig" else 0)
    return f, ("utf-8" if enc == "utf-8-sig" else enc), enc


def read_jsonl(path: Path, doc_id: str, fields: Fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per line (a JSON object); a bad line is an error of its own."""
    where = _display(path)
    opened = _open_lines(path, where, doc_id)
    if isinstance(opened, InputDoc):
        yield opened
        return
    f, enc, recorded = opened
    limit = 4 * max_chars + 64 if max_chars is not None else None
    count = 0
    with f:
        for n, line, size in _text_lines(f, enc, limit):
            if line is not None and not line.strip():
                continue
            count += 1
            here = f"{where}:{n}"
            default_id = f"{doc_id}:{n}"
            if line is None:
                err = f"{here}: {_too_big(size, max_chars)}"
                yield InputDoc(doc_id=default_id, text=None, input=here, encoding=recorded, error=err)
                continue
            bad = line.find(_BAD)
            if bad >= 0:
                err = f"{here}: bytes that are not {recorded.upper()} at character {bad} of the line"
                yield InputDoc(doc_id=default_id, text=None, input=here, encoding=recorded, error=err)
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                if isinstance(exc, json.JSONDecodeError):
                    cause = f"{exc.msg.removesuffix(' at')}, at column {exc.colno}"
                else:
                    cause = "nested too deeply"
                yield InputDoc(doc_id=default_id, text=None, input=here, encoding=recorded, error=f"{here}: malformed JSON ({cause})")
                continue
            if not isinstance(row, dict):
                err = f"{here}: a JSON object was expected, not {type(row).__name__}"
                yield InputDoc(doc_id=default_id, text=None, input=here, encoding=recorded, error=err)
                continue
            yield _from_row(row, fields, default_id, here, recorded, max_chars)
    if count == 0:
        yield InputDoc(doc_id=doc_id, text=None, input=where, encoding=recorded, error=f"{where}: no documents (blank lines only)")


def read_csv(path: Path, doc_id: str, fields: Fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per row, the first row the header; a bad row is an error of its own."""
    where = _display(path)
    opened = _open_lines(path, where, doc_id)
    if isinstance(opened, InputDoc):
        yield opened
        return
    f, enc, recorded = opened
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # process-wide: only ever raised
    with f:
        lines = (line for _, line, _ in _text_lines(f, enc, None))
        first = next(lines, "")
        reader = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first))
        try:
            header = next(reader)
        except (csv.Error, StopIteration) as exc:
            yield InputDoc(doc_id=doc_id, text=None, input=where, encoding=recorded, error=f"{where}: unreadable CSV header ({exc})")
            return
        header = [clean(h) or "" for h in header]
        has_text = any(n in header for n in fields.text)
        n = 0
        while True:
            n += 1
            here = f"{where}:row {n}"
            default_id = f"{doc_id}:{n}"
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                here = f"{here} (line {reader.line_num})"
                err = f"{here}: unreadable CSV row ({exc})"
                yield InputDoc(doc_id=default_id, text=None, input=here, encoding=recorded, error=err)
                continue
            here = f"{here} (line {reader.line_num})"
            if not values:
                n -= 1
                continue
            row = dict(zip(header, values, strict=False))
            doc = _from_row(row, fields, default_id, here, recorded, max_chars)
            if not has_text:
                doc.error = f"{here}: the CSV has no text column (columns: {', '.join(header)}; expected one of {', '.join(fields.text)})"
            elif len(values) < len(header):
                missing = [h for h in header[len(values):] if h in fields.text]
                if missing:
                    doc.error = f"{here}: the row has {len(values)} of the {len(header)} columns; no value for {missing[0]!r}"
            if doc.error:
                doc.text = None
            yield doc
        if n == 1:
            yield InputDoc(doc_id=doc_id, text=None, input=where, encoding=recorded, error=f"{where}: no rows after the header")


def is_output_folder(folder: Path) -> bool:
    """True for a folder this pipeline wrote (its ``manifest.json`` names the tables)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "pipeline_version" in manifest and "tables" in manifest


def _delimiter(header: str) -> str:
    """``,`` unless the header line has none and is split by ``;`` or a tab (spreadsheet exports
    in many locales)."""
    if "," in header:
        return ","
    counts = {d: header.count(d) for d in (";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """(file, doc_id prefix) for every input file, folders searched recursively in sorted order.
    Inside a folder, sub-folders holding the pipeline's own output (``run data -o data/out``) are
    skipped, so that tables are never read back as articles."""
    for p in map(Path, paths):
        if p.is_dir():
            outputs = {m.parent for m in p.rglob("manifest.json") if m.parent != p and is_output_folder(m.parent)}
            found = (
                x for x in p.rglob("*")
                if x.suffix.lower() in SUFFIXES and x.is_file() and not outputs.intersection(x.parents)
            )  # fmt: skip
            for f in sorted(found, key=lambda x: x.relative_to(p).as_posix()):
                yield f, clean(f.relative_to(p).as_posix()) or ""
        else:
            yield p, clean(p.name) or ""


def read_inputs(
    paths: Iterable[str | Path], fields: Fields | None = None, max_chars: int | None = None
) -> Iterator[InputDoc]:
    """Stream every document of the given files and folders. ``max_chars``: files and lines too
    long to hold that many characters are refused without being read."""
    fields = fields or Fields()
    for path, doc_id in iter_files(paths):
        suffix = path.suffix.lower()
        if not path.exists():
            yield InputDoc(doc_id=doc_id, text=None, input=_display(path), error=f"{_display(path)}: no such file")
        elif suffix == ".jsonl":
            yield from _guarded(read_jsonl(path, doc_id, fields, max_chars), path, doc_id)
        elif suffix == ".csv":
            yield from _guarded(read_csv(path, doc_id, fields, max_chars), path, doc_id)
        else:
            yield from _guarded(read_txt(path, doc_id, max_chars), path, doc_id)


def _guarded(items: Iterator[InputDoc], path: Path, doc_id: str) -> Iterator[InputDoc]:
    """A file that fails in the middle (an I/O error, a reader bug) ends with one error document
    for its unread rest; the next files are still read."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one file must not stop the batch
        where = f"{_display(path)}:unread"
        cause = f"reading stopped ({type(exc).__name__}: {exc}); the rest of the file was not read"
        yield InputDoc(doc_id=f"{doc_id}:unread", text=None, input=where, error=f"{where}: {cause}")


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


_WHERE = re.compile(r":(?:\d+|row \d+ \(line \d+\)|unread)$")


def texts_of(documents, fields: Fields | None = None) -> dict[str, str]:
    """``{doc_id: the text the offsets refer to}`` for the ``ok`` rows of a documents table (a
    DataFrame or a list of dicts): ``text_used`` when the row has one (HTML reduced), else the
    text read again from the input file, line or row. For checking ``raw[start:end] == text``."""
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
            wanted.setdefault(_WHERE.sub("", row["input"]), []).append(row)
    for path, group in wanted.items():
        by_input = {it.input: it.text for it in read_inputs([path], fields)}
        for row in group:
            if by_input.get(row["input"]) is not None:
                out[row["doc_id"]] = by_input[row["input"]]
    return out
