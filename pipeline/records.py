"""Doc -> table rows (the schema itself is :mod:`pipeline.schema`).

Every stage stores its results on the ``Doc`` (``doc.ents`` and span groups ``dates``,
``numbers``, ``quotes``) with typed extension attributes named after the table's columns; this
module turns them into rows. Every row carries ``doc_id`` and character offsets ``start``/``end``
into the raw text with ``raw[start:end] == text``.
"""

from __future__ import annotations

import hashlib

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from ._version import __version__
from .published import read_published
from .schema import SCHEMA, SPAN_GROUPS, TABLES, InputDoc  # noqa: F401  (TABLES: re-exported)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the token arrays (``doc.text`` makes a ``Token`` object per token)."""
    strings = doc.vocab.strings
    return "".join([strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist()])


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number (0-based) of every token."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    starts = doc.to_array(SENT_START).astype(numpy.int64) == 1  # is_sent_start (-1 and 0: no)
    return numpy.maximum(numpy.cumsum(starts) - 1, 0).tolist()


# per table: how each column is read from a span (in SCHEMA order; quotes: quote_id before start)
_BASE_COLS = ("doc_id", "start", "end", "text", "sentence_id", "label")
_EXT_COLS = {t: tuple(c for c in SCHEMA[t] if c not in _BASE_COLS) for t in ("entities", *SPAN_GROUPS)}


def _span_row(doc_id: str, span: Span, table: str, sent_of: list[int], raw: str) -> dict:
    start, end = span.start_char, span.end_char
    ext = span._
    values = {"doc_id": doc_id, "start": start, "end": end, "text": raw[start:end],
              "sentence_id": sent_of[span.start] if span.end > span.start else None}
    if "label" in SCHEMA[table]:
        values["label"] = span.label_
    for col in _EXT_COLS[table]:
        values[col] = getattr(ext, col)
    return {col: values[col] for col in SCHEMA[table]}


def doc_rows(doc: Doc, doc_id: str | None = None) -> dict[str, list[dict]]:
    """Rows of the entities, dates, numbers and quotes tables for one processed ``Doc``."""
    doc_id = doc_id if doc_id is not None else (doc._.doc_id or "")
    sent_of = _sentence_index(doc)
    raw = doc_text(doc)  # span.text == raw[start_char:end_char]
    out: dict[str, list[dict]] = {"entities": [_span_row(doc_id, ent, "entities", sent_of, raw) for ent in doc.ents]}
    for group in SPAN_GROUPS:
        spans = sorted(doc.spans[group], key=lambda s: (s.start_char, s.end_char)) if group in doc.spans else []
        out[group] = [_span_row(doc_id, s, group, sent_of, raw) for s in spans]
    return out


def document_row(doc: Doc | None, **fields) -> dict:
    """The ``documents`` row: counts from the ``Doc`` (when there is one) plus given fields."""
    row = dict.fromkeys(SCHEMA["documents"])
    if doc is not None:
        n = len(doc)
        flags = doc.to_array([IS_SPACE, IS_PUNCT]) if n else numpy.zeros((0, 2), dtype="uint64")
        row["n_chars"] = doc[-1].idx + len(doc[-1].text_with_ws) if n else 0  # len(doc.text)
        row["n_words"] = int(n - numpy.count_nonzero(flags.any(axis=1)))  # not space, not punctuation
        if not doc.has_annotation("SENT_START"):
            row["n_sentences"] = None
        elif "sents" in doc.user_hooks or n == 0:
            row["n_sentences"] = sum(1 for _ in doc.sents)
        else:  # what doc.sents yields: the first token, then every token whose sent_start is 1
            row["n_sentences"] = 1 + int(numpy.count_nonzero(doc.to_array(SENT_START)[1:].astype(numpy.int64) == 1))
    row.update({k: v for k, v in fields.items() if k in row})
    return row


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_text(item: InputDoc, max_chars: int) -> str | None:
    """Why a document cannot be processed, in plain words; ``None`` when it can."""
    if item.error:
        return item.error
    if item.text is None or item.text == "":
        return f"{item.input}: empty document (no text)"
    if not item.text.strip():
        return f"{item.input}: the text is whitespace only"
    if len(item.text) > max_chars:
        return f"{item.input}: document too long ({len(item.text):,} characters; the limit is {max_chars:,}, see --max-chars)"
    return None


def input_fields(item: InputDoc) -> dict:
    """The ``documents`` columns that come from the input (not from the ``Doc``)."""
    pub = read_published(item.published)  # ISO at its precision; an unreadable field goes to note
    return dict(
        pipeline_version=__version__,
        doc_id=item.doc_id,
        input=item.input,
        source=item.source,
        url=item.url,
        title=item.title,
        published=pub.iso,
        encoding=item.encoding,
        sha256=sha256(item.text) if isinstance(item.text, str) else None,
        note="; ".join(filter(None, (item.meta.get("note"), pub.note))) or None,
        text_used=item.meta.get("text_used"),
    )


def input_row(item: InputDoc, doc: Doc | None = None, error: str | None = None) -> dict:
    """The one place a ``documents`` row is built: the input's fields, the counts of ``doc``
    (when it was processed) and the status (``error`` when ``error`` is given)."""
    if error is not None:
        return document_row(None, **input_fields(item), status="error", error=error)
    return document_row(doc, **input_fields(item), status="ok")

