"""Batch runs: readers -> the spaCy pipeline -> records -> writers.

``process_text`` handles one text; ``run`` streams every input through ``nlp.pipe`` and writes the
tables. A document that fails gets a ``documents`` row with status ``error`` and the run goes on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .io.readers import Fields, InputDoc, read_inputs
from .io.writers import to_frame, write_manifest, write_table
from .records import SCHEMA, TABLES, doc_rows, document_row

DEFAULT_MAX_CHARS = 1_000_000


def parse_published(value) -> date | None:
    """A publication date from an input field ("2022-06-20", "2015-07-21 02:51:31", a ``date``);
    ``None`` when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as du

        return du.parse(text, dayfirst=True).date()
    except (ValueError, OverflowError, TypeError):
        return None


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


def make_doc(nlp: Language, text: str, published=None, doc_id: str | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = parse_published(published)
    doc._.doc_id = doc_id
    return doc


def process_text(nlp: Language, text: str, published=None, doc_id: str | None = None) -> dict[str, list[dict]]:
    """All records of one text (the ``extract`` API)."""
    doc_id = doc_id or sha256(text)[:16]
    item = InputDoc(doc_id=doc_id, text=text, input="<text>", published=_iso(published))
    result = Results()
    for rows in process_stream(nlp, [item]):
        result.add(rows)
    return result.tables


def _iso(value) -> str | None:
    d = parse_published(value)
    return d.isoformat() if d else (None if value is None else str(value))


def process_stream(
    nlp: Language, items: Iterable[InputDoc], max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32
) -> Iterator[dict[str, list[dict]]]:
    """For each input, in order, the rows it contributes to every table."""
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    base = {"pipeline_version": __version__}

    def meta(item: InputDoc) -> dict:
        pub = parse_published(item.published)
        return dict(
            base,
            doc_id=item.doc_id,
            input=item.input,
            source=item.source,
            url=item.url,
            title=item.title,
            published=pub.isoformat() if pub else item.published,
            encoding=item.encoding,
            sha256=sha256(item.text) if isinstance(item.text, str) else None,
        )

    pending: list[InputDoc] = []

    def flush() -> Iterator[dict[str, list[dict]]]:
        docs = [make_doc(nlp, it.text, it.published, it.doc_id) for it in pending]
        try:
            processed = list(nlp.pipe(docs, batch_size=batch_size))
        except Exception:  # one bad document must not sink the batch: redo one by one
            processed = []
            for d in docs:
                try:
                    processed.append(nlp(d))
                except Exception as exc:  # noqa: BLE001
                    processed.append(exc)
        for it, doc in zip(pending, processed, strict=True):
            if isinstance(doc, Exception):
                msg = f"{it.input}: pipeline failed ({type(doc).__name__}: {doc})"
                yield {"documents": [document_row(None, **meta(it), status="error", error=msg)]}
                continue
            rows = doc_rows(doc, it.doc_id)
            rows["documents"] = [document_row(doc, **meta(it), status="ok")]
            yield rows
        pending.clear()

    for item in items:
        problem = check_text(item, max_chars)
        if problem:
            yield from flush()
            yield {"documents": [document_row(None, **meta(item), status="error", error=problem)]}
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


@dataclass
class Results:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, rows: dict[str, list[dict]]) -> None:
        for table, items in rows.items():
            self.tables[table].extend(items)


def run(
    inputs: list[str | Path],
    outdir: str | Path,
    nlp: Language | None = None,
    fields: Fields | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    formats=("csv", "parquet"),
    progress: bool = True,
) -> dict:
    """Process every input and write the tables and the manifest; returns the manifest."""
    from .language import load

    t0 = time.perf_counter()
    outdir = Path(outdir)
    nlp = nlp or load()
    results = Results()
    seen: dict[str, str] = {}
    stream = _dedupe_ids(read_inputs(inputs, fields), seen)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="documents", unit="doc")
    for rows in process_stream(nlp, stream, max_chars=max_chars):
        results.add(rows)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    counts = {}
    for table in TABLES:
        frame = to_frame(table, results.tables[table])
        write_table(outdir, table, frame, formats)
        counts[table] = len(frame)
    docs = results.tables["documents"]
    failed = [d for d in docs if d["status"] != "ok"]
    manifest = {
        "pipeline_version": __version__,
        "options": {"max_chars": max_chars, "formats": list(formats), "components": nlp.pipe_names},
        "inputs": [str(p) for p in inputs],
        "counts": counts,
        "documents_ok": len(docs) - len(failed),
        "documents_failed": len(failed),
        "failed": [{"doc_id": d["doc_id"], "error": d["error"]} for d in failed[:1000]],
        "wall_seconds": round(time.perf_counter() - t0, 3),
        "tables": {t: list(SCHEMA[t]) for t in TABLES},
    }
    write_manifest(outdir, manifest)
    return manifest


def _dedupe_ids(items: Iterable[InputDoc], seen: dict[str, str]) -> Iterator[InputDoc]:
    """Mark a repeated doc_id as an error (the first occurrence wins)."""
    for item in items:
        if item.doc_id in seen:
            item.error = item.error or f"{item.input}: duplicate doc_id {item.doc_id!r} (first seen in {seen[item.doc_id]})"
        else:
            seen[item.doc_id] = item.input
        yield item
