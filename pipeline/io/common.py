"""What every reader shares: input field names, safe strings, a row (a JSON object or CSV row) made
into an ``InputDoc``, the ``--max-chars`` bounds, and the input sources (a file on disk, a member of
an archive, a compressed file) with their opening and encoding sniffing."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from ..published import against_crawl
from ..schema import InputDoc
from .encodings import _BAD, SNIFF_BYTES, sniff_lines
from .html import html_to_text, looks_like_html


@dataclass
class Fields:
    """Input field names; each entry lists the accepted names in order of preference. Names are
    matched exactly first, then ignoring case and surrounding spaces (a CSV header ``ID, Text``)."""

    id: tuple[str, ...] = ("id", "doc_id")
    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("published", "date", "date_published", "date_extracted")
    crawled: tuple[str, ...] = ("crawled", "crawl_time", "date_extracted")  # anchors "منذ ساعتين"
    url: tuple[str, ...] = ("url",)
    source: tuple[str, ...] = ("source",)

    def all(self) -> tuple[str, ...]:
        return (*self.id, *self.text, *self.title, *self.published, *self.url, *self.source)


@dataclass
class Source:
    """One readable input: a file, a member of a ``.zip`` or the content of a ``.gz``/``.bz2``/``.xz``.
    ``where``: how messages and the ``input`` column name it; ``doc_id``: the doc_id prefix;
    ``kind``: txt, html, jsonl, csv, tsv or json; ``name``: its own file name (dates in names);
    ``open()``: a binary stream (seekable); ``size``: bytes when known."""

    where: str
    doc_id: str
    kind: str
    name: str
    open: Callable[[], BinaryIO]
    size: int | None = None


class BigNumber(str):
    """A JSON number too long for ``int`` (more than 4,300 digits), kept as its text."""


def parse_int(text: str):
    return int(text) if len(text) <= 4300 else BigNumber(text)


def norm_name(name) -> str:
    return name.strip().strip("\ufeff").strip().casefold() if isinstance(name, str) else ""


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(s: str) -> int:
    """Index of the first lone surrogate (text that cannot be written as UTF-8), else -1."""
    m = _SURROGATE.search(s)
    return m.start() if m else -1


def clean(value) -> str | None:
    """A metadata value as a string that can be written (lone surrogates -> ``\\udcxx``)."""
    if value is None:
        return None
    s = value if type(value) is str else str(value)
    return s.encode("utf-8", "backslashreplace").decode("utf-8") if lone_surrogate(s) >= 0 else s


def use_text(doc: InputDoc, text: str, where: str, html: bool = False) -> InputDoc:
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


def pick(row: dict, names: tuple[str, ...]):
    """The first non-empty value among ``names``; exact names first, then ignoring case and spaces."""
    for name in names:
        if name in row and row[name] not in (None, ""):
            return row[name]
    if not any(name in row for name in names):
        folded = {}
        for key, value in row.items():
            folded.setdefault(norm_name(key), value)
        for name in names:
            value = folded.get(norm_name(name))
            if value not in (None, ""):
                return value
    return None


def _present(row: dict, names: tuple[str, ...]) -> list[str]:
    keys = {norm_name(k) for k in row}
    return [n for n in names if n in row or norm_name(n) in keys]


def from_row(
    row: dict, fields, default_id: str, where: str, encoding: str | None, max_chars: int | None = None
) -> InputDoc:
    """An ``InputDoc`` from a JSON object or a CSV row (``row`` maps field names to values)."""
    doc_id = pick(row, fields.id)
    doc = InputDoc(
        doc_id=clean(doc_id) if doc_id is not None else default_id,
        text=None,
        input=where,
        title=clean(pick(row, fields.title)),
        published=against_crawl(clean(pick(row, fields.published)), clean(pick(row, fields.crawled))),
        url=clean(pick(row, fields.url)),
        source=clean(pick(row, fields.source)),
        encoding=encoding,
    )
    text = pick(row, fields.text)
    if text is None:
        present = _present(row, fields.text)
        cause = f"the {present[0]!r} field is empty" if present else f"no text field (expected one of {', '.join(fields.text)})"
        doc.error = f"{where}: {cause}"
    elif isinstance(text, BigNumber):
        doc.error = f"{where}: the text field is a number of {len(text):,} digits, not a string"
    elif not isinstance(text, str):
        doc.error = f"{where}: the text field is {type(text).__name__}, not a string"
    else:
        use_text(doc, text, where)
    return limit(doc, where, max_chars)


def limit(doc: InputDoc, where: str, max_chars: int | None) -> InputDoc:
    """Refuse a text longer than ``max_chars`` characters (``--max-chars``)."""
    if doc.text is not None and max_chars is not None and len(doc.text) > max_chars:
        doc.error = f"{where}: document too long ({len(doc.text):,} characters; the limit is --max-chars {max_chars:,})"
        doc.text = None
    return doc


def too_big(size: int, max_chars: int | None, more: bool = False) -> str | None:
    if max_chars is not None and size > 4 * max_chars:
        what = f"more than {4 * max_chars:,} bytes" if more else f"{size:,} bytes, more than the {4 * max_chars:,} bytes"
        return f"document too long ({what} that --max-chars {max_chars:,} allows at 4 bytes a character); not read"
    return None


def error_doc(doc_id: str, where: str, cause: str, encoding: str | None = None) -> InputDoc:
    return InputDoc(doc_id=doc_id, text=None, input=where, encoding=encoding, error=f"{where}: {cause}")


def open_lines(src: Source) -> tuple[BinaryIO, str, str] | InputDoc:
    """(binary stream positioned after any UTF-8 BOM, codec to read it with, encoding to record)
    or an error document, for a file read line by line or item by item."""
    try:
        f = src.open()
        head = f.read(SNIFF_BYTES)
    except OSError as exc:  # BadGzipFile, LZMAError … are OSErrors without strerror
        return error_doc(src.doc_id, src.where, exc.strerror or f"cannot be read ({type(exc).__name__}: {exc})")
    except (EOFError, ValueError) as exc:  # compressed data cut short or damaged
        return error_doc(src.doc_id, src.where, f"cannot be read ({type(exc).__name__}: {exc})")
    if not head.strip():
        f.close()
        return error_doc(src.doc_id, src.where, "empty file (0 bytes)" if not head else "whitespace only, no documents")
    try:
        enc = sniff_lines(head)
    except ValueError as exc:
        f.close()
        return error_doc(src.doc_id, src.where, str(exc))
    f.seek(len(codecs.BOM_UTF8) if enc == "utf-8-sig" else 0)
    return f, ("utf-8" if enc == "utf-8-sig" else enc), enc
